import { describe, expect, it } from "vitest";
import { caseProblems } from "../../../src/authoring/case-verdict.js";
import type { CheckResult, SubmissionResult } from "../../../src/grading/result.js";
import { localized } from "../../../src/i18n.js";

function check(id: string, status: CheckResult["status"], message = localized(`${id} fr`, `${id} en`)): CheckResult {
  return {
    id,
    kind: "image.size",
    title: id,
    status,
    points: status === "pass" ? 1 : 0,
    maxPoints: 1,
    message,
    visibility: "visible",
    durationMs: 1,
  };
}

function result(checks: CheckResult[], build: SubmissionResult["build"]["status"] = "ok"): SubmissionResult {
  const score = checks.filter((c) => c.status === "pass").length;
  return {
    exercise: "x",
    exerciseTitle: "x",
    learner: "l",
    submission: "s",
    status: checks.some((c) => c.status === "error") ? "error" : score === checks.length ? "passed" : "failed",
    score,
    maxScore: checks.length,
    durationMs: 1,
    build: { status: build, durationMs: 1, logExcerpt: [] },
    checks,
  };
}

describe("what a verified case must get", () => {
  it("the solution: every check passes; a failed or skipped one is named with its message", () => {
    expect(caseProblems(result([check("a", "pass"), check("b", "pass")]), { kind: "solution" })).toEqual([]);
    expect(caseProblems(result([check("a", "pass"), check("b", "fail")]), { kind: "solution" })).toMatchObject([
      { check: "b", expected: "pass", actual: "fail", message: { en: "b en" } },
    ]);
  });

  it("the starter: fails, with skips only where the build failed or a file is missing", () => {
    expect(caseProblems(result([check("a", "pass")]), { kind: "starter" })).toMatchObject([{ actual: "passed" }]);
    expect(caseProblems(result([check("a", "fail"), check("b", "skip")], "failed"), { kind: "starter" })).toEqual([]);
    const missing = check("c", "skip", localized("absent", "`commandes.sh` is missing from the submission."));
    expect(caseProblems(result([check("a", "fail"), missing]), { kind: "starter" })).toEqual([]);
    expect(caseProblems(result([check("a", "fail"), check("b", "skip")]), { kind: "starter" })).toMatchObject([
      { check: "b", expected: "pass or fail", actual: "skip" },
    ]);
  });

  it("a fixture: exactly the declared failures; skips compared only when declared; never an error", () => {
    const graded = result([check("a", "fail"), check("b", "skip", localized("x", "y")), check("c", "pass")], "failed");
    expect(caseProblems(graded, { kind: "fixture", fails: ["a"] })).toEqual([]);
    expect(caseProblems(graded, { kind: "fixture", fails: ["a"], skips: ["b"] })).toEqual([]);
    expect(caseProblems(graded, { kind: "fixture", fails: ["a", "c"], skips: [] })).toMatchObject([
      { check: "c", expected: "fail", actual: "pass" },
      { check: "b", expected: "pass or fail", actual: "skip" },
    ]);
    expect(caseProblems(result([check("a", "error")]), { kind: "fixture", fails: [] })).toMatchObject([
      { check: "a", expected: "no error", actual: "error" },
    ]);
  });
});
