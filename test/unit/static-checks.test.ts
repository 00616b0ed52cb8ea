import { describe, expect, it } from "vitest";
import { runStaticChecks } from "../../src/grading/static-checks.js";
import { loadExercise } from "../../src/exercise/load-exercise.js";

const TAGS = "exercises/03-images-conteneurs/01-tags";

/** The first feedback, before the engine's client is even loaded: plain files in, verdicts out. */
describe("runStaticChecks", () => {
  it("judges only the Dockerfile's checks: a pinned base passes, a floating one fails", async () => {
    const { spec } = await loadExercise(TAGS);
    const solution = await runStaticChecks(spec, `${TAGS}/solution`);
    expect(solution.map((result) => [result.id, result.status])).toEqual([["base-epinglee", "pass"]]);
    const floating = await runStaticChecks(spec, `${TAGS}/fixtures/base-non-epinglee`);
    expect(floating.map((result) => [result.id, result.status])).toEqual([["base-epinglee", "fail"]]);
  });

  it("fails them with the reason when the Dockerfile is missing", async () => {
    const { spec } = await loadExercise(TAGS);
    const [result] = await runStaticChecks(spec, `${TAGS}/fixtures/sans-dockerfile`);
    expect(result).toMatchObject({
      status: "fail",
      message: {
        fr: "`Dockerfile` est introuvable dans le dossier rendu.",
        en: "`Dockerfile` is missing from the submission.",
      },
    });
  });

  it("has nothing to say for an exercise without checks of the Dockerfile", async () => {
    const { spec } = await loadExercise("exercises/03-images-conteneurs/05-inspection");
    expect(await runStaticChecks(spec, "exercises/03-images-conteneurs/05-inspection/solution")).toEqual([]);
  });
});
