import type { Lang } from "../i18n.js";
import type { CheckResult, SubmissionResult } from "../grading/result.js";

const WORDS = {
  fr: { expected: "attendu", actual: "obtenu", hint: "piste", build: "La construction de l'image a échoué :" },
  en: { expected: "expected", actual: "actual", hint: "hint", build: "The image build failed:" },
} as const;

/** A check's feedback as plain text: message, expected/actual for a failure, hint. */
export function checkFeedback(check: CheckResult, lang: Lang): string {
  const words = WORDS[lang];
  const lines = [check.message];
  if (check.status === "fail" && check.expected !== undefined) lines.push(`${words.expected}: ${check.expected}`, `${words.actual}: ${check.actual ?? ""}`);
  if (check.hint && check.status !== "pass") lines.push(`${words.hint}: ${check.hint}`);
  return lines.join("\n");
}

/** What went wrong with the submission as a whole (build log lines, engine trouble), or "". */
export function submissionProblems(result: SubmissionResult, lang: Lang): string {
  const lines = [];
  if (result.build.status === "failed") lines.push(WORDS[lang].build, ...result.build.logExcerpt.map((line) => `  ${line}`));
  if (result.error) lines.push(result.error);
  return lines.join("\n");
}
