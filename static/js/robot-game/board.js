// The public scoreboard, shared by the phone page and the audience screen: follow the JSON
// every few seconds, and draw it in the standings table of templates/robot_game/_standings.html.

// A proxy may weaken an ETag (W/"…") when it compresses the body; the board is the same.
const bare = (etag) => etag?.replace(/^W\//, "");
const sameTag = (a, b) => a !== null && bare(a) === bare(b);

/**
 * Ask for the board every `seconds` with If-None-Match; `show(board)` runs only when it changed.
 * A 304, or a 200 from a proxy cache with the ETag we already have, both mean "unchanged".
 */
export function followBoard(url, seconds, show) {
  let etag = null;
  const check = async () => {
    try {
      const response = await fetch(url, {
        cache: "no-store",
        headers: etag ? { "If-None-Match": etag } : {},
      });
      if (response.status !== 200) return;
      const fresh = response.headers.get("ETag");
      if (sameTag(fresh, etag)) return;
      show(await response.json());
      etag = fresh;
    } catch {
      // the venue's wifi dropped or a proxy answered garbage: keep showing what we have
    }
  };
  check();
  setInterval(check, seconds * 1000);
}

function cell(text, className) {
  const td = document.createElement("td");
  if (className) td.className = className;
  td.textContent = text;
  return td;
}

function span(text, className) {
  const element = document.createElement("span");
  element.className = className;
  element.textContent = text;
  return element;
}

function roundName(texts, number) {
  return texts.roundText.replace("{number}", String(number));
}

function teamCell(team, texts) {
  const td = cell("", "team");
  if (team.number) td.append(span(`#${team.number}`, "team-number"), " ");
  td.append(span(team.name, "team-name"));
  if (team.scores.length) {
    const line = team.scores.map((score, index) => `${roundName(texts, index + 1)} ${score ?? "–"}`);
    td.append(span(line.join(" · "), "round-line"));
  }
  return td;
}

function row(team, texts) {
  const tr = document.createElement("tr");
  if (team.team_id != null) tr.dataset.team = String(team.team_id);  // old frozen boards: none
  tr.dataset.scores = team.scores.join(" ");
  const rank = cell(team.rank ?? "–", "rank");
  if (team.shared) rank.append(" ", span(`(${texts.sharedText})`, "shared"));
  const best = cell("", "number best");
  const strong = document.createElement("strong");
  strong.textContent = team.best ?? "";
  best.append(strong);
  const scores = team.scores.map((score) => cell(score ?? "", "number round"));
  tr.append(rank, teamCell(team, texts), ...scores, best);
  return tr;
}

function emptyRow(table, rounds) {
  const tr = document.createElement("tr");
  const td = cell(table.dataset.emptyText);
  td.colSpan = rounds + 3;
  tr.append(td);
  return tr;
}

function roundHeads(table, rounds) {
  const heads = table.querySelectorAll("thead th.round");
  if (heads.length === rounds) return;
  heads.forEach((th) => th.remove());
  const best = table.querySelector("thead th.best");
  for (let number = 1; number <= rounds; number += 1) {
    const th = document.createElement("th");
    th.scope = "col";
    th.className = "number round";
    th.textContent = roundName(table.dataset, number);
    best.before(th);
  }
}

/**
 * Draw `board` in the standings table and the frozen note inside `root`; rows whose scores
 * changed since the last drawing get the class "changed".
 */
export function drawBoard(root, board) {
  const table = root.querySelector("table.standings");
  const tbody = table.tBodies[0];
  const before = new Map([...tbody.rows].map((tr) => [tr.dataset.team, tr.dataset.scores]));
  roundHeads(table, board.rounds);
  const rows = board.teams.map((team) => row(team, table.dataset));
  for (const tr of rows) {
    const earlier = before.get(tr.dataset.team);
    if (earlier !== undefined && earlier !== tr.dataset.scores) tr.classList.add("changed");
  }
  tbody.replaceChildren(...(rows.length ? rows : [emptyRow(table, board.rounds)]));
  root.querySelector(".frozen-note").hidden = !board.frozen;
}
