import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { renderReport, ReportWithheldError } from "../../../src/report/index.js";
import { classRun, submission } from "./sample-run.js";
import { hostileSubmission } from "./validators.js";

// The fields of Gradescope's results.json (autograder specifications, "Output format").
const TOP_LEVEL = [
  "score",
  "execution_time",
  "output",
  "output_format",
  "test_output_format",
  "test_name_format",
  "visibility",
  "stdout_visibility",
  "extra_data",
  "tests",
  "leaderboard",
];
const TEST_FIELDS = [
  "score",
  "max_score",
  "status",
  "name",
  "name_format",
  "number",
  "output",
  "output_format",
  "tags",
  "visibility",
  "extra_data",
];
// "Output String Formatting": the values Gradescope knows.
const OUTPUT_FORMATS = ["text", "html", "simple_format", "md", "ansi"];

describe("gradescope format", () => {
  it("writes only Gradescope's fields, one test per check with its own visibility", () => {
    const results = JSON.parse(
      renderReport("gradescope", { results: [submission({ status: "failed" })] }, { lang: "en" }),
    );
    expect(TOP_LEVEL).toEqual(expect.arrayContaining(Object.keys(results)));
    expect(results.score).toBe(4);
    expect(results.tests).toHaveLength(5);
    for (const test of results.tests) {
      expect(TEST_FIELDS).toEqual(expect.arrayContaining(Object.keys(test)));
      expect(["passed", "failed"]).toContain(test.status);
      expect(["visible", "hidden", "after_due_date", "after_published"]).toContain(test.visibility);
      expect(typeof test.name).toBe("string");
      expect(typeof test.output).toBe("string");
    }
    expect(results.tests.map((test: { visibility: string }) => test.visibility)).toEqual([
      "visible",
      "visible",
      "visible",
      "hidden",
      "after_due_date",
    ]);
    expect(results.tests[1]).toMatchObject({
      name: "Les trois tags existent",
      score: 0,
      max_score: 6,
      status: "failed",
    });
    expect(results.tests[1].output).toContain("hint: docker tag mon-app:v1 mon-app:latest");
    expect(results.tests[4]).toMatchObject({ score: 2, max_score: 2, status: "passed" });
  });

  it("declares every text plain, so that a build log holding <src> is shown as written", () => {
    const results = JSON.parse(renderReport("gradescope", { results: [classRun().results[1]!] }, { lang: "en" }));
    for (const key of ["output_format", "test_output_format", "test_name_format"]) {
      expect(OUTPUT_FORMATS).toContain(results[key]);
      expect(results[key]).toBe("text");
    }
    expect(results.output).toMatch(/^The image build failed:\n {2}Step 1\/8 : FROM python/);
    expect(results.score).toBe(0);
  });

  it("carries no control character or terminal escape from the build log", () => {
    const text = renderReport("gradescope", { results: [hostileSubmission({ status: "failed" })] }, { lang: "en" });
    expect(text).not.toMatch(/\\u00[01][0-9a-f]|\\u007f|[\u0080-\u009f]/);
    const results = JSON.parse(text);
    expect(results.output).toContain("red link  nul bel c1\n  next");
    expect(results.output).not.toContain("evil.example\u0007");
  });

  it("is withheld when grading could not complete: no score the learner did not earn", () => {
    const run = { results: [submission()] };
    expect(run.results[0]!.status).toBe("error");
    expect(() => renderReport("gradescope", run, { lang: "en" })).toThrow(ReportWithheldError);
    expect(() => renderReport("gradescope", run, { lang: "en" })).toThrow(
      "--format gradescope: not written, grading could not complete for élodie (03-images-conteneurs/01-tags)",
    );
  });

  it("grades one submission per run", () => {
    expect(() => renderReport("gradescope", classRun(), { lang: "en" })).toThrow(UsageError);
    expect(() => renderReport("gradescope", { results: [] }, { lang: "en" })).toThrow(
      /one submission per run \(got 0\)/,
    );
  });
});
