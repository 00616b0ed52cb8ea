import type { CheckResult, RunResult, SubmissionResult } from "../grading/result.js";
import { pick, type Lang } from "../i18n.js";

/** A check as one language reads it: every text picked. */
export type CheckView = Omit<CheckResult, "title" | "message" | "expected" | "actual" | "hint"> & {
  title: string;
  message: string;
  expected?: string;
  actual?: string;
  hint?: string;
};

export type SubmissionView = Omit<SubmissionResult, "exerciseTitle" | "checks"> & {
  exerciseTitle: string;
  checks: CheckView[];
};

/** The run as a reporter renders it: in one language, the results otherwise unchanged. */
export interface RunView {
  results: SubmissionView[];
}

function checkIn(check: CheckResult, lang: Lang): CheckView {
  return {
    ...check,
    title: pick(check.title, lang),
    message: pick(check.message, lang),
    expected: pick(check.expected, lang),
    actual: pick(check.actual, lang),
    hint: pick(check.hint, lang),
  };
}

function submissionIn(result: SubmissionResult, lang: Lang): SubmissionView {
  return {
    ...result,
    exerciseTitle: pick(result.exerciseTitle, lang),
    checks: result.checks.map((check) => checkIn(check, lang)),
  };
}

/** The language is chosen here, when a report is rendered: results keep both until then. */
export function inLanguage(run: RunResult, lang: Lang): RunView {
  return { results: run.results.map((result) => submissionIn(result, lang)) };
}
