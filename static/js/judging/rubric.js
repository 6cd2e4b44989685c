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
async function saveDraft() {
  keepDraft();
  const response = await post(document.getElementById("outbox").dataset.api, payload("draft"));
  const body = response?.ok ? await response.json().catch(() => ({})) : {};
  const text = body.stored === true ? form.dataset.draftText : form.dataset.draftLocalText;
  draftStatus.textContent = fill(text, { time: clock() });
}

function problemsOf(draft) {
  const problems = {};
  for (const row of rows()) {
    if (!(row in draft.levels)) problems[row] = true;
    else if (draft.levels[row] >= Number(form.dataset.noteFrom) && !draft.notes[row]) {
      problems[row] = true;
    }
  }
  return problems;
}

function mark(problems, messages = {}) {
  let first = null;
  for (const row of rows()) {
    const element = document.getElementById(`row-${row}`);
    element.classList.toggle("has-error", row in problems);
    element.querySelector("p.error")?.remove();
    if (typeof messages[row] === "string") {
      const message = document.createElement("p");
      message.className = "error";
      message.textContent = messages[row];
      element.append(message);
    }
    if (row in problems && !first) first = element;
  }
  first?.scrollIntoView({ block: "center" });
  return first;
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
  if (mark(problemsOf(rubric))) return;
  keepDraft();
  const { label } = form.dataset;
  const item = queue({ api, payload: rubric, label, page: location.href, draft: draftKey() });
  const { result, body } = await deliver(item);
  if (result === "stored") window.location.assign(form.dataset.done);
  else if (result === "refused") mark(body.problems ?? {}, body.problems ?? {});
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
  form.addEventListener("change", (event) => {
    event.target.closest(".rubric-row")?.classList.remove("has-error");
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
