import type { Lang } from "../i18n.js";
import type { CheckResult, RunResult } from "../grading/result.js";
import { checkFeedback } from "./check-feedback.js";

/**
 * What GitHub Classroom's autograding-grading-reporter decodes from `<RUNNER>_RESULTS`: the shape
 * its command grader writes (`version: 1`). The reporter sums `tests[].score` against `max_score`.
 */
export interface ClassroomResult {
  version: 1;
  status: "pass" | "fail" | "error";
  max_score: number;
  tests: { name: string; status: "pass" | "fail" | "error"; score: number; message: string; line_no: 0; execution_time: string }[];
}

// The reporter knows no "skip": a check that could not run (failed build) earned nothing, like a failure.
const TEST_STATUS: Record<CheckResult["status"], ClassroomResult["status"]> = { pass: "pass", fail: "fail", skip: "fail", error: "error" };

/**
 * For a workflow step that grades the learner's repository:
 * `dockgrade grade … --format github-classroom | head -n 1 >> "$GITHUB_OUTPUT"` sets the step's
 * `result` output, which the reporter step reads as `env: { <RUNNER>_RESULTS: <that output> }`
 * with `runners: <runner>`. The next line is for people reading the log.
 */
export function renderGithubClassroom(run: RunResult, options: { lang: Lang }): string {
  const several = run.results.length > 1;
  const tests = run.results.flatMap((result) =>
    result.checks.map((check) => ({
      name: several ? `${result.learner}: ${check.title}` : check.title,
      status: TEST_STATUS[check.status],
      score: check.points,
      message: check.status === "pass" ? check.message : checkFeedback(check, options.lang),
      line_no: 0 as const,
      execution_time: `${(check.durationMs / 1000).toFixed(2)}s`,
    })),
  );
  // Learner-facing: only the checks shown count, so that the points add up to what the tests say.
  const maxScore = run.results.flatMap((result) => result.checks).reduce((sum, check) => sum + check.maxPoints, 0);
  const score = tests.reduce((sum, test) => sum + test.score, 0);
  const status = run.results.some((result) => result.status === "error") ? "error" : tests.every((test) => test.status === "pass") ? "pass" : "fail";
  const result: ClassroomResult = { version: 1, status, max_score: maxScore, tests };
  return `result=${Buffer.from(JSON.stringify(result), "utf8").toString("base64")}\nPoints ${score}/${maxScore}\n`;
}
