import { createHash } from "node:crypto";
import { formatDuration } from "../format.js";
import type { Lang } from "../i18n.js";
import type { CheckResult, RunResult, SubmissionResult } from "../grading/result.js";
import { html, type SafeHtml } from "./html-escape.js";
import { layerChart } from "./html-layer-chart.js";
import { PAGE_SCRIPT, PAGE_STYLE } from "./html-page-assets.js";

const WORDS = {
  fr: {
    title: "Résultats dockgrade", learner: "Rendu", exercise: "Exercice", score: "Score", failed: "Échecs", time: "Durée",
    status: "Statut", check: "Vérification", points: "Points", message: "Message", hint: "Piste", expected: "attendu", actual: "obtenu",
    build: "La construction de l'image a échoué", buildOk: "image construite", submissions: "rendus", passed: "réussis",
    checkStatus: { pass: "réussi", fail: "échoué", skip: "non évalué", error: "erreur" },
    visibility: { visible: "", hidden: "cachée", "after-due-date": "après l'échéance" },
  },
  en: {
    title: "dockgrade results", learner: "Learner", exercise: "Exercise", score: "Score", failed: "Failed", time: "Time",
    status: "Status", check: "Check", points: "Points", message: "Message", hint: "Hint", expected: "expected", actual: "actual",
    build: "The image build failed", buildOk: "image built", submissions: "submissions", passed: "passed",
    checkStatus: { pass: "pass", fail: "fail", skip: "skipped", error: "error" },
    visibility: { visible: "", hidden: "hidden", "after-due-date": "after due date" },
  },
} as const;

type Words = (typeof WORDS)[Lang];

const failedIds = (result: SubmissionResult) => result.checks.filter((check) => check.status === "fail" || check.status === "error").map((check) => check.id);
const ratio = (result: SubmissionResult) => (result.maxScore > 0 ? (result.score / result.maxScore).toFixed(4) : "0");

function overview(run: RunResult, words: Words): SafeHtml {
  const head = [words.learner, words.exercise, words.score, words.failed, words.time].map((title) => html`<th scope="col"><button type="button">${title}</button></th>`);
  const rows = run.results.map((result, index) => {
    const learner = result.learner;
    const failed = failedIds(result);
    return html`<tr>
  <td data-sort="${learner}"><a href="#submission-${index}">${learner}</a></td>
  <td data-sort="${result.exercise}">${result.exercise}</td>
  <td class="number" data-sort="${ratio(result)}">${result.score}/${result.maxScore}</td>
  <td data-sort="${failed.length}">${failed.join(", ") || "—"}</td>
  <td class="number" data-sort="${result.durationMs}">${formatDuration(result.durationMs)}</td>
</tr>`;
  });
  return html`<table id="overview"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function checkRow(check: CheckResult, words: Words): SafeHtml {
  const visibility = words.visibility[check.visibility];
  const comparison = check.status === "fail" && check.expected !== undefined ? html`<pre>${words.expected}: ${check.expected}\n${words.actual}: ${check.actual ?? ""}</pre>` : "";
  return html`<tr>
  <td><span class="badge ${check.status}">${words.checkStatus[check.status]}</span></td>
  <td>${check.title} <code>${check.id}</code>${visibility ? html` <span class="badge visibility">${visibility}</span>` : ""}</td>
  <td class="number">${check.points}/${check.maxPoints}</td>
  <td><pre>${check.message}</pre>${comparison}</td>
  <td>${check.status === "pass" ? "" : (check.hint ?? "")}</td>
</tr>`;
}

function submissionSection(result: SubmissionResult, index: number, lang: Lang): SafeHtml {
  const words = WORDS[lang];
  const head = [words.status, words.check, words.points, words.message, words.hint].map((title) => html`<th scope="col">${title}</th>`);
  const buildFailed = result.build.status === "failed" ? html`<p class="problem">${words.build}</p><pre class="log">${result.build.logExcerpt.join("\n")}</pre>` : "";
  const chart = result.layers && result.layers.length > 0 ? layerChart(result.layers, lang) : "";
  return html`<section id="submission-${index}" class="submission ${result.status}">
<h2>${result.learner} <small>${result.exercise} — ${result.exerciseTitle}</small></h2>
<p>${words.score}: <strong>${result.score}/${result.maxScore}</strong> · ${formatDuration(result.durationMs)}${result.build.status === "ok" ? html` · ${words.buildOk}` : ""}</p>
${buildFailed}
${result.error ? html`<p class="problem">${result.error}</p>` : ""}
<table class="checks"><thead><tr>${head}</tr></thead><tbody>${result.checks.map((check) => checkRow(check, words))}</tbody></table>
${chart}
</section>`;
}

const cspHash = (content: SafeHtml) => `'sha256-${createHash("sha256").update(content.markup).digest("base64")}'`;

/**
 * One self-contained page for the instructor: a sortable class overview, then each learner's
 * checks and image layers. Every value from the result goes through `html`, which escapes it;
 * the Content-Security-Policy allows only this page's own style and script, so even markup that
 * slipped through could neither run nor load anything.
 */
export function renderHtml(run: RunResult, options: { lang: Lang }): string {
  const words = WORDS[options.lang];
  const exercises = [...new Set(run.results.map((result) => result.exercise))].join(", ");
  const passed = run.results.filter((result) => result.status === "passed").length;
  const policy = `default-src 'none'; style-src ${cspHash(PAGE_STYLE)}; script-src ${cspHash(PAGE_SCRIPT)}`;
  const page = html`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${words.title} — ${exercises}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<h1>${words.title}</h1>
<p>${exercises} · ${run.results.length} ${words.submissions}, ${passed} ${words.passed}</p>
${overview(run, words)}
${run.results.map((result, index) => submissionSection(result, index, options.lang))}
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
  return page.markup;
}
