import type { Lang } from "../i18n.js";
import type { CheckView, RunView } from "./run-view.js";
import { checkFeedback } from "./check-feedback.js";

/**
 * What GitHub Classroom's autograding-grading-reporter decodes from `<RUNNER>_RESULTS`: the shape
 * its command grader writes (`version: 1`, each test's `duration` in milliseconds). The reporter
 * sends Classroom the sum of `tests[].score` out of `max_score`, and skips a runner whose
 * `max_score` is 0.
 */
export interface ClassroomResult {
  version: 1;
  status: "pass" | "fail" | "error";
  max_score: number;
  tests: {
    name: string;
    status: "pass" | "fail" | "error";
    score: number;
    message: string;
    test_code: string;
    filename: "";
    line_no: 0;
    duration: number;
  }[];
}

// The reporter knows no "skip": a check that could not run (failed build) earned nothing, like a failure.
const TEST_STATUS: Record<CheckView["status"], ClassroomResult["status"]> = {
  pass: "pass",
  fail: "fail",
  skip: "fail",
  error: "error",
};

const WORDS = {
  fr: (max: number) =>
    `Points -/${max} : la correction n'a pas pu aboutir (ce n'est pas la faute de l'étudiant) ; aucune note envoyée, relancez le job`,
  en: (max: number) =>
    `Points -/${max}: grading could not complete (not the learner's fault); no score sent, re-run the job`,
} as const;

/**
 * For a workflow step that grades the learner's repository:
 * `dockgrade grade … --format github-classroom=out.txt; grep '^result=' out.txt >> "$GITHUB_OUTPUT"`
 * sets the step's `result` output, which the reporter step reads as
 * `env: { <RUNNER>_RESULTS: <that output> }` with `runners: <runner>`. The next line is for
 * people reading the log. When grading could not complete, `max_score` is 0: the reporter then
 * sends Classroom no score at all (rather than a lower one) and fails the job ("Some tests errored").
 */
export function renderGithubClassroom(run: RunView, options: { lang: Lang }): string {
  const several = run.results.length > 1;
  const tests = run.results.flatMap((result) =>
    result.checks.map((check) => ({
      name: several ? `${result.learner}: ${check.title}` : check.title,
      status: TEST_STATUS[check.status],
      score: check.points,
      message: check.status === "pass" ? check.message : checkFeedback(check, options.lang),
      test_code: `${check.kind} ${check.id}`,
      filename: "" as const,
      line_no: 0 as const,
      duration: Math.round(check.durationMs),
    })),
  );
  // Learner-facing: only the checks shown count, so that the points add up to what the tests say.
  const maxScore = run.results.flatMap((result) => result.checks).reduce((sum, check) => sum + check.maxPoints, 0);
  const score = tests.reduce((sum, test) => sum + test.score, 0);
  const notGraded = run.results.some((result) => result.status === "error");
  const status = notGraded ? "error" : tests.every((test) => test.status === "pass") ? "pass" : "fail";
  const result: ClassroomResult = { version: 1, status, max_score: notGraded ? 0 : maxScore, tests };
  const points = notGraded ? WORDS[options.lang](maxScore) : `Points ${score}/${maxScore}`;
  return `result=${Buffer.from(JSON.stringify(result), "utf8").toString("base64")}\n${points}\n`;
}
