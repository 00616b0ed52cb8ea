import type { Lang } from "../i18n.js";
import type { CheckView, SubmissionView } from "./run-view.js";

const WORDS = {
  fr: { expected: "attendu", actual: "obtenu", hint: "piste", build: "La construction de l'image a échoué :" },
  en: { expected: "expected", actual: "actual", hint: "hint", build: "The image build failed:" },
} as const;

/** One part of a check's feedback; reporters lay the parts out, this module decides which there are. */
export interface FeedbackPart {
  role: "message" | "expected" | "actual" | "hint";
  /** The word before the text ("attendu", "hint"...), none for the message. */
  label?: string;
  text: string;
}

/**
 * A check's feedback, the one place that decides what a learner reads: the message; for a
 * failure, what was expected and what was found; for anything but a pass, the hint.
 */
export function feedbackParts(check: CheckView, lang: Lang): FeedbackPart[] {
  const words = WORDS[lang];
  const parts: FeedbackPart[] = [{ role: "message", text: check.message }];
  if (check.status === "fail" && check.expected !== undefined) {
    parts.push(
      { role: "expected", label: words.expected, text: check.expected },
      { role: "actual", label: words.actual, text: check.actual ?? "" },
    );
  }
  if (check.hint && check.status !== "pass") parts.push({ role: "hint", label: words.hint, text: check.hint });
  return parts;
}

/** A feedback part as a plain line: `label: text`. */
export function partLine(part: FeedbackPart): string {
  return part.label ? `${part.label}: ${part.text}` : part.text;
}

/** A check's feedback as plain text, one part a line. */
export function checkFeedback(check: CheckView, lang: Lang): string {
  return feedbackParts(check, lang).map(partLine).join("\n");
}

/** What went wrong with the submission as a whole (build log lines, engine trouble), or "". */
export function submissionProblems(result: SubmissionView, lang: Lang): string {
  const lines = [];
  if (result.build.status === "failed")
    lines.push(
      WORDS[lang].build,
      ...result.build.logExcerpt.flatMap((line) => line.split("\n")).map((line) => `  ${line}`),
    );
  if (result.error) lines.push(result.error);
  return lines.join("\n");
}
