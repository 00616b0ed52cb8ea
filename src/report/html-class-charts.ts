import type { Lang } from "../i18n.js";
import { HISTOGRAM_BINS, percent, type ExerciseStats } from "./class-stats.js";
import { html, type SafeHtml } from "./html-escape.js";

const WORDS = {
  fr: {
    passRate: "Taux de réussite de chaque vérification, de la moins réussie à la plus réussie",
    distribution: "Répartition des scores (en pourcentage du maximum)",
    submissions: "rendus",
    hidden: "cachée",
    "after-due-date": "après l'échéance",
    notGraded: (count: number) =>
      `${count} rendu${count > 1 ? "s" : ""} non noté${count > 1 ? "s" : ""}, non compté${count > 1 ? "s" : ""}`,
  },
  en: {
    passRate: "Pass rate of each check, least passed first",
    distribution: "Distribution of scores (percentage of the maximum)",
    submissions: "submissions",
    hidden: "hidden",
    "after-due-date": "after due date",
    notGraded: (count: number) => `${count} submission${count > 1 ? "s" : ""} not graded, not counted`,
  },
} as const;

const WIDTH = 1000;
const ROW = 26;
const LABEL_RIGHT = 440;
const BAR_X = 452;
const BAR_WIDTH = 380;
const FONT = "system-ui, sans-serif";

const rateColour = (rate: number) => (rate < 0.5 ? "#c62828" : rate < 0.8 ? "#ef6c00" : "#2e7d32");
const shorten = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** A horizontal bar per check: the share of graded submissions that passed it. */
export function passRateChart(stats: ExerciseStats, lang: Lang): SafeHtml {
  const words = WORDS[lang];
  const checks = [...stats.checks].sort((a, b) => a.passed / (a.graded || 1) - b.passed / (b.graded || 1));
  const height = checks.length * ROW + 8;
  const rows = checks.map((check, index) => {
    const y = index * ROW + 4;
    const rate = check.graded > 0 ? check.passed / check.graded : 0;
    const visibility = check.visibility === "visible" ? "" : ` (${words[check.visibility]})`;
    return html`<g class="check-rate">
  <title>${check.title} [${check.id}]${visibility}: ${check.passed}/${check.graded}</title>
  <text x="${LABEL_RIGHT}" y="${y + 17}" text-anchor="end">${shorten(check.title, 58)}${visibility}</text>
  <rect x="${BAR_X}" y="${y + 4}" width="${BAR_WIDTH}" height="${ROW - 8}" rx="3" fill="#eceff1"></rect>
  <rect x="${BAR_X}" y="${y + 4}" width="${Math.round(rate * BAR_WIDTH)}" height="${ROW - 8}" rx="3" fill="${rateColour(rate)}"></rect>
  <text x="${BAR_X + BAR_WIDTH + 10}" y="${y + 17}">${percent(check.passed, check.graded, lang)} (${check.passed}/${check.graded})</text>
</g>`;
  });
  return html`<figure class="class-chart">
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${words.passRate}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}" font-size="13">
${rows}
</svg>
<figcaption>${words.passRate}</figcaption>
</figure>`;
}

const PLOT_LEFT = 60;
const PLOT_TOP = 24;
const PLOT_HEIGHT = 180;
const PLOT_WIDTH = 900;
const BIN_GAP = 10;

/** Ten columns, one per tenth of the maximum score: how many graded submissions fall in each. */
export function scoreHistogram(stats: ExerciseStats, lang: Lang): SafeHtml {
  const words = WORDS[lang];
  const tallest = Math.max(1, ...stats.histogram);
  const binWidth = PLOT_WIDTH / HISTOGRAM_BINS;
  const axisY = PLOT_TOP + PLOT_HEIGHT;
  const height = axisY + 44;
  const bins = stats.histogram.map((count, bin) => {
    const barHeight = Math.round((count / tallest) * PLOT_HEIGHT);
    const x = PLOT_LEFT + bin * binWidth + BIN_GAP / 2;
    const label = bin === HISTOGRAM_BINS - 1 ? `${bin * 10}–100` : `${bin * 10}–${bin * 10 + 9}`;
    return html`<g class="score-bin">
  <title>${label} %: ${count} ${words.submissions}</title>
  <rect x="${x}" y="${axisY - barHeight}" width="${binWidth - BIN_GAP}" height="${barHeight}" fill="${rateColour((bin + 0.5) / HISTOGRAM_BINS)}"></rect>
  <text x="${x + (binWidth - BIN_GAP) / 2}" y="${axisY - barHeight - 6}" text-anchor="middle">${count > 0 ? count : ""}</text>
  <text x="${x + (binWidth - BIN_GAP) / 2}" y="${axisY + 18}" text-anchor="middle">${label} %</text>
</g>`;
  });
  const ticks = [0, Math.ceil(tallest / 2), tallest].filter((tick, index, all) => all.indexOf(tick) === index);
  const gridlines = ticks.map((tick) => {
    const y = axisY - Math.round((tick / tallest) * PLOT_HEIGHT);
    return html`<line x1="${PLOT_LEFT}" x2="${PLOT_LEFT + PLOT_WIDTH}" y1="${y}" y2="${y}" stroke="#ddd"></line>
<text x="${PLOT_LEFT - 8}" y="${y + 4}" text-anchor="end">${tick}</text>`;
  });
  const caption =
    stats.notGraded > 0
      ? html`${words.distribution} · ${words.notGraded(stats.notGraded)}`
      : html`${words.distribution}`;
  return html`<figure class="class-chart">
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${words.distribution}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}" font-size="13">
${gridlines}
${bins}
<line x1="${PLOT_LEFT}" x2="${PLOT_LEFT + PLOT_WIDTH}" y1="${axisY}" y2="${axisY}" stroke="#555"></line>
<text x="4" y="${PLOT_TOP - 10}">${words.submissions}</text>
</svg>
<figcaption>${caption}</figcaption>
</figure>`;
}
