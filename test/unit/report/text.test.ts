import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/report/index.js";
import { classRun, submission } from "./sample-run.js";
import { CONTROL_CHARACTERS } from "./validators.js";

describe("text format", () => {
  it("gives no score to a submission that could not be graded, in its block and in the class summary", () => {
    const run = classRun();
    run.results.push(submission({ learner: "zed", error: "engine lost" }));
    const text = renderReport("text", run, { lang: "en" });
    expect(text).toContain("  Score: not graded: grading could not complete (not the learner's fault), grade again  (");
    expect(text).toMatch(/^zed +03-images-conteneurs\/01-tags +not graded +tags +34.6 s$/m);
    expect(text).toContain("Total: 44/84 (+ 1 not graded)");
  });

  it("reaches the terminal without the build log's escape sequences", () => {
    const result = submission({
      status: "failed",
      build: { status: "failed", durationMs: 1, logExcerpt: [CONTROL_CHARACTERS] },
    });
    const text = renderReport("text", { results: [result] }, { lang: "fr" });
    expect(text).toContain("    | red link  nul bel c1\n    | next");
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it("puts a space before the colon in French, as French typography does", () => {
    const french = renderReport("text", classRun(), { lang: "fr" });
    expect(french).toMatch(/^ {2}Score : \d+\/\d+ {2}\(/m);
    expect(french).toMatch(/^Total : \d+\/\d+$/m);
    const english = renderReport("text", classRun(), { lang: "en" });
    expect(english).toMatch(/^ {2}Score: \d+\/\d+ {2}\(/m);
    expect(english).toMatch(/^Total: \d+\/\d+$/m);
  });
});
