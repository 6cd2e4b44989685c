// The scoreboard follows the verified scores: it asks every few seconds with If-None-Match
// (an unchanged board costs a 304 without a body) and pages through long lists on a screen.
const board = document.getElementById("scoreboard");

function cell(text, className) {
  const td = document.createElement("td");
  if (className) td.className = className;
  td.textContent = text;
  return td;
}

function row(team, sharedText) {
  const tr = document.createElement("tr");
  const rank = cell(team.rank ?? "–");
  if (team.shared) {
    const shared = document.createElement("span");
    shared.className = "shared";
    shared.textContent = ` (${sharedText})`;
    rank.append(shared);
  }
  const name = cell("");
  if (team.number) {
    const number = document.createElement("span");
    number.className = "muted";
    number.textContent = `#${team.number} `;
    name.append(number);
  }
  name.append(team.name);
  tr.append(rank, name, ...team.scores.map((score) => cell(score ?? "", "number")));
  const best = cell("", "number");
  const strong = document.createElement("strong");
  strong.textContent = team.best ?? "";
  best.append(strong);
  tr.append(best);
  return tr;
}

if (board) {
  const tbody = board.querySelector("tbody");
  const pageSize = Number(board.dataset.pageSize);
  const pageNote = document.getElementById("page-note");
  let etag = null;
  let rows = [...tbody.children];
  let page = 0;

  const showPage = () => {
    if (!pageSize || rows.length <= pageSize) {
      rows.forEach((tr) => (tr.hidden = false));
      pageNote.textContent = "";
      return;
    }
    const pages = Math.ceil(rows.length / pageSize);
    page %= pages;
    rows.forEach((tr, index) => (tr.hidden = Math.floor(index / pageSize) !== page));
    pageNote.textContent = board.dataset.pageText
      .replace("{page}", String(page + 1))
      .replace("{pages}", String(pages));
  };

  const refresh = async () => {
    try {
      const headers = etag ? { "If-None-Match": etag } : {};
      const response = await fetch(board.dataset.api, { cache: "no-store", headers });
      if (response.status !== 200) return;
      etag = response.headers.get("ETag");
      const data = await response.json();
      if (!data.teams.length) return;
      rows = data.teams.map((team) => row(team, board.dataset.sharedText));
      tbody.replaceChildren(...rows);
      document.getElementById("frozen-note").hidden = !data.frozen;
      showPage();
    } catch {
      // the venue's wifi dropped: keep showing what we have
    }
  };

  showPage();
  refresh();
  setInterval(refresh, Number(board.dataset.poll) * 1000);
  if (pageSize) {
    setInterval(() => {
      page += 1;
      showPage();
    }, 8000);
  }
}
