import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { LayerFiles } from "../src/grading/context.js";
import { formatBytes, shortInstruction } from "../src/format.js";
import { joinLocalized, localized, type Localized } from "../src/i18n.js";

export interface WastedPath {
  path: string;
  wastedBytes: number;
  /** Indexes (in the layers given) that add the path or delete it, in order. */
  layers: number[];
}

export interface WasteMeasure {
  wastedBytes: number;
  /** 1 - wasted / bytes of every file the layers add; 1 when they add nothing. */
  score: number;
  /** Paths that waste bytes, most wasteful first. */
  worst: WastedPath[];
}

/**
 * Like dive: a file added again by a later layer wastes the earlier copy's bytes (the image still
 * carries them), and a file deleted by a later layer (whiteout, also of a parent folder) wastes
 * every copy. Only what these layers carry counts: pass only the learner's layers to leave the
 * base image's own waste out.
 */
export function measureWaste(layers: LayerFiles[]): WasteMeasure {
  const live = new Map<string, { sizeBytes: number; layer: number }>();
  const byPath = new Map<string, WastedPath>();
  let totalBytes = 0;
  let wastedBytes = 0;
  const record = (path: string, layer: number, wasted: number) => {
    const entry = byPath.get(path) ?? { path, wastedBytes: 0, layers: [] };
    entry.wastedBytes += wasted;
    if (entry.layers.at(-1) !== layer) entry.layers.push(layer);
    byPath.set(path, entry);
    wastedBytes += wasted;
  };
  layers.forEach((layer, index) => {
    for (const file of layer.files) {
      if (file.whiteout) {
        const prefix = `${file.path.replace(/\/+$/, "")}/`;
        for (const [path, copy] of live) {
          // A whiteout hides what lower layers hold, never what its own layer adds.
          if (copy.layer === index || (path !== file.path && !path.startsWith(prefix))) continue;
          record(path, copy.layer, copy.sizeBytes);
          record(path, index, 0);
          live.delete(path);
        }
      } else if (!file.isDirectory) {
        totalBytes += file.sizeBytes;
        const previous = live.get(file.path);
        if (previous) {
          record(file.path, previous.layer, previous.sizeBytes);
          record(file.path, index, 0);
        }
        live.set(file.path, { sizeBytes: file.sizeBytes, layer: index });
      }
    }
  });
  const worst = [...byPath.values()]
    .filter((entry) => entry.wastedBytes > 0)
    .sort((a, b) => b.wastedBytes - a.wastedBytes);
  return { wastedBytes, score: totalBytes === 0 ? 1 : 1 - wastedBytes / totalBytes, worst };
}

export default defineGrader({
  kind: "image.efficiency",
  description: "Bytes wasted by files that a later layer overwrites or deletes (like dive).",
  needs: "image",
  concurrent: true,
  options: {
    maxWastedMb: z.number().min(0).optional().describe("Most wasted MB allowed (1 MB = 1,000,000 bytes)."),
    minScore: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("Smallest efficiency allowed: 1 - wasted / bytes added, between 0 and 1."),
    includeBase: z
      .boolean()
      .default(false)
      .describe("Also count the base image's layers (its own waste is not the learner's)."),
  },
  async run({ maxWastedMb, minScore, includeBase }, context) {
    const all = await context.imageLayerFiles(includeBase ? "all" : "added");
    const considered = includeBase ? all : all.filter((layer) => !layer.fromBase);
    const measure = measureWaste(considered);
    const problems: Localized[] = [];
    if (maxWastedMb !== undefined && measure.wastedBytes > maxWastedMb * 1e6) {
      problems.push(localized(`Plus de ${maxWastedMb} MB gaspillés.`, `More than ${maxWastedMb} MB wasted.`));
    }
    if (minScore !== undefined && measure.score < minScore) {
      problems.push(
        localized(`Efficacité inférieure à ${formatScore(minScore)}.`, `Efficiency below ${formatScore(minScore)}.`),
      );
    }
    const wasted = formatBytes(measure.wastedBytes);
    const summary = localized(
      `${wasted} gaspillés, efficacité ${formatScore(measure.score)} (${considered.length} couches examinées).`,
      `${wasted} wasted, efficiency ${formatScore(measure.score)} (${considered.length} layers examined).`,
    );
    const outcome = {
      expected:
        [
          maxWastedMb !== undefined ? `<= ${maxWastedMb} MB` : "",
          minScore !== undefined ? `>= ${formatScore(minScore)}` : "",
        ]
          .filter(Boolean)
          .join(", ") || undefined,
      actual: `${wasted}, ${formatScore(measure.score)}`,
    };
    if (problems.length === 0) return passed(summary, outcome);
    const worst = (layersWord: string) =>
      measure.worst
        .slice(0, 5)
        .map((entry) => {
          const where = entry.layers.map(
            (index) => `${all.indexOf(considered[index]!) + 1} (${shortInstruction(considered[index]!.createdBy, 50)})`,
          );
          return `\n  ${formatBytes(entry.wastedBytes).padStart(8)}  ${entry.path} ← ${layersWord} ${where.join(", ")}`;
        })
        .join("");
    const advice = localized(
      `Chemins les plus coûteux :${worst("couches")}\nUn fichier supprimé ou remplacé dans une couche suivante reste dans l'image : supprimez-le dans la même couche (le même RUN) que celle qui le crée.`,
      `Most wasteful paths:${worst("layers")}\nA file deleted or replaced by a later layer stays in the image: clean up in the same RUN that creates it.`,
    );
    return failed(joinLocalized([...problems, summary, advice]), outcome);
  },
});

function formatScore(score: number): string {
  return `${(score * 100).toFixed(1)} %`;
}
