import type { Lang } from "../i18n.js";
import type { RunResult } from "../grading/result.js";
import { checkFeedback, submissionProblems } from "./check-feedback.js";
import { singleSubmission } from "./single-submission.js";

/** The fields of PrairieLearn's external grader `results.json` that dockgrade fills. */
export interface PrairieLearnResults {
  gradable: boolean;
  score: number;
  message: string;
  output?: string;
  format_errors?: string[];
  tests: { name: string; description: string; points: number; max_points: number; message: string; output?: string }[];
}

const WORDS = {
  fr: { expected: "attendu", actual: "obtenu", cannot: "La correction n'a pas pu aboutir (ce n'est pas de votre fait) ; soumettez à nouveau." },
  en: { expected: "expected", actual: "actual", cannot: "Grading could not complete (not your fault); submit again." },
} as const;

/**
 * PrairieLearn's `/grade/results/results.json` for the one submission of a grading job. When the
 * grader or the engine failed (status error) the submission is not gradable: PrairieLearn then
 * awards nothing and does not count the attempt against the learner.
 */
export function renderPrairieLearn(run: RunResult, options: { lang: Lang }): string {
  const result = singleSubmission(run, "prairielearn");
  const words = WORDS[options.lang];
  const gradable = result.status !== "error";
  const output = submissionProblems(result, options.lang);
  const results: PrairieLearnResults = {
    gradable,
    score: result.maxScore > 0 ? Math.min(1, Math.max(0, result.score / result.maxScore)) : 0,
    message: gradable ? `${result.exerciseTitle}: ${result.score}/${result.maxScore}` : words.cannot,
    ...(output ? { output } : {}),
    ...(gradable ? {} : { format_errors: [result.error ?? words.cannot] }),
    tests: result.checks.map((check) => ({
      name: check.title,
      description: `${check.id} (${check.kind})`,
      points: check.points,
      max_points: check.maxPoints,
      message: checkFeedback({ ...check, expected: undefined }, options.lang),
      ...(check.status === "fail" && check.expected !== undefined ? { output: `${words.expected}: ${check.expected}\n${words.actual}: ${check.actual ?? ""}` } : {}),
    })),
  };
  return `${JSON.stringify(results, null, 2)}\n`;
}
