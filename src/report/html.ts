import { createHash } from "node:crypto";
import { formatDuration } from "../format.js";
import type { Lang } from "../i18n.js";
import type { CheckView, RunView, SubmissionView } from "./run-view.js";
import { feedbackParts, partLine } from "./check-feedback.js";
import { html, type SafeHtml } from "./html-escape.js";
import { classStats, type ExerciseStats } from "./class-stats.js";
import { passRateChart, scoreHistogram } from "./html-class-charts.js";
import { layerChart } from "./html-layer-chart.js";
import { PAGE_SCRIPT, PAGE_STYLE } from "./html-page-assets.js";

const WORDS = {
  fr: {
    title: "Résultats dockgrade",
    learner: "Rendu",
    exercise: "Exercice",
    score: "Score",
    colon: " :",
    failed: "Échecs",
    time: "Durée",
    status: "Statut",
    check: "Vérification",
    points: "Points",
    message: "Message",
    hint: "Piste",
    expected: "attendu",
    actual: "obtenu",
    build: "La construction de l'image a échoué",
    buildOk: "image construite",
    submissions: "rendus",
    passed: "réussis",
    notGraded: (count: number) => (count > 1 ? "non notés" : "non noté"),
    notGradedScore: "non noté",
    notGradedWhy: "la correction n'a pas pu aboutir (ce n'est pas la faute de l'étudiant) : à corriger de nouveau",
    classTitle: "La classe : où elle bloque",
    median: "score médian",
    checkStatus: { pass: "réussi", fail: "échoué", skip: "non évalué", error: "erreur" },
    visibility: { visible: "", hidden: "cachée", "after-due-date": "après l'échéance" },
  },
  en: {
    title: "dockgrade results",
    learner: "Learner",
    exercise: "Exercise",
    score: "Score",
    colon: ":",
    failed: "Failed",
    time: "Time",
    status: "Status",
    check: "Check",
    points: "Points",
    message: "Message",
    hint: "Hint",
    expected: "expected",
    actual: "actual",
    build: "The image build failed",
    buildOk: "image built",
    submissions: "submissions",
    passed: "passed",
    notGraded: (_count: number) => "not graded",
    notGradedScore: "not graded",
    notGradedWhy: "grading could not complete (not the learner's fault): grade again",
    classTitle: "The class: where it struggles",
    median: "median score",
    checkStatus: { pass: "pass", fail: "fail", skip: "skipped", error: "error" },
    visibility: { visible: "", hidden: "hidden", "after-due-date": "after due date" },
  },
} as const;

type Words = (typeof WORDS)[Lang];

const failedIds = (result: SubmissionView) =>
  result.checks.filter((check) => check.status === "fail" || check.status === "error").map((check) => check.id);
// Submissions that could not be graded sort below every score: they have none.
const ratio = (result: SubmissionView) =>
  result.status === "error" ? "-1" : result.maxScore > 0 ? (result.score / result.maxScore).toFixed(4) : "0";

/** A score, or plainly "not graded": a partial score of a grading that could not complete is no grade. */
function scoreText(result: SubmissionView, words: Words): SafeHtml {
  return result.status === "error"
    ? html`<span class="badge error" title="${words.notGradedWhy}">${words.notGradedScore}</span>`
    : html`${result.score}/${result.maxScore}`;
}

function overview(run: RunView, words: Words): SafeHtml {
  const head = [words.learner, words.exercise, words.score, words.failed, words.time].map(
    (title) => html`<th scope="col"><button type="button">${title}</button></th>`,
  );
  const rows = run.results.map((result, index) => {
    const learner = result.learner;
    const failed = failedIds(result);
    return html`<tr>
  <td data-sort="${learner}"><a href="#submission-${index}">${learner}</a></td>
  <td data-sort="${result.exercise}">${result.exercise}</td>
  <td class="number" data-sort="${ratio(result)}">${scoreText(result, words)}</td>
  <td data-sort="${failed.length}">${failed.join(", ") || "—"}</td>
  <td class="number" data-sort="${result.durationMs}">${formatDuration(result.durationMs)}</td>
</tr>`;
  });
  return html`<table id="overview"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function checkRow(check: CheckView, words: Words, lang: Lang): SafeHtml {
  const visibility = words.visibility[check.visibility];
  const parts = feedbackParts(check, lang);
  const compared = parts.filter((part) => part.role === "expected" || part.role === "actual");
  const comparison = compared.length > 0 ? html`<pre>${compared.map(partLine).join("\n")}</pre>` : "";
  const hint = parts.find((part) => part.role === "hint")?.text ?? "";
  return html`<tr>
  <td><span class="badge ${check.status}">${words.checkStatus[check.status]}</span></td>
  <td>${check.title} <code>${check.id}</code>${visibility ? html` <span class="badge visibility">${visibility}</span>` : ""}</td>
  <td class="number">${check.points}/${check.maxPoints}</td>
  <td><pre>${check.message}</pre>${comparison}</td>
  <td>${hint}</td>
</tr>`;
}

function submissionSection(result: SubmissionView, index: number, lang: Lang): SafeHtml {
  const words = WORDS[lang];
  const head = [words.status, words.check, words.points, words.message, words.hint].map(
    (title) => html`<th scope="col">${title}</th>`,
  );
  const buildFailed =
    result.build.status === "failed"
      ? html`<p class="problem">${words.build}</p><pre class="log">${result.build.logExcerpt.join("\n")}</pre>`
      : "";
  const chart = result.layers && result.layers.length > 0 ? layerChart(result.layers, lang) : "";
  return html`<section id="submission-${index}" class="submission ${result.status}">
<h2>${result.learner} <small>${result.exercise} — ${result.exerciseTitle}</small></h2>
<p>${words.score}${words.colon} <strong>${scoreText(result, words)}</strong> · ${formatDuration(result.durationMs)}${result.build.status === "ok" ? html` · ${words.buildOk}` : ""}</p>
${buildFailed}
${result.status === "error" ? html`<p class="problem">${words.notGradedWhy}</p>` : ""}
${result.error ? html`<pre class="log">${result.error}</pre>` : ""}
<table class="checks"><thead><tr>${head}</tr></thead><tbody>${result.checks.map((check) => checkRow(check, words, lang))}</tbody></table>
${chart}
</section>`;
}

/** Where the class struggles, per exercise: each check's pass rate and the score distribution. */
function classSection(stats: ExerciseStats[], lang: Lang): SafeHtml {
  const words = WORDS[lang];
  const exercises = stats.map(
    (exercise) => html`<section class="class-exercise">
<h3>${exercise.title} <small>${exercise.exercise}</small></h3>
<p>${exercise.graded} ${words.submissions}${exercise.median === undefined ? "" : html` · ${words.median} <strong>${Math.round(exercise.median * 10) / 10}/${exercise.maxScore}</strong>`}${exercise.notGraded > 0 ? html` · <span class="problem">${exercise.notGraded} ${words.notGraded(exercise.notGraded)}</span>` : ""}</p>
${passRateChart(exercise, lang)}
${scoreHistogram(exercise, lang)}
</section>`,
  );
  return html`<section class="class"><h2>${words.classTitle}</h2>${exercises}</section>`;
}

const cspHash = (content: SafeHtml) => `'sha256-${createHash("sha256").update(content.markup).digest("base64")}'`;

/**
 * One self-contained page for the instructor: for a class, where it struggles (each check's pass
 * rate and the score distribution, as charts); a sortable overview; then each learner's checks
 * and image layers. Every value from the result goes through `html`, which escapes it;
 * the Content-Security-Policy allows only this page's own style and script, so even markup that
 * slipped through could neither run nor load anything.
 */
export function renderHtml(run: RunView, options: { lang: Lang }): string {
  const words = WORDS[options.lang];
  const exercises = [...new Set(run.results.map((result) => result.exercise))].join(", ");
  const passed = run.results.filter((result) => result.status === "passed").length;
  const notGraded = run.results.filter((result) => result.status === "error").length;
  const stats = classStats(run).filter((exercise) => exercise.graded + exercise.notGraded > 1);
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
<p>${exercises} · ${run.results.length} ${words.submissions}, ${passed} ${words.passed}${notGraded > 0 ? html`, <span class="problem">${notGraded} ${words.notGraded(notGraded)}</span>` : ""}</p>
${stats.length > 0 ? classSection(stats, options.lang) : ""}
${overview(run, words)}
${run.results.map((result, index) => submissionSection(result, index, options.lang))}
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
  return page.markup;
}
