// The referee's sheet: running total from the season data, steppers for large counts, and
// a submit that survives bad wifi (see outbox.js). A half-filled sheet is kept on the tablet
// as a draft until it is sent. Without JavaScript the form posts as is.
import { evaluate } from "./evaluate.js";
import { deliver, newClientKey, notify, pending, queue } from "../outbox.js";

const form = document.getElementById("sheet");
const NOTICE = "robot-game-notice";
const REFEREE = "robot-game-referee";
const UNSAVED = new Set(["csrf_token", "client_key"]);

function collect(season) {
  const answers = {};
  const data = new FormData(form);
  for (const question of season.questions) {
    const text = String(data.get(question.id) ?? "").trim();
    if (!text) continue;
    if (question.type === "yesno") answers[question.id] = { yes: true, no: false }[text] ?? text;
    else if (question.type === "count") answers[question.id] = /^-?\d+$/.test(text) ? Number(text) : text;
    else answers[question.id] = question.choices.find((choice) => String(choice) === text) ?? text;
  }
  return answers;
}

export function message(texts, problem) {
  const template = problem.code === "constraint" ? texts[`constraint:${problem.params.id}`] : texts[problem.code];
  return (template ?? problem.code).replace(/%\((\w+)\)s/g, (_m, name) => problem.params[name] ?? "");
}

// What the sheet shows of an evaluation: a message per question (`null`: not answered yet, said
// only once the referee tried to submit) and the counts for the status line.
export function problemsOf(result, texts) {
  const problems = {};
  for (const problem of result.problems) {
    if (problem.code === "not_answered") problems[problem.question] ??= null;
    else problems[problem.question] ??= message(texts, problem);
  }
  const missing = Object.values(problems).filter((text) => text === null).length;
  return { problems, missing, wrong: Object.keys(problems).length - missing };
}

// "2 questions not answered yet · 1 answer to correct" in the page's language (texts: the
// status line's data attributes, one and other form as Dutch and English need).
export function countText(texts, missing, wrong) {
  const say = (count, one, other) => (count === 1 ? one : other).replace("{count}", count);
  return [
    missing ? say(missing, texts.one, texts.other) : "",
    wrong ? say(wrong, texts.wrongOne, texts.wrongOther) : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

// A question's inputs point at its message while it is shown, and say they are invalid.
function tie(question, error, text) {
  error.textContent = text ?? "";
  error.hidden = text === null;
  question.classList.toggle("has-error", text !== null);
  for (const input of question.querySelectorAll("input")) {
    if (text === null) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    } else {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", error.id);
    }
  }
}

// Shows the problems (`includeMissing`: also the unanswered questions); the first problem's
// input (the chosen option, else the first), to be focused.
function showProblems(problems, texts, includeMissing) {
  let first = null;
  for (const error of form.querySelectorAll("[data-error-for]")) {
    const question = error.closest(".question");
    const key = error.dataset.errorFor;
    const shown = key in problems && (includeMissing || problems[key] !== null);
    tie(question, error, shown ? (problems[key] ?? message(texts, { code: "not_answered", params: {} })) : null);
    if (shown) first ??= question.querySelector("input:checked") ?? question.querySelector("input");
  }
  return first;
}

// A live region says it again, also when the text did not change since it last spoke; an update
// meanwhile has the last word.
function announce(region, text) {
  region.textContent = "";
  setTimeout(() => {
    if (!region.textContent) region.textContent = text;
  }, 100);
}

// The focus on the first problem, in the middle of the screen (not under the sticky total).
function focusOn(input) {
  if (!input) return;
  input.focus({ preventScroll: true });
  input.scrollIntoView({ block: "center" });
}

function setUp() {
  const season = JSON.parse(document.getElementById("season-data").textContent);
  const texts = JSON.parse(document.getElementById("sheet-texts").textContent);
  const total = document.getElementById("total");
  const unanswered = document.getElementById("unanswered");

  // Unanswered questions are marked once the referee tried to submit (or the server refused).
  let tried = Boolean(document.getElementById("problems"));
  const update = (submitting = false) => {
    tried ||= submitting;
    const result = evaluate(season, collect(season));
    total.value = String(result.score);
    const { problems, missing, wrong } = problemsOf(result, texts);
    unanswered.textContent = countText(unanswered.dataset, missing, wrong);
    return { result, first: showProblems(problems, texts, tried) };
  };

  for (const button of form.querySelectorAll("[data-step]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const input = button.closest(".stepper").querySelector("input");
      const value = Number(input.value || 0) + Number(button.dataset.step);
      input.value = String(Math.min(Number(input.max), Math.max(Number(input.min), value)));
      update();
    });
  }
  form.addEventListener("input", () => update());
  form.addEventListener("change", () => update());
  const waiting = form.dataset.mode === "score" && setUpScoring(season, texts, update, unanswered);
  update();
  if (waiting) keep(); // after the total: a disabled field is not part of the form's data
}

const fields = () => [...new FormData(form)].filter(([field]) => !UNSAVED.has(field));

function restore(saved) {
  for (const [field, value] of saved ?? []) {
    const element = form.elements[field];
    if (element) element.value = value;
  }
}

// The sheet waits in the outbox: shown as sent, not to be filled in again.
function keep() {
  form.classList.add("kept");
  for (const element of form.elements) {
    if (element.type !== "hidden") element.disabled = true;
  }
  window.scrollTo(0, 0);
}

// A sheet that waits in the outbox is shown as it was sent; a draft as it was left. A page
// kept for offline use holds the key it was served with: every sheet gets a key of its own.
// True when the sheet waits.
function resume(api, draftKey) {
  const match = Number(form.dataset.match);
  const waiting = pending().find((item) => item.api === api && item.payload.match === match);
  const saved = waiting ?? JSON.parse(localStorage.getItem(draftKey) ?? "null");
  form.elements.client_key.value = saved?.payload.client_key ?? newClientKey();
  restore(saved?.fields);
  return Boolean(waiting);
}

function offerDownload(payload) {
  const download = document.getElementById("download");
  download.hidden = false;
  download.addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(payload(), null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `sheet-${form.dataset.team}-${form.dataset.round}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  });
}

// The referee's own sheet; true when it already waits in the outbox.
function setUpScoring(season, texts, update, status) {
  form.noValidate = true; // unanswered questions are shown first, then the name fields
  const api = document.getElementById("outbox").dataset.api;
  const draftKey = `robot-game-draft-${form.dataset.event}-${form.dataset.match}`;
  const name = form.elements.referee_name;
  const waiting = resume(api, draftKey);
  if (!name.value) name.value = localStorage.getItem(REFEREE) ?? "";

  const payload = () => ({
    client_key: form.elements.client_key.value,
    match: Number(form.dataset.match),
    answers: collect(season),
    referee_name: name.value.trim(),
    team_confirmation: form.elements.team_confirmation.value.trim(),
    device_time: new Date().toISOString(),
  });
  const saveDraft = () => {
    const draft = { payload: { client_key: form.elements.client_key.value }, fields: fields() };
    localStorage.setItem(draftKey, JSON.stringify(draft));
  };
  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);
  for (const button of form.querySelectorAll("[data-step]")) button.addEventListener("click", saveDraft);
  offerDownload(payload);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { result, first } = update(true);
    if (result.problems.length) {
      announce(status, status.textContent);
      focusOn(first);
      return;
    }
    if (!form.reportValidity()) return; // the browser points at the empty name field
    localStorage.setItem(REFEREE, name.value.trim());
    const sheet = { api, payload: payload(), fields: fields(), label: form.dataset.label };
    const item = queue({ ...sheet, page: location.href, draft: draftKey });
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    const { result: outcome, body } = await deliver(item);
    if (outcome === "stored") {
      const warning = Object.values(body.warnings ?? {}).join(" ");
      sessionStorage.setItem(NOTICE, `${form.dataset.team}: ${body.score}${warning ? ` — ${warning}` : ""}`);
      window.location.assign(form.dataset.done);
    } else if (outcome === "refused") {
      submit.disabled = false;
      const refused = body.problems ?? {};
      const first = showProblems(refused, texts, true);
      const wrong = season.questions.filter((question) => question.id in refused).length;
      if (wrong) announce(status, countText(status.dataset, 0, wrong));
      focusOn(first);
    } else {
      keep();
    }
  });
  return waiting;
}

if (form) setUp();

const notice = sessionStorage.getItem(NOTICE);
if (notice && !form) {
  sessionStorage.removeItem(NOTICE);
  notify(`✓ ${notice}`);
}
