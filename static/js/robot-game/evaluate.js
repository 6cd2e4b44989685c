// The browser's copy of challenges/robot_game/evaluator.py: the same season data, the same
// rules, the same problem codes. The server's score is the one that counts; this one gives
// the referee a running total. Both are tested against tests/robot_game/vectors/.

const isInteger = (value) => typeof value === "number" && Number.isInteger(value);

function checkAnswer(question, value) {
  if (question.type === "yesno") {
    return typeof value === "boolean" ? null : { question: question.id, code: "not_yes_no", params: {} };
  }
  if (question.type === "count") {
    if (!isInteger(value)) return { question: question.id, code: "not_a_number", params: {} };
    const min = question.min ?? 0;
    const max = question.max ?? 0;
    if (value < min || value > max) {
      return { question: question.id, code: "out_of_range", params: { min, max } };
    }
    return null;
  }
  if (question.choices.some((choice) => choice === value)) return null;
  return { question: question.id, code: "not_a_choice", params: { choices: question.choices.join(", ") } };
}

function holds(condition, answers) {
  if (!(condition.question in answers)) return false;
  const value = answers[condition.question];
  if ("is" in condition) return value === condition.is;
  return value >= condition.atLeast;
}

function rulePoints(rule, answers) {
  const question = rule.question;
  if (question !== undefined && !(question in answers)) return 0;
  if (!(rule.when ?? []).every((condition) => holds(condition, answers))) return 0;
  const value = answers[question];
  if ("each" in rule) return value * rule.each;
  if ("table" in rule) return rule.table[value];
  if ("choices" in rule) return rule.choices[String(value)] ?? 0;
  if (question !== undefined && value !== true) return 0;
  return rule.points;
}

function termValue(term, answers) {
  if ("constant" in term) return term.constant;
  if ("is" in term || "atLeast" in term) return holds(term, answers) ? 1 : 0;
  return Number(answers[term.question]);
}

function breaks(constraint, answers) {
  const parts = ["if", "then", "atMost"].flatMap((key) => constraint[key] ?? []);
  const named = [constraint.question, ...parts.filter((p) => "question" in p).map((p) => p.question)];
  if (named.some((question) => !(question in answers))) return false;
  if ("atMost" in constraint) {
    const limit = constraint.atMost.reduce((sum, term) => sum + termValue(term, answers), 0);
    return answers[constraint.question] > limit;
  }
  const all = (conditions) => conditions.every((condition) => holds(condition, answers));
  return all(constraint.if) && !all(constraint.then);
}

export function evaluate(season, answers) {
  const known = new Map(season.questions.map((question) => [question.id, question]));
  const problems = Object.keys(answers)
    .filter((key) => !known.has(key))
    .map((key) => ({ question: key, code: "unknown_question", params: {} }));
  const valid = {};
  for (const question of season.questions) {
    if (question.id in answers) {
      const problem = checkAnswer(question, answers[question.id]);
      if (problem) problems.push(problem);
      else valid[question.id] = answers[question.id];
    } else if ("start" in question) {
      valid[question.id] = question.start;
    } else {
      problems.push({ question: question.id, code: "not_answered", params: {} });
    }
  }
  const missions = {};
  for (const question of season.questions) {
    if (question.mission) missions[question.mission] = 0;
  }
  for (const rule of season.scoring) {
    const mission = rule.mission ?? known.get(rule.question).mission;
    missions[mission] += rulePoints(rule, valid);
  }
  for (const constraint of season.constraints ?? []) {
    if (breaks(constraint, valid)) {
      problems.push({ question: constraint.question, code: "constraint", params: { id: constraint.id } });
    }
  }
  const score = Object.values(missions).reduce((sum, points) => sum + points, 0);
  return { score, missions, problems, answers: valid };
}
