// The browser evaluator against the same vectors as tests/robot_game/test_vectors.py.
// Run with: node --test tests/js/
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { evaluate } from "../../static/js/robot-game/evaluate.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const vectorsDir = `${root}tests/robot_game/vectors/`;
const seasonsDir = `${root}src/challenges/robot_game/seasons/`;
const readJson = (path) => JSON.parse(readFileSync(path, "utf-8"));

const vectorFiles = readdirSync(vectorsDir).filter((name) => name.endsWith(".json"));

test("there are vectors for every season", () => {
  const seasons = readdirSync(seasonsDir)
    .filter((name) => name.endsWith(".json") && !name.endsWith(".labels.json"))
    .sort();
  assert.deepEqual(vectorFiles.slice().sort(), seasons);
});

for (const file of vectorFiles) {
  const { season: key, bases, vectors } = readJson(vectorsDir + file);
  const season = readJson(`${seasonsDir}${key}.json`);
  for (const vector of vectors) {
    test(`${key}: ${vector.name}`, () => {
      const result = evaluate(season, { ...bases[vector.base], ...vector.answers });
      assert.equal(result.score, vector.score);
      const errors = result.problems.map((p) => [p.question, p.code]);
      assert.deepEqual(errors.sort(), vector.errors.slice().sort());
      for (const [mission, points] of Object.entries(vector.missions ?? {})) {
        assert.equal(result.missions[mission], points, mission);
      }
    });
  }
}
