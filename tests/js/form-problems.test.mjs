// What the referee's sheet and the judge's rubric say about their problems, without a browser.
// Run with: node --test tests/js/
import assert from "node:assert/strict";
import { test } from "node:test";

// The scripts look for their form when loaded: on this "page" there is none.
const storage = { getItem: () => null, setItem: () => {}, removeItem: () => {} };
globalThis.document = { getElementById: () => null, querySelector: () => null };
globalThis.localStorage = storage;
globalThis.sessionStorage = storage;
const referee = await import("../../static/js/robot-game/referee.js");
const rubric = await import("../../static/js/judging/rubric.js");

const SHEET_TEXTS = {
  not_answered: "Answer this question.",
  out_of_range: "Give a number from %(min)s to %(max)s.",
  "constraint:c1": "At most two of these together.",
};
const COUNTS = {
  one: "{count} vraag nog niet beantwoord",
  other: "{count} vragen nog niet beantwoord",
  wrongOne: "{count} antwoord om te verbeteren",
  wrongOther: "{count} antwoorden om te verbeteren",
};

test("a sheet's unanswered questions wait for a submission; wrong answers get their message", () => {
  const result = {
    problems: [
      { question: "m01", code: "not_answered", params: {} },
      { question: "m02", code: "out_of_range", params: { min: 0, max: 6 } },
      { question: "m03", code: "not_answered", params: {} },
      { question: "m02", code: "constraint", params: { id: "c1" } },
    ],
  };
  assert.deepEqual(referee.problemsOf(result, SHEET_TEXTS), {
    problems: { m01: null, m02: "Give a number from 0 to 6.", m03: null },
    missing: 2,
    wrong: 1,
  });
});

test("the sheet counts its problems in Dutch, one and more", () => {
  assert.equal(referee.countText(COUNTS, 2, 0), "2 vragen nog niet beantwoord");
  assert.equal(referee.countText(COUNTS, 1, 0), "1 vraag nog niet beantwoord");
  assert.equal(referee.countText(COUNTS, 1, 2), "1 vraag nog niet beantwoord · 2 antwoorden om te verbeteren");
  assert.equal(referee.countText(COUNTS, 0, 1), "1 antwoord om te verbeteren");
  assert.equal(referee.countText(COUNTS, 0, 0), "");
});

test("a constraint's message is the season's own text", () => {
  const problem = { question: "m02", code: "constraint", params: { id: "c1" } };
  assert.equal(referee.message(SHEET_TEXTS, problem), "At most two of these together.");
});

test("a rubric row needs a level, and from Exceeds on a note", () => {
  const filled = {
    levels: { a: 3, b: 4, c: null, e: 4 },
    notes: { e: "Spoke with ten beekeepers." },
  };
  assert.deepEqual(rubric.rowProblems(filled, ["a", "b", "c", "d", "e"], 4), {
    b: "note_needed",
    d: "not_answered",
  });
  assert.deepEqual(rubric.rowProblems(filled, ["a", "b"], 3), { a: "note_needed", b: "note_needed" });
});

test("the rubric counts its rows in Dutch, one and more", () => {
  const texts = { one: "{count} rij mist nog iets.", other: "{count} rijen missen nog iets." };
  assert.equal(rubric.countText(texts, 1), "1 rij mist nog iets.");
  assert.equal(rubric.countText(texts, 10), "10 rijen missen nog iets.");
});
