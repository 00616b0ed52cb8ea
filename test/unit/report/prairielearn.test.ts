import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { renderReport } from "../../../src/report/index.js";
import { classRun, submission } from "./sample-run.js";

// The fields of PrairieLearn's external grading results (docs: "Grading results").
const TOP_LEVEL = ["gradable", "score", "message", "output", "format_errors", "images", "tests"];
const TEST_FIELDS = ["name", "description", "points", "max_points", "message", "output", "images"];

describe("prairielearn format", () => {
  it("scores in [0, 1] with one test per check, in PrairieLearn's fields", () => {
    for (const result of classRun().results) {
      const results = JSON.parse(renderReport("prairielearn", { results: [result] }, { lang: "fr" }));
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
    const tagForgotten = JSON.parse(renderReport("prairielearn", { results: [classRun().results[5]!] }, { lang: "en" }));
    expect(tagForgotten.score).toBe(0.5);
    expect(tagForgotten.tests[1]).toMatchObject({ name: "Les trois tags existent et désignent la même image", description: "tags (image.tags)", points: 0, max_points: 6 });
    expect(tagForgotten.tests[1].output).toMatch(/^expected: mon-app:v1/);
  });

  it("is not gradable when grading could not run, so the attempt does not count", () => {
    const results = JSON.parse(renderReport("prairielearn", { results: [submission({ error: "engine lost" })] }, { lang: "en" }));
    expect(results).toMatchObject({ gradable: false, format_errors: ["engine lost"] });
  });

  it("grades one submission per job", () => {
    expect(() => renderReport("prairielearn", classRun(), { lang: "en" })).toThrow(UsageError);
  });
});
