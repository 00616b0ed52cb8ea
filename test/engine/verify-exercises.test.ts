import { beforeAll, describe, expect, it } from "vitest";
import { verifyExercises, type VerifyReport } from "../../src/authoring/verify-exercise.js";
import { verifyText } from "../../src/authoring/verify-report.js";
import { pick } from "../../src/i18n.js";
import { bundledExercises } from "../support/exercise-cases.js";

const EXERCISES = bundledExercises();

// One verify run over the bundled pack: every solution, starter and fixture graded once, three at
// a time (they use the same learner names, mon-app:v1 and web, which must not mix).
describe("dockgrade verify on the bundled pack", () => {
  let report: VerifyReport;
  beforeAll(async () => {
    report = await verifyExercises(EXERCISES, { concurrency: 3, lang: "en" });
  });

  it.each(EXERCISES)(
    "%s: the solution earns every point, the starter fails, each fixture fails what it declares",
    (dir) => {
      const exercise = report.exercises.find((e) => e.dir === dir)!;
      expect(exercise.cases.map((c) => c.name).slice(0, 2)).toEqual(["solution", "starter"]);
      expect(exercise.cases.length).toBeGreaterThan(3);
      const differing = exercise.cases.filter((c) => c.problems.length > 0);
      expect(differing, verifyText({ exercises: [exercise], ok: false }, "en")).toEqual([]);
    },
  );

  it.each(EXERCISES)("%s: every failing check says why in both languages and gives a hint", (dir) => {
    const exercise = report.exercises.find((e) => e.dir === dir)!;
    for (const c of exercise.cases) {
      expect(
        c.result.checks.filter((check) => check.status === "error"),
        c.name,
      ).toEqual([]);
      for (const check of c.result.checks.filter((each) => each.status === "fail")) {
        expect(pick(check.message, "fr").length, `${c.name} ${check.id}`).toBeGreaterThan(0);
        expect(pick(check.message, "en").length, `${c.name} ${check.id}`).toBeGreaterThan(0);
        expect(check.hint, `${c.name} ${check.id}`).toBeTruthy();
      }
    }
  });
});
