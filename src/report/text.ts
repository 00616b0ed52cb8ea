import { formatDuration } from "../format.js";
import type { Lang } from "../i18n.js";
import type { CheckResult, RunResult, SubmissionResult } from "../grading/result.js";

export const MARKS: Record<CheckResult["status"], string> = { pass: "✔", fail: "✘", skip: "–", error: "!" };

const WORDS = {
  fr: { expected: "attendu", actual: "obtenu", hint: "piste", build: "La construction de l'image a échoué", score: "Score", total: "Total" },
  en: { expected: "expected", actual: "actual", hint: "hint", build: "The image build failed", score: "Score", total: "Total" },
} as const;

function indent(text: string, prefix: string): string {
  return text.split("\n").map((line) => prefix + line).join("\n");
}

function renderCheck(check: CheckResult, lang: Lang): string {
  const words = WORDS[lang];
  const head = `  ${MARKS[check.status]} ${check.title} (${check.points}/${check.maxPoints})  [${check.id}]`;
  if (check.status === "pass") return head;
  const lines = [head, indent(check.message, "      ")];
  if (check.status === "fail" && check.expected !== undefined) lines.push(`      ${words.expected}: ${check.expected}`, `      ${words.actual}: ${check.actual ?? ""}`);
  if (check.hint) lines.push(indent(`${words.hint}: ${check.hint}`, "      → ").replace(/^ {6}→ /, "      → "));
  return lines.join("\n");
}

function renderSubmission(result: SubmissionResult, lang: Lang): string {
  const words = WORDS[lang];
  const lines = [`${result.exercise} — ${result.exerciseTitle}`, `  ${result.submission}`];
  if (result.build.status === "failed") {
    lines.push(`  ${words.build}:`, ...result.build.logExcerpt.map((line) => `    | ${line}`));
  }
  for (const check of result.checks) lines.push(renderCheck(check, lang));
  if (result.error) lines.push(`  ! ${result.error}`);
  const reused = result.reused ? (lang === "fr" ? ", résultat précédent réutilisé : --force pour recorriger" : ", previous result reused: --force to grade again") : "";
  lines.push(`  ${words.score}: ${result.score}/${result.maxScore}  (${formatDuration(result.durationMs)}${reused})`);
  return lines.join("\n");
}

/** One line per submission: who, which exercise, score, failed checks, time. */
function renderSummary(run: RunResult, lang: Lang): string {
  const head = lang === "fr" ? ["rendu", "exercice", "score", "échecs", "durée"] : ["submission", "exercise", "score", "failed", "time"];
  const rows = run.results.map((result) => [
    result.learner,
    result.exercise,
    `${result.score}/${result.maxScore}`,
    result.checks.filter((check) => check.status === "fail" || check.status === "error").map((check) => check.id).join(", ") || "—",
    formatDuration(result.durationMs),
  ]);
  const widths = head.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd();
  const score = run.results.reduce((sum, result) => sum + result.score, 0);
  const max = run.results.reduce((sum, result) => sum + result.maxScore, 0);
  return [line(head), ...rows.map(line), `${WORDS[lang].total}: ${score}/${max}`].join("\n");
}

/** Plain text for a terminal or a CI log. */
export function renderText(run: RunResult, options: { lang: Lang }): string {
  const blocks = run.results.map((result) => renderSubmission(result, options.lang));
  if (run.results.length > 1) blocks.push(renderSummary(run, options.lang));
  return `${blocks.join("\n\n")}\n`;
}
