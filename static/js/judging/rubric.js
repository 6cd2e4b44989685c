// A judge's rubric on a tablet: drafts are kept on this tablet as the judge goes and saved on the
// server when it can be reached, and a submission goes through the outbox, so it survives bad
// wifi and arrives once. Without JavaScript the form posts as is.
import { deliver, newClientKey, pending, post, queue } from "../outbox.js";

const form = document.getElementById("rubric");
const draftStatus = document.getElementById("draft-status");
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_match, name) => values[name] ?? "");
const clock = () => new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

// One draft per judge: another judge on the same tablet never gets it.
function draftKey() {
  const { event, team, rubric, judge } = form.dataset;
  return `judging-draft-${event}-${team}-${rubric}-${judge}`;
}

function rows() {
  return [...form.querySelectorAll(".rubric-row")].map((row) => row.id.replace(/^row-/, ""));
}

function payload(state) {
  const levels = {};
  const notes = {};
  for (const row of rows()) {
    const chosen = form.querySelector(`input[name="level-${row}"]:checked`);
    if (chosen) levels[row] = chosen.value === "nj" ? null : Number(chosen.value);
    const note = form.elements[`note-${row}`].value.trim();
    if (note) notes[row] = note;
  }
  return {
    client_key: form.elements.client_key.value,
    team: Number(form.dataset.team),
    rubric: form.dataset.rubric,
    levels,
    notes,
    went_well: form.elements.went_well.value.trim(),
    think_about: form.elements.think_about.value.trim(),
    status: state,
    device_time: new Date().toISOString(),
  };
}

function restore(saved) {
  for (const [row, level] of Object.entries(saved.levels ?? {})) {
    const input = form.querySelector(`input[name="level-${row}"][value="${level ?? "nj"}"]`);
    if (input) input.checked = true;
  }
  for (const [row, note] of Object.entries(saved.notes ?? {})) {
    const field = form.elements[`note-${row}`];
    if (field) field.value = note;
  }
  form.elements.went_well.value = saved.went_well ?? "";
  form.elements.think_about.value = saved.think_about ?? "";
}

const keepDraft = () => localStorage.setItem(draftKey(), JSON.stringify(payload("draft")));

let timer;
let tried = Boolean(document.getElementById("problems")); // the server refused it: marks follow
async function saveDraft() {
  keepDraft();
  const response = await post(document.getElementById("outbox").dataset.api, payload("draft"));
  const body = response?.ok ? await response.json().catch(() => ({})) : {};
  const text = body.stored === true ? form.dataset.draftText : form.dataset.draftLocalText;
  draftStatus.textContent = fill(text, { time: clock() });
}

// What still keeps a rubric from being submitted, per row: no level yet, or a level from
// `noteFrom` (Exceeds) without a note on how the team exceeded.
export function rowProblems(rubric, rows, noteFrom) {
  const problems = {};
  for (const row of rows) {
    if (!(row in rubric.levels)) problems[row] = "not_answered";
    else if (rubric.levels[row] >= noteFrom && !rubric.notes[row]) problems[row] = "note_needed";
  }
  return problems;
}

// "2 rows still need an answer or a note." (texts: the form's one and other form).
export const countText = (texts, count) => (count === 1 ? texts.one : texts.other).replace("{count}", count);

// Each row with a problem says it under the row (`problems`: a code, or the server's message);
// what it is about (the levels or the note) points at that message and is invalid. Answers the
// field to focus: the first problem's.
function mark(problems) {
  const texts = { not_answered: form.dataset.notAnswered, note_needed: form.dataset.noteNeeded };
  let first = null;
  for (const row of rows()) {
    const problem = problems[row];
    const error = document.getElementById(`error-${row}`);
    error.textContent = texts[problem] ?? problem ?? "";
    error.hidden = !problem;
    error.parentElement.classList.toggle("has-error", Boolean(problem));
    const levels = [...form.querySelectorAll(`input[name="level-${row}"]`)];
    const note = form.elements[`note-${row}`];
    const concerned = { not_answered: levels, note_needed: [note] }[problem] ?? (problem ? [...levels, note] : []);
    for (const field of [...levels, note]) {
      if (concerned.includes(field)) {
        field.setAttribute("aria-invalid", "true");
        field.setAttribute("aria-describedby", error.id);
      } else {
        field.removeAttribute("aria-invalid");
        field.removeAttribute("aria-describedby");
      }
    }
    if (problem && !first) first = problem === "note_needed" ? note : levels.find((level) => level.checked);
    if (problem && !first) first = levels[0];
  }
  return first;
}

// Says how many rows keep the rubric back, also when the same count was said before.
function refuse(problems) {
  const first = mark(problems);
  const count = rows().filter((row) => row in problems).length;
  draftStatus.textContent = "";
  setTimeout(() => {
    if (count && !draftStatus.textContent) draftStatus.textContent = countText(form.dataset, count);
  }, 100);
  first?.focus({ preventScroll: true });
  first?.scrollIntoView({ block: "center" });
  tried = true;
}

// The rubric waits in the outbox: shown as sent, not to be filled in again.
function keep() {
  for (const element of form.elements) {
    if (element.type !== "hidden") element.disabled = true;
  }
  window.scrollTo(0, 0);
}

async function submit() {
  const api = document.getElementById("outbox").dataset.api;
  const rubric = payload("submitted");
  const problems = rowProblems(rubric, rows(), Number(form.dataset.noteFrom));
  if (Object.keys(problems).length) return refuse(problems);
  keepDraft();
  const { label } = form.dataset;
  const item = queue({ api, payload: rubric, label, page: location.href, draft: draftKey() });
  const { result, body } = await deliver(item);
  if (result === "stored") window.location.assign(form.dataset.done);
  else if (result === "refused") refuse(body.problems ?? {});
  else keep();
}

// A rubric that waits in the outbox is shown as it was sent; a draft as it was left, unless the
// rubric was submitted since. A page kept for offline use holds the key it was served with:
// every rubric gets a key of its own.
function resume() {
  const { team, rubric, judge } = form.dataset;
  const waiting = pending().find(
    (item) => item.payload.team === Number(team) && item.payload.rubric === rubric && item.user === judge,
  );
  if (form.dataset.submitted && !waiting) localStorage.removeItem(draftKey());
  const saved = waiting?.payload ?? JSON.parse(localStorage.getItem(draftKey()) ?? "null");
  form.elements.client_key.value = saved?.client_key ?? newClientKey();
  if (saved) restore(saved);
  if (waiting) keep();
}

if (form) {
  resume();
  // Once a submission was refused, each answer or note clears the marks it put right.
  form.addEventListener("input", () => {
    if (tried) mark(rowProblems(payload("submitted"), rows(), Number(form.dataset.noteFrom)));
  });
  if (!form.dataset.submitted) {
    form.addEventListener("input", () => {
      keepDraft();
      clearTimeout(timer);
      timer = setTimeout(saveDraft, 1500);
    });
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    if (event.submitter?.value === "draft") saveDraft();
    else submit();
  });
}
