import { describe, expect, it } from "vitest";
import { loadExercise } from "../../src/exercise/load-exercise.js";
import { gradeBatch, type BatchItem } from "../../src/grading/grade-batch.js";

// Submissions that could not be read are judged without the engine: enough to see the batch's order and its abort.
describe("gradeBatch", () => {
  it("starts nothing more once its signal aborts; results stay in input order, unstarted slots empty", async () => {
    const exercise = await loadExercise("exercises/03-images-conteneurs/01-tags");
    const items: BatchItem[] = ["a", "b", "c", "d"].map((name) => ({
      exercise,
      dir: name,
      problem: `${name} unreadable`,
    }));
    const stop = new AbortController();
    const started: string[] = [];
    const results = await gradeBatch(items, {
      docker: undefined as never,
      runId: "unit",
      concurrency: 1,
      limits: {},
      signal: stop.signal,
      onStart: (submission) => started.push(submission),
      onSubmission: (_result, done) => {
        if (done === 2) stop.abort();
      },
    });
    expect(started).toEqual(["a", "b"]);
    expect(results.map((result) => result?.checks[0]?.message)).toEqual([
      "a unreadable",
      "b unreadable",
      undefined,
      undefined,
    ]);
  });
});
