import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { exerciseJsonSchema } from "../../src/exercise/exercise-schema.js";
import { loadExercise } from "../../src/exercise/load-exercise.js";
import { graders } from "../../graders/index.js";
import { bundledExercises, gradingCases } from "../support/exercise-cases.js";

const EXERCISES = bundledExercises();

/** The hostile corpus's cases and the checks each must fail. */
function hostileCases(): { name: string; fails: string[] }[] {
  return readdirSync("test/hostile", { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join("test/hostile", entry.name, "expected.yaml")))
    .map((entry) => ({
      name: entry.name,
      fails: (parse(readFileSync(join("test/hostile", entry.name, "expected.yaml"), "utf8")) as { fails: string[] })
        .fails,
    }));
}

describe("bundled exercises", () => {
  it.each(EXERCISES)("%s: its spec loads and every fixture declares checks that exist", async (dir) => {
    const { spec } = await loadExercise(dir);
    const ids = new Set(spec.checks.map((check) => check.id));
    const cases = gradingCases(dir);
    expect(cases.length).toBeGreaterThan(2);
    for (const grading of cases) for (const id of grading.fails) expect(ids, `${grading.name}: ${id}`).toContain(id);
  });

  it("has the five exercises of chapter 03", () => {
    expect(EXERCISES.map((dir) => dir.split("/").at(-1))).toEqual([
      "01-tags",
      "02-couches",
      "03-cache",
      "04-sante",
      "05-inspection",
    ]);
  });

  it("proves every check kind can fail: some fixture graded for real declares a failure of each kind", async () => {
    const failingKinds = new Set<string>();
    // The bundled exercises' fixtures, and the hostile corpus (graded for real by hostile.test.ts).
    for (const dir of [...EXERCISES, "test/hostile"]) {
      const { spec } = await loadExercise(dir);
      const kindOf = new Map(spec.checks.map((check) => [check.id, check.kind]));
      const cases = dir === "test/hostile" ? hostileCases() : gradingCases(dir);
      for (const grading of cases) for (const id of grading.fails) failingKinds.add(kindOf.get(id)!);
    }
    expect([...graders.map((grader) => grader.kind)].filter((kind) => !failingKinds.has(kind))).toEqual([]);
  });

  it("ships a JSON Schema in sync with the zod schema (run `npm run schema` after a change)", () => {
    const committed = JSON.parse(readFileSync("schema/exercise.schema.json", "utf8"));
    expect(committed).toEqual(exerciseJsonSchema());
  });
});
