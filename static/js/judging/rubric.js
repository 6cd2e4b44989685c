// A judge's rubric on a tablet: drafts are saved as the judge goes (on the server when it can
// be reached, always on this tablet), and a submission goes through the outbox, so it survives
// bad wifi and arrives once. Without JavaScript the form posts as is.
import { add, send, show } from "../outbox.js";

const form = document.getElementById("rubric");
const status = document.getElementById("outbox-status");
const draftStatus = document.getElementById("draft-status");
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_match, name) => values[name] ?? "");
const clock = () => new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

function draftKey() {
  const { event, team, rubric } = form.dataset;
  return `judging-draft-${event}-${team}-${rubric}`;
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

let timer;
async function saveDraft() {
  const draft = payload("draft");
  localStorage.setItem(draftKey(), JSON.stringify(draft));
  let response;
  try {
    response = await fetch(status.dataset.api, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": status.dataset.csrf },
      body: JSON.stringify(draft),
    });
  } catch {
    response = null;
  }
  const text = response?.ok ? form.dataset.draftText : form.dataset.draftLocalText;
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

async function submit() {
  const item = { api: status.dataset.api, payload: payload("submitted") };
  if (mark(problemsOf(item.payload))) return;
  add(item.api, item.payload);
  const { result, body } = await send(item);
  if (result === "stored") {
    localStorage.removeItem(draftKey());
    window.location.assign(form.dataset.done);
  } else if (result === "refused") {
    mark(body.problems ?? {}, body.problems ?? {});
    status.textContent = body.message ?? "";
    status.hidden = false;
  } else {
    localStorage.removeItem(draftKey());
    for (const element of form.elements) {
      if (element.type !== "hidden") element.disabled = true;
    }
    show();
    window.scrollTo(0, 0);
  }
}

if (form) {
  const saved = JSON.parse(localStorage.getItem(draftKey()) ?? "null");
  if (saved && !form.dataset.submitted) restore(saved);
  form.addEventListener("change", (event) => {
    event.target.closest(".rubric-row")?.classList.remove("has-error");
  });
  if (!form.dataset.submitted) {
    form.addEventListener("input", () => {
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
