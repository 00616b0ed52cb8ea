import type { Lang } from "../i18n.js";
import type { CheckView, RunView, SubmissionView } from "./run-view.js";
import { feedbackParts } from "./check-feedback.js";
import { classStats, percent, type ExerciseStats } from "./class-stats.js";
import { codeBlock, codeFor, codeSpan, literal } from "./markdown-text.js";

const EMOJI: Record<CheckView["status"], string> = { pass: "✅", fail: "❌", skip: "⏭️", error: "⚠️" };

const WORDS = {
  fr: {
    colon: " :",
    check: "Vérification",
    points: "Points",
    details: "Détails",
    expected: "Attendu",
    actual: "Obtenu",
    hint: "Piste",
    build: "La construction de l'image a échoué",
    error: "La correction n'a pas pu aboutir",
    notGraded: "non noté (la correction n'a pas pu aboutir)",
    classTitle: "La classe : où elle bloque",
    passRate: "Réussite",
    graded: (graded: number, median: string, max: number) =>
      `${graded} rendu${graded > 1 ? "s" : ""} corrigé${graded > 1 ? "s" : ""}, score médian ${median}/${max}`,
    regrade: (count: number) => `${count} à corriger de nouveau (la correction n'a pas pu aboutir)`,
  },
  en: {
    colon: ":",
    check: "Check",
    points: "Points",
    details: "Details",
    expected: "Expected",
    actual: "Actual",
    hint: "Hint",
    build: "The image build failed",
    error: "Grading could not complete",
    notGraded: "not graded (grading could not complete)",
    classTitle: "The class: where it struggles",
    passRate: "Passed",
    graded: (graded: number, median: string, max: number) =>
      `${graded} submission${graded > 1 ? "s" : ""} graded, median score ${median}/${max}`,
    regrade: (count: number) => `${count} to grade again (grading could not complete)`,
  },
} as const;

function checkDetails(check: CheckView, lang: Lang): string {
  const words = WORDS[lang];
  const lines = [`**${EMOJI[check.status]} ${literal(check.title)}** ${codeSpan(check.id)}`];
  for (const part of feedbackParts(check, lang)) {
    if (part.role === "message") lines.push("", codeBlock(part.text));
    else if (part.role === "expected") lines.push("", `- ${words.expected}${words.colon} ${codeFor(part.text)}`);
    else if (part.role === "actual") lines.push(`- ${words.actual}${words.colon} ${codeFor(part.text)}`);
    else lines.push("", `💡 **${words.hint}${words.colon}** ${codeFor(part.text)}`);
  }
  return lines.join("\n");
}

function renderSubmission(result: SubmissionView, lang: Lang): string {
  const words = WORDS[lang];
  // Learner-facing: the total counts the checks this report shows, so the table adds up.
  const score = result.checks.reduce((sum, check) => sum + check.points, 0);
  const max = result.checks.reduce((sum, check) => sum + check.maxPoints, 0);
  const verdict = result.status === "error" ? `⚠️ ${words.notGraded}` : `${score}/${max}`;
  const parts = [`### ${codeSpan(result.learner)} — ${literal(result.exerciseTitle)}${words.colon} ${verdict}`];
  parts.push(
    [
      `| | ${words.check} | ${words.points} |`,
      "|:-:|---|--:|",
      ...result.checks.map(
        (check) => `| ${EMOJI[check.status]} | ${literal(check.title)} | ${check.points}/${check.maxPoints} |`,
      ),
    ].join("\n"),
  );
  if (result.build.status === "failed") parts.push(`**${words.build}**`, codeBlock(result.build.logExcerpt.join("\n")));
  if (result.error) parts.push(`**${words.error}**`, codeBlock(result.error));
  const failed = result.checks.filter((check) => check.status === "fail" || check.status === "error");
  if (failed.length > 0) parts.push(`#### ${words.details}`, ...failed.map((check) => checkDetails(check, lang)));
  return parts.join("\n\n");
}

const BAR_WIDTH = 10;
const bar = (part: number, whole: number) => {
  const filled = whole > 0 ? Math.round((part / whole) * BAR_WIDTH) : 0;
  return "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
};

/** Each check's pass rate across the class, hardest first: where the class struggles. */
function exerciseSummary(stats: ExerciseStats, lang: Lang): string {
  const words = WORDS[lang];
  const median = stats.median === undefined ? "—" : String(Math.round(stats.median * 10) / 10);
  const counts = [words.graded(stats.graded, median, stats.maxScore)];
  if (stats.notGraded > 0) counts.push(words.regrade(stats.notGraded));
  const checks = [...stats.checks].sort((a, b) => a.passed / (a.graded || 1) - b.passed / (b.graded || 1));
  const rows = checks.map(
    (check) =>
      `| ${literal(check.title)} ${codeSpan(check.id, { inTable: true })} | ${percent(check.passed, check.graded, lang)} | ${check.passed}/${check.graded} | ${bar(check.passed, check.graded)} |`,
  );
  return [
    `### ${literal(stats.title)} ${codeSpan(stats.exercise)}`,
    "",
    `${counts.join(lang === "fr" ? " ; " : "; ")}.`,
    "",
    `| ${words.check} | ${words.passRate} | | |`,
    "|---|--:|--:|---|",
    ...rows,
  ].join("\n");
}

/**
 * Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: for a class, each check's pass
 * rate first; then a table per submission and details for failures. Learner text is shown as
 * code (markdown-text.ts), so that nothing in it becomes a link, an image, HTML or a mention.
 */
export function renderMarkdown(run: RunView, options: { lang: Lang }): string {
  const sections = [];
  if (run.results.length > 1) {
    const summaries = classStats(run).map((stats) => exerciseSummary(stats, options.lang));
    sections.push(`## ${WORDS[options.lang].classTitle}\n\n${summaries.join("\n\n")}`);
  }
  sections.push(...run.results.map((result) => renderSubmission(result, options.lang)));
  return `${sections.join("\n\n---\n\n")}\n`;
}
