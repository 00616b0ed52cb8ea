import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyExercises, type VerifyReport } from "../../src/authoring/verify-exercise.js";
import { verifyText } from "../../src/authoring/verify-report.js";
import { pick } from "../../src/i18n.js";
import { bundledExercises } from "../support/exercise-cases.js";

const EXERCISES = bundledExercises();

// One verify run over the bundled pack: every solution, starter and fixture graded once, three at
// a time (they use the same learner names, mon-app:v1 and web, which must not mix). It takes about
// 280 s beside the other engine tests on 2 cores, hence its own time limit; if that is reached, the
// run is aborted and awaited, so that what it built is removed before the leftover check.
describe("dockgrade verify on the bundled pack", () => {
  let report: VerifyReport;
  const stop = new AbortController();
  let running: Promise<unknown> | undefined;
  beforeAll(async () => {
    const verifying = verifyExercises(EXERCISES, { concurrency: 3, lang: "en", signal: stop.signal });
    running = verifying.catch(() => undefined);
    report = await verifying;
  }, 900_000);
  afterAll(async () => {
    stop.abort();
    await running;
  }, 300_000);

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
