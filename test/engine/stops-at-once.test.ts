import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadExercise } from "../../src/exercise/load-exercise.js";
import { gradeSubmission } from "../../src/grading/grade-submission.js";
import { pick } from "../../src/i18n.js";
import { docker, runId } from "../support/engine.js";

/**
 * A container that publishes a port and stops at once (`CMD ["true"]`) is gone before the
 * engine is first asked for its ports: testcontainers gives up on them after 10 s. Grading
 * reads the stop (status, exit code), as it does for a container that stops later.
 */
describe("a container that stops as soon as it starts", () => {
  it("fails the checks that need it running, with its exit code, and none is an error", async () => {
    const dir = "test/fixtures/stops-at-once";
    const exercise = await loadExercise(dir);
    const result = await gradeSubmission(exercise, join(dir, "submission"), { docker, runId });
    expect(result.checks.map((check) => [check.id, check.status])).toEqual([
      ["en-marche", "fail"],
      ["accueil", "fail"],
    ]);
    for (const check of result.checks) expect(pick(check.message, "en")).toMatch(/exited.*code 0/);
  });
});
