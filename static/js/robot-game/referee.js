// The referee's sheet: running total from the season data, steppers for large counts, and
// a submit that survives bad wifi (see outbox.js). Without JavaScript the form posts as is.
import { evaluate } from "./evaluate.js";
import { add, send, show } from "../outbox.js";

const form = document.getElementById("sheet");
const NOTICE = "robot-game-notice";
const REFEREE = "robot-game-referee";

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

function message(texts, problem) {
  const template = problem.code === "constraint" ? texts[`constraint:${problem.params.id}`] : texts[problem.code];
  return (template ?? problem.code).replace(/%\((\w+)\)s/g, (_m, name) => problem.params[name] ?? "");
}

function showProblems(problems, texts, includeMissing) {
  for (const element of form.querySelectorAll("[data-error-for]")) {
    element.hidden = true;
    element.closest(".question")?.classList.remove("has-error");
  }
  let first = null;
  for (const [question, text] of Object.entries(problems)) {
    const element = form.querySelector(`[data-error-for="${question}"]`);
    if (!element || (!includeMissing && text === null)) continue;
    element.textContent = text ?? message(texts, { code: "not_answered", params: {} });
    element.hidden = false;
    element.closest(".question").classList.add("has-error");
    first = first ?? element.closest(".question");
  }
  return first;
}

function setUp() {
  const season = JSON.parse(document.getElementById("season-data").textContent);
  const texts = JSON.parse(document.getElementById("sheet-texts").textContent);
  const total = document.getElementById("total");
  const unanswered = document.getElementById("unanswered");

  const update = (includeMissing = false) => {
    const result = evaluate(season, collect(season));
    total.value = String(result.score);
    const missing = result.problems.filter((p) => p.code === "not_answered").length;
    unanswered.textContent = missing ? unanswered.dataset.text.replace("{count}", missing) : "";
    const problems = {};
    for (const problem of result.problems) {
      if (problem.code === "not_answered") problems[problem.question] ??= null;
      else problems[problem.question] ??= message(texts, problem);
    }
    return { result, first: showProblems(problems, texts, includeMissing) };
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
  update();

  if (form.dataset.mode !== "score") return;
  form.noValidate = true; // unanswered questions are shown first, then the name fields
  const name = form.elements.referee_name;
  if (!name.value) name.value = localStorage.getItem(REFEREE) ?? "";

  const payload = () => ({
    client_key: form.elements.client_key.value,
    match: Number(form.dataset.match),
    answers: collect(season),
    referee_name: name.value.trim(),
    team_confirmation: form.elements.team_confirmation.value.trim(),
    device_time: new Date().toISOString(),
  });

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

  const status = document.getElementById("outbox-status");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { result, first } = update(true);
    if (result.problems.length || !form.reportValidity()) {
      first?.scrollIntoView({ block: "center" });
      return;
    }
    localStorage.setItem(REFEREE, name.value.trim());
    const item = { api: status.dataset.api, payload: payload() };
    add(item.api, item.payload);
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    const { result: outcome, body } = await send(item);
    if (outcome === "stored") {
      const warning = Object.values(body.warnings ?? {}).join(" ");
      sessionStorage.setItem(NOTICE, `${form.dataset.team}: ${body.score}${warning ? ` — ${warning}` : ""}`);
      window.location.assign(form.dataset.done);
    } else if (outcome === "refused") {
      submit.disabled = false;
      const problems = body.problems ?? {};
      const firstProblem = showProblems(problems, texts, true);
      status.textContent = body.message ?? "";
      status.hidden = false;
      firstProblem?.scrollIntoView({ block: "center" });
    } else {
      form.classList.add("kept");
      for (const element of form.elements) {
        if (element.type !== "hidden") element.disabled = true;
      }
      show();
      window.scrollTo(0, 0);
    }
  });
}

if (form) setUp();

const notice = sessionStorage.getItem(NOTICE);
const status = document.getElementById("outbox-status");
if (notice && status && !form) {
  sessionStorage.removeItem(NOTICE);
  status.textContent = `✓ ${notice}`;
  status.hidden = false;
}
