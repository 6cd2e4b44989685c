// The audience screen: as many teams as fit on the screen, the next page every few seconds.
// The pause button or the space bar stops the turning; the arrow keys turn a page by hand.
import { drawBoard, followBoard } from "./board.js";

const screen = document.getElementById("screen");

// Rows that fit between the top of the table body and the bottom of the board area.
function rowsPerPage(area, tbody) {
  const sample = [...tbody.rows].find((tr) => !tr.hidden);
  const height = sample?.getBoundingClientRect().height;
  if (!height) return tbody.rows.length;
  const room = area.getBoundingClientRect().bottom - tbody.getBoundingClientRect().top;
  return Math.max(1, Math.floor(room / height));
}

if (screen) {
  const area = screen.querySelector(".screen-board");
  const tbody = area.querySelector("table.standings").tBodies[0];
  const indicator = screen.querySelector(".screen-page");
  const pageNumber = document.getElementById("screen-page");
  const pause = document.getElementById("screen-pause");
  const pauseLabel = document.getElementById("screen-pause-label");
  const turnAfter = Number(screen.dataset.turn) * 1000;
  let page = 0;
  let paused = false;
  let timer = null;

  const show = () => {
    const size = rowsPerPage(area, tbody);
    const pages = Math.max(1, Math.ceil(tbody.rows.length / size));
    page = ((page % pages) + pages) % pages;
    [...tbody.rows].forEach((tr, index) => (tr.hidden = Math.floor(index / size) !== page));
    pageNumber.textContent = `${page + 1}/${pages}`;
    indicator.hidden = pages < 2;
    pause.hidden = pages < 2;
  };

  const schedule = () => {
    clearTimeout(timer);
    if (!paused) timer = setTimeout(() => turn(1), turnAfter);
  };

  const turn = (step) => {
    page += step;
    show();
    schedule();
  };

  const togglePause = () => {
    paused = !paused;
    pauseLabel.textContent = paused ? screen.dataset.resumeText : screen.dataset.pauseText;
    screen.classList.toggle("paused", paused);
    schedule();
  };

  const keys = { " ": togglePause, ArrowRight: () => turn(1), ArrowLeft: () => turn(-1) };
  document.addEventListener("keydown", (event) => {
    const action = keys[event.key];
    const ownKey = event.key === " " && event.target.closest("button"); // it clicks itself
    if (!action || ownKey || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  });
  pause.addEventListener("click", togglePause);
  window.addEventListener("resize", show);

  screen.classList.add("paged");
  show();
  schedule();
  followBoard(screen.dataset.api, Number(screen.dataset.poll), (board) => {
    drawBoard(screen, board);
    show();
  });
}
