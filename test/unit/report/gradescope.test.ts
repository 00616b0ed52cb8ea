import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { renderReport } from "../../../src/report/index.js";
import { classRun, submission } from "./sample-run.js";

// The fields of Gradescope's results.json (autograder specifications, "Output format").
const TOP_LEVEL = ["score", "execution_time", "output", "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"];
const TEST_FIELDS = ["score", "max_score", "status", "name", "number", "output", "tags", "visibility", "extra_data"];

describe("gradescope format", () => {
  it("writes only Gradescope's fields, one test per check with its own visibility", () => {
    const results = JSON.parse(renderReport("gradescope", { results: [submission()] }, { lang: "en" }));
    expect(TOP_LEVEL).toEqual(expect.arrayContaining(Object.keys(results)));
    expect(results.score).toBe(4);
    expect(results.tests).toHaveLength(5);
    for (const test of results.tests) {
      expect(TEST_FIELDS).toEqual(expect.arrayContaining(Object.keys(test)));
      expect(["passed", "failed"]).toContain(test.status);
      expect(["visible", "hidden", "after_due_date"]).toContain(test.visibility);
      expect(typeof test.name).toBe("string");
      expect(typeof test.output).toBe("string");
    }
    expect(results.tests.map((test: { visibility: string }) => test.visibility)).toEqual(["visible", "visible", "visible", "hidden", "after_due_date"]);
    expect(results.tests[1]).toMatchObject({ name: "Les trois tags existent", score: 0, max_score: 6, status: "failed" });
    expect(results.tests[1].output).toContain("hint: docker tag mon-app:v1 mon-app:latest");
    expect(results.tests[4]).toMatchObject({ score: 2, max_score: 2, status: "passed" });
  });

  it("puts the build log in the top-level output", () => {
    const results = JSON.parse(renderReport("gradescope", { results: [classRun().results[1]!] }, { lang: "en" }));
    expect(results.output).toMatch(/^The image build failed:\n {2}Step 1\/8 : FROM python/);
    expect(results.score).toBe(0);
  });

  it("grades one submission per run", () => {
    expect(() => renderReport("gradescope", classRun(), { lang: "en" })).toThrow(UsageError);
    expect(() => renderReport("gradescope", { results: [] }, { lang: "en" })).toThrow(/one submission per run \(got 0\)/);
  });
});
