import type { Lang } from "../i18n.js";
import type { CheckView, RunView } from "./run-view.js";
import { feedbackParts, partLine, submissionProblems } from "./check-feedback.js";
import { singleSubmission } from "./single-submission.js";

/** The fields of PrairieLearn's external grader `results.json` that dockgrade fills. */
export interface PrairieLearnResults {
  gradable: boolean;
  /** Absent when not gradable: PrairieLearn then awards nothing and takes nothing away. */
  score?: number;
  message: string;
  output?: string;
  format_errors?: string[];
  tests: { name: string; description: string; points: number; max_points: number; message: string; output?: string }[];
}

const WORDS = {
  fr: {
    expected: "attendu",
    actual: "obtenu",
    cannot:
      "La correction n'a pas pu aboutir (ce n'est pas de votre fait) : cette tentative ne compte pas, soumettez à nouveau.",
    noVisible: "Cet exercice n'a aucune vérification visible des étudiants : PrairieLearn ne reçoit pas de note.",
  },
  en: {
    expected: "expected",
    actual: "actual",
    cannot: "Grading could not complete (not your fault): this attempt does not count, submit again.",
    noVisible: "This exercise has no check visible to students: PrairieLearn receives no score.",
  },
} as const;

// PrairieLearn refuses a results.json over 1 MB; a build log or a command's output can be long.
const MAX_TEXT = 64 * 1024;
const bounded = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}\n…` : text);

/**
 * PrairieLearn's `/grade/results/results.json` for the one submission of a grading job.
 * PrairieLearn has no per-test visibility and shows students every test it receives: it gets the
 * visible checks only (index.ts), and the score counts those, so that nothing reveals a hidden
 * check. When grading could not complete (engine trouble) the submission is not gradable: no
 * score, PrairieLearn awards nothing and does not count the attempt.
 */
/** PrairieLearn shows a test's message, and its output as preformatted text: the comparison goes there. */
function testFeedback(check: CheckView, lang: Lang): { message: string; output?: string } {
  const parts = feedbackParts(check, lang);
  const compared = parts.filter((part) => part.role === "expected" || part.role === "actual");
  const message = parts
    .filter((part) => !compared.includes(part))
    .map(partLine)
    .join("\n");
  return compared.length > 0
    ? { message: bounded(message), output: bounded(compared.map(partLine).join("\n")) }
    : { message: bounded(message) };
}

export function renderPrairieLearn(run: RunView, options: { lang: Lang }): string {
  const result = singleSubmission(run, "prairielearn");
  const words = WORDS[options.lang];
  const points = result.checks.reduce((sum, check) => sum + check.points, 0);
  const maxPoints = result.checks.reduce((sum, check) => sum + check.maxPoints, 0);
  const problem =
    result.status === "error"
      ? [words.cannot, ...(result.error ? [result.error] : [])]
      : maxPoints > 0
        ? []
        : [words.noVisible];
  const gradable = problem.length === 0;
  const output = submissionProblems(result, options.lang);
  const results: PrairieLearnResults = {
    gradable,
    ...(gradable ? { score: Math.min(1, Math.max(0, points / maxPoints)) } : {}),
    message: gradable ? `${result.exerciseTitle}: ${points}/${maxPoints}` : problem[0]!,
    ...(output ? { output: bounded(output) } : {}),
    ...(gradable ? {} : { format_errors: problem.map(bounded) }),
    tests: result.checks.map((check) => ({
      name: check.title,
      description: `${check.id} (${check.kind})`,
      points: check.points,
      max_points: check.maxPoints,
      ...testFeedback(check, options.lang),
    })),
  };
  return `${JSON.stringify(results, null, 2)}\n`;
}
