import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exerciseJsonSchema } from "../../src/spec/exercise-schema.js";
import { loadExercise } from "../../src/spec/load-exercise.js";
import { graders } from "../../graders/index.js";
import { bundledExercises, gradingCases } from "../support/exercise-cases.js";

const EXERCISES = bundledExercises();

describe("bundled exercises", () => {
  it.each(EXERCISES)("%s: its spec loads and every fixture declares checks that exist", async (dir) => {
    const { spec } = await loadExercise(dir);
    const ids = new Set(spec.checks.map((check) => check.id));
    const cases = gradingCases(dir);
    expect(cases.length).toBeGreaterThan(2);
    for (const grading of cases) for (const id of grading.fails) expect(ids, `${grading.name}: ${id}`).toContain(id);
  });

  it("has the five exercises of chapter 03", () => {
    expect(EXERCISES.map((dir) => dir.split("/").at(-1))).toEqual(["01-tags", "02-couches", "03-cache", "04-sante", "05-inspection"]);
  });

  it("proves every check kind can fail: some fixture declares a failure of each kind", async () => {
    const failingKinds = new Set<string>();
    for (const dir of EXERCISES) {
      const { spec } = await loadExercise(dir);
      const kindOf = new Map(spec.checks.map((check) => [check.id, check.kind]));
      for (const grading of gradingCases(dir)) for (const id of grading.fails) failingKinds.add(kindOf.get(id)!);
    }
    expect([...graders.map((grader) => grader.kind)].filter((kind) => !failingKinds.has(kind))).toEqual([]);
  });

  it("ships a JSON Schema in sync with the zod schema (run `npm run schema` after a change)", () => {
    const committed = JSON.parse(readFileSync("schema/exercise.schema.json", "utf8"));
    expect(committed).toEqual(exerciseJsonSchema());
  });
});
