import type { Lang } from "../i18n.js";
import type { CheckResult, RunResult } from "../grading/result.js";
import { checkFeedback, submissionProblems } from "./check-feedback.js";
import { singleSubmission } from "./single-submission.js";

const VISIBILITY: Record<CheckResult["visibility"], GradescopeVisibility> = { visible: "visible", hidden: "hidden", "after-due-date": "after_due_date" };

type GradescopeVisibility = "visible" | "hidden" | "after_due_date";

/** The fields of Gradescope's `results.json` that dockgrade fills. */
export interface GradescopeResults {
  score: number;
  execution_time: number;
  output?: string;
  tests: { name: string; score: number; max_score: number; status: "passed" | "failed"; output: string; visibility: GradescopeVisibility }[];
}

/**
 * Gradescope's `/autograder/results/results.json` for the one submission of a Gradescope run.
 * Every check is included: Gradescope itself hides each test by its own visibility.
 */
export function renderGradescope(run: RunResult, options: { lang: Lang }): string {
  const result = singleSubmission(run, "gradescope");
  const output = submissionProblems(result, options.lang);
  const results: GradescopeResults = {
    score: result.score,
    execution_time: Math.round(result.durationMs / 1000),
    ...(output ? { output } : {}),
    tests: result.checks.map((check) => ({
      name: check.title,
      score: check.points,
      max_score: check.maxPoints,
      status: check.status === "pass" ? "passed" : "failed",
      output: checkFeedback(check, options.lang),
      visibility: VISIBILITY[check.visibility],
    })),
  };
  return `${JSON.stringify(results, null, 2)}\n`;
}
