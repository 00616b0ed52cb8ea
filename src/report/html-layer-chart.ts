import { formatBytes, shortInstruction } from "../format.js";
import type { Lang } from "../i18n.js";
import type { LayerSummary } from "../grading/result.js";
import { html, type SafeHtml } from "./html-escape.js";

const ROW = 22;
const SIZE_WIDTH = 80;
const BAR_X = SIZE_WIDTH + 10;
const BAR_WIDTH = 320;
const TEXT_X = BAR_X + BAR_WIDTH + 12;
const WIDTH = 1000;
const BASE_COLOUR = "#9e9e9e";
const ADDED_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

const WORDS = {
  fr: {
    base: "couche de l'image de base",
    caption:
      "Couches de l'image, de la plus ancienne à la plus récente (échelle logarithmique) : en gris l'image de base, en couleur les couches ajoutées",
    added: "ajouté",
  },
  en: {
    base: "base image layer",
    caption: "Image layers, oldest first (logarithmic scale): grey for the base image, colour for the added layers",
    added: "added",
  },
} as const;

/**
 * Bar width on a log scale: a 150 MB base layer and a 147 B COPY must both stay visible, as in
 * dive's layer list; the exact size is printed beside each bar.
 */
function barWidth(bytes: number, largest: number): number {
  if (bytes <= 0 || largest <= 0) return 0;
  return Math.max(2, Math.round((Math.log1p(bytes) / Math.log1p(largest)) * BAR_WIDTH));
}

/** An SVG bar chart of the image's layers by size, like dive's layer view. */
export function layerChart(layers: LayerSummary[], lang: Lang): SafeHtml {
  const words = WORDS[lang];
  const largest = Math.max(0, ...layers.map((layer) => layer.sizeBytes));
  const added = layers.filter((layer) => !layer.fromBase).reduce((sum, layer) => sum + layer.sizeBytes, 0);
  const height = (layers.length + 1) * ROW + 6;
  let addedIndex = 0;
  const rows = layers.map((layer, index) => {
    const y = index * ROW + 4;
    const colour = layer.fromBase ? BASE_COLOUR : ADDED_COLOURS[addedIndex++ % ADDED_COLOURS.length]!;
    const label = layer.instruction ? shortInstruction(layer.instruction, 80) : words.base;
    return html`<g class="layer${layer.fromBase ? " base" : ""}">
  <title>${layer.instruction || words.base} — ${layer.sizeBytes} B</title>
  <text x="${SIZE_WIDTH}" y="${y + 15}" text-anchor="end">${formatBytes(layer.sizeBytes)}</text>
  <rect x="${BAR_X}" y="${y + 3}" width="${barWidth(layer.sizeBytes, largest)}" height="${ROW - 6}" rx="2" fill="${colour}"></rect>
  <text x="${TEXT_X}" y="${y + 15}">${label}</text>
</g>`;
  });
  const totalY = layers.length * ROW + 4 + 15;
  return html`<figure class="layers">
<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="ui-monospace, monospace" font-size="12">
${rows}
<text x="${SIZE_WIDTH}" y="${totalY}" text-anchor="end" font-weight="bold">${formatBytes(added)}</text>
<text x="${BAR_X}" y="${totalY}" font-weight="bold">${words.added}</text>
</svg>
<figcaption>${words.caption}</figcaption>
</figure>`;
}
