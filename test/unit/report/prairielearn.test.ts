import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { renderReport } from "../../../src/report/index.js";
import { classRun, submission } from "./sample-run.js";
import { hostileSubmission } from "./validators.js";

// The fields of PrairieLearn's external grading results (docs: "Grading results"); it has no
// per-test visibility: pl-external-grader-results reads only these test fields.
const TOP_LEVEL = ["gradable", "score", "message", "output", "format_errors", "images", "tests"];
const TEST_FIELDS = ["name", "description", "points", "max_points", "message", "output", "images"];

const render = (result: ReturnType<typeof submission>, lang: "fr" | "en" = "en") =>
  JSON.parse(renderReport("prairielearn", { results: [result] }, { lang }));

describe("prairielearn format", () => {
  it("scores in [0, 1] with one test per check, in PrairieLearn's fields", () => {
    for (const result of classRun().results) {
      const results = render(result, "fr");
      expect(TOP_LEVEL).toEqual(expect.arrayContaining(Object.keys(results)));
      expect(results.gradable).toBe(true);
      expect(results.score).toBeGreaterThanOrEqual(0);
      expect(results.score).toBeLessThanOrEqual(1);
      expect(results.score).toBeCloseTo(result.score / result.maxScore);
      expect(results.tests).toHaveLength(result.checks.length);
      for (const test of results.tests) {
        expect(TEST_FIELDS).toEqual(expect.arrayContaining(Object.keys(test)));
        expect(test.points).toBeLessThanOrEqual(test.max_points);
      }
    }
    const tagForgotten = render(classRun().results[5]!);
    expect(tagForgotten.score).toBe(0.5);
    expect(tagForgotten.tests[1]).toMatchObject({
      name: "Les trois tags existent et désignent la même image",
      description: "tags (image.tags)",
      points: 0,
      max_points: 6,
    });
    expect(tagForgotten.tests[1].output).toMatch(/^expected: mon-app:v1/);
  });

  it("shows students no hidden or not-yet-due check: not as a test, not in the score", () => {
    const results = render(hostileSubmission({ status: "failed" }));
    const text = JSON.stringify(results);
    for (const secret of ["Secret hidden check", "SECRET", "Santé", "Taille", "sante", "taille"])
      expect(text).not.toContain(secret);
    expect(results.tests.map((test: { name: string }) => test.name)).toEqual([
      "Base épinglée",
      "Les trois tags existent",
      "Au plus 3 couches",
    ]);
    // 2 of the 10 visible points; the hidden checks' points count neither way.
    expect(results.score).toBe(0.2);
    expect(results.message).toBe("Construire, taguer et versionner une image: 2/10");
  });

  it("carries no terminal escape, which PrairieLearn's ansi2html would turn into a link", () => {
    const text = renderReport("prairielearn", { results: [hostileSubmission({ status: "failed" })] }, { lang: "en" });
    expect(text).not.toMatch(/\\u00[01][0-9a-f]|\\u007f|[\u0080-\u009f]/);
    expect(JSON.parse(text).output).toContain("red link  nul bel c1\n  next");
  });

  it("is not gradable when grading could not run: no score, the attempt does not count", () => {
    const results = render(submission({ error: "engine lost" }));
    expect(results).toMatchObject({
      gradable: false,
      format_errors: [
        "Grading could not complete (not your fault): this attempt does not count, submit again.",
        "engine lost",
      ],
    });
    expect(results).not.toHaveProperty("score");
  });

  it("is not gradable when no check is visible to students, rather than score 0", () => {
    const hiddenOnly = submission({
      status: "passed",
      checks: submission().checks.map((check) => ({ ...check, visibility: "hidden" as const })),
    });
    const results = render(hiddenOnly);
    expect(results.gradable).toBe(false);
    expect(results).not.toHaveProperty("score");
    expect(results.tests).toEqual([]);
  });

  it("grades one submission per job", () => {
    expect(() => renderReport("prairielearn", classRun(), { lang: "en" })).toThrow(UsageError);
  });
});
