import { basename } from "node:path";
import type { Lang } from "../i18n.js";
import type { CheckResult, RunResult, SubmissionResult } from "../grading/result.js";

const EMOJI: Record<CheckResult["status"], string> = { pass: "✅", fail: "❌", skip: "⏭️", error: "⚠️" };

const WORDS = {
  fr: { colon: " :", check: "Vérification", points: "Points", details: "Détails", expected: "Attendu", actual: "Obtenu", hint: "Piste", build: "La construction de l'image a échoué", error: "La correction n'a pas pu aboutir" },
  en: { colon: ":", check: "Check", points: "Points", details: "Details", expected: "Expected", actual: "Actual", hint: "Hint", build: "The image build failed", error: "Grading could not complete" },
} as const;

/** A table cell: one line, no column break, no raw HTML (GitHub renders entities as text). */
export function markdownCell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>");
}

/** A fenced block that the text cannot close: the fence is longer than any backtick run inside. */
function codeBlock(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

function quote(text: string): string {
  return text.split(/\r?\n/).map((line) => `> ${line}`).join("\n");
}

function checkDetails(check: CheckResult, lang: Lang): string {
  const words = WORDS[lang];
  const lines = [`**${EMOJI[check.status]} ${markdownCell(check.title)}** \`${check.id}\``, "", codeBlock(check.message)];
  if (check.status === "fail" && check.expected !== undefined) {
    lines.push("", `- ${words.expected}${words.colon} ${markdownCell(check.expected)}`, `- ${words.actual}${words.colon} ${markdownCell(check.actual ?? "")}`);
  }
  if (check.hint) lines.push("", quote(`💡 ${words.hint}${words.colon} ${check.hint}`));
  return lines.join("\n");
}

function renderSubmission(result: SubmissionResult, lang: Lang): string {
  const words = WORDS[lang];
  // Learner-facing: the total counts the checks this report shows, so the table adds up.
  const score = result.checks.reduce((sum, check) => sum + check.points, 0);
  const max = result.checks.reduce((sum, check) => sum + check.maxPoints, 0);
  const parts = [`### ${markdownCell(basename(result.submission))} — ${markdownCell(result.exerciseTitle)}${words.colon} ${score}/${max}`];
  parts.push([`| | ${words.check} | ${words.points} |`, "|:-:|---|--:|", ...result.checks.map((check) => `| ${EMOJI[check.status]} | ${markdownCell(check.title)} | ${check.points}/${check.maxPoints} |`)].join("\n"));
  if (result.build.status === "failed") parts.push(`**${words.build}**`, codeBlock(result.build.logExcerpt.join("\n")));
  if (result.error) parts.push(`**${words.error}**`, codeBlock(result.error));
  const failed = result.checks.filter((check) => check.status === "fail" || check.status === "error");
  if (failed.length > 0) parts.push(`#### ${words.details}`, ...failed.map((check) => checkDetails(check, lang)));
  return parts.join("\n\n");
}

/** Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a table per submission, details for failures. */
export function renderMarkdown(run: RunResult, options: { lang: Lang }): string {
  return `${run.results.map((result) => renderSubmission(result, options.lang)).join("\n\n---\n\n")}\n`;
}
