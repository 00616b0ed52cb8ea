import type { Lang } from "../i18n.js";
import type { CheckView, RunView } from "./run-view.js";
import { checkFeedback, submissionProblems } from "./check-feedback.js";
import { singleSubmission } from "./single-submission.js";

const VISIBILITY: Record<CheckView["visibility"], GradescopeVisibility> = {
  visible: "visible",
  hidden: "hidden",
  "after-due-date": "after_due_date",
};

type GradescopeVisibility = "visible" | "hidden" | "after_due_date";

/** The fields of Gradescope's `results.json` that dockgrade fills. */
export interface GradescopeResults {
  score: number;
  execution_time: number;
  output?: string;
  /** Gradescope renders the top-level output as HTML by default ("simple_format"). */
  output_format: "text";
  test_output_format: "text";
  test_name_format: "text";
  tests: {
    name: string;
    score: number;
    max_score: number;
    status: "passed" | "failed";
    output: string;
    visibility: GradescopeVisibility;
  }[];
}

/**
 * Gradescope's `/autograder/results/results.json` for the one submission of a Gradescope run.
 * Every check is included: Gradescope itself hides each test by its own visibility. Every text
 * is declared plain ("text" formats): a build log holding `<src>` is shown as written.
 * A submission that could not be graded never gets here (see `whenNotGraded` in index.ts): with
 * no results.json, Gradescope reports that the autograder failed and the instructor regrades,
 * rather than recording a score the learner did not earn.
 */
export function renderGradescope(run: RunView, options: { lang: Lang }): string {
  const result = singleSubmission(run, "gradescope");
  const output = submissionProblems(result, options.lang);
  const results: GradescopeResults = {
    score: result.score,
    execution_time: Math.round(result.durationMs / 1000),
    ...(output ? { output } : {}),
    output_format: "text",
    test_output_format: "text",
    test_name_format: "text",
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
