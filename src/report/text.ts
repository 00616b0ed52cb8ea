import { formatDuration } from "../format.js";
import type { Lang } from "../i18n.js";
import { feedbackParts, partLine } from "./check-feedback.js";
import type { CheckView, RunView, SubmissionView } from "./run-view.js";

export const MARKS: Record<CheckView["status"], string> = { pass: "✔", fail: "✘", skip: "–", error: "!" };

const WORDS = {
  fr: {
    expected: "attendu",
    actual: "obtenu",
    hint: "piste",
    build: "La construction de l'image a échoué",
    score: "Score :",
    total: "Total :",
    notGraded: "non noté",
    notGradedWhy:
      "non noté : la correction n'a pas pu aboutir (ce n'est pas la faute de l'étudiant), à corriger de nouveau",
  },
  en: {
    expected: "expected",
    actual: "actual",
    hint: "hint",
    build: "The image build failed",
    score: "Score:",
    total: "Total:",
    notGraded: "not graded",
    notGradedWhy: "not graded: grading could not complete (not the learner's fault), grade again",
  },
} as const;

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}

function renderCheck(check: CheckView, lang: Lang): string {
  const words = WORDS[lang];
  const head = `  ${MARKS[check.status]} ${check.title} (${check.points}/${check.maxPoints})  [${check.id}]`;
  if (check.status === "pass") return head;
  const lines = [head];
  for (const part of feedbackParts(check, lang)) {
    if (part.role === "hint") lines.push(indent(partLine(part), "      → ").replace(/^ {6}→ /, "      → "));
    else lines.push(indent(partLine(part), "      "));
  }
  return lines.join("\n");
}

function renderSubmission(result: SubmissionView, lang: Lang): string {
  const words = WORDS[lang];
  const lines = [`${result.exercise} — ${result.exerciseTitle}`, `  ${result.submission}`];
  if (result.build.status === "failed") {
    lines.push(
      `  ${words.build}:`,
      ...result.build.logExcerpt.flatMap((line) => line.split("\n")).map((line) => `    | ${line}`),
    );
  }
  for (const check of result.checks) lines.push(renderCheck(check, lang));
  if (result.error) lines.push(`  ! ${result.error}`);
  const from = result.reusedFrom;
  const reused = result.reused
    ? lang === "fr"
      ? `, résultat ${from ? `du passage ${from.runId} (${from.gradedAt.slice(0, 16).replace("T", " ")})` : "précédent"} réutilisé : --force pour recorriger`
      : `, result of ${from ? `run ${from.runId} (${from.gradedAt.slice(0, 16).replace("T", " ")})` : "a previous run"} reused: --force to grade again`
    : "";
  // A submission that could not be graded has no score: a partial one would read as a grade.
  const score = result.status === "error" ? words.notGradedWhy : `${result.score}/${result.maxScore}`;
  lines.push(`  ${words.score} ${score}  (${formatDuration(result.durationMs)}${reused})`);
  return lines.join("\n");
}

/** One line per submission: who, which exercise, score, failed checks, time. */
function renderSummary(run: RunView, lang: Lang): string {
  const head =
    lang === "fr"
      ? ["rendu", "exercice", "score", "échecs", "durée"]
      : ["submission", "exercise", "score", "failed", "time"];
  const rows = run.results.map((result) => [
    result.learner,
    result.exercise,
    result.status === "error" ? WORDS[lang].notGraded : `${result.score}/${result.maxScore}`,
    result.checks
      .filter((check) => check.status === "fail" || check.status === "error")
      .map((check) => check.id)
      .join(", ") || "—",
    formatDuration(result.durationMs),
  ]);
  const widths = head.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd();
  const graded = run.results.filter((result) => result.status !== "error");
  const score = graded.reduce((sum, result) => sum + result.score, 0);
  const max = graded.reduce((sum, result) => sum + result.maxScore, 0);
  const notGraded = run.results.length - graded.length;
  const total = `${WORDS[lang].total} ${score}/${max}${notGraded > 0 ? ` (+ ${notGraded} ${WORDS[lang].notGraded})` : ""}`;
  return [line(head), ...rows.map(line), total].join("\n");
}

/** Plain text for a terminal or a CI log. */
export function renderText(run: RunView, options: { lang: Lang }): string {
  const blocks = run.results.map((result) => renderSubmission(result, options.lang));
  if (run.results.length > 1) blocks.push(renderSummary(run, options.lang));
  return `${blocks.join("\n\n")}\n`;
}
