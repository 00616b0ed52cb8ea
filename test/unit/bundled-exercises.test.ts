import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exerciseJsonSchema } from "../../src/spec/exercise-schema.js";
import { loadExercise } from "../../src/spec/load-exercise.js";
import { gradingCases } from "../support/exercise-cases.js";

const EXERCISES = ["exercises/03-images-conteneurs/01-tags", "exercises/03-images-conteneurs/04-sante"];

describe("bundled exercises", () => {
  it.each(EXERCISES)("%s: its spec loads and every fixture declares checks that exist", async (dir) => {
    const { spec } = await loadExercise(dir);
    const ids = new Set(spec.checks.map((check) => check.id));
    const cases = gradingCases(dir);
    expect(cases.length).toBeGreaterThan(2);
    for (const grading of cases) for (const id of grading.fails) expect(ids, `${grading.name}: ${id}`).toContain(id);
  });

  it("ships a JSON Schema in sync with the zod schema (run `npm run schema` after a change)", () => {
    const committed = JSON.parse(readFileSync("schema/exercise.schema.json", "utf8"));
    expect(committed).toEqual(exerciseJsonSchema());
  });
});
