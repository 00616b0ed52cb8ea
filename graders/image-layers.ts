import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { HistoryEntry, ImageFacts } from "../src/grading/context.js";
import { formatBytes, shortInstruction } from "../src/format.js";
import { layerSteps } from "../src/grading/layer-steps.js";
import { localized } from "../src/i18n.js";

/** The history entries of the layers added on top of the base, oldest first. */
export function addedLayerSteps(image: ImageFacts, base: ImageFacts | undefined, count: number): HistoryEntry[] {
  const baseSteps = base?.history.length ?? 0;
  return layerSteps(image.history.slice(0, Math.max(0, image.history.length - baseSteps)), count);
}

export function countAddedLayers(image: ImageFacts, base: ImageFacts | undefined): number {
  const baseLayers = base?.layers ?? [];
  const sharesBase = baseLayers.every((layer, index) => image.layers[index] === layer);
  return sharesBase ? image.layers.length - baseLayers.length : image.layers.length;
}

export default defineGrader({
  kind: "image.layers",
  description: "Number of filesystem layers the submission adds on top of its base image.",
  needs: "image",
  concurrent: true,
  options: {
    min: z.number().int().min(0).optional().describe("Fewest added layers allowed."),
    max: z.number().int().min(0).optional().describe("Most added layers allowed."),
  },
  async run({ min, max }, context) {
    const image = await context.image();
    const base = await context.baseImage();
    const count = countAddedLayers(image, base);
    const steps = addedLayerSteps(image, base, count);
    const listing = steps
      .map(
        (step, index) =>
          `\n  ${index + 1}. ${formatBytes(step.sizeBytes).padStart(8)}  ${shortInstruction(step.createdBy)}`,
      )
      .join("");
    const expected = [min !== undefined ? `>= ${min}` : "", max !== undefined ? `<= ${max}` : ""]
      .filter(Boolean)
      .join(" et/and ");
    const actual = String(count);
    if (max !== undefined && count > max) {
      return failed(
        localized(
          `L'image ajoute ${count} couches à son image de base (maximum ${max}) :${listing}`,
          `The image adds ${count} layers to its base image (at most ${max}):${listing}`,
        ),
        { expected, actual },
      );
    }
    if (min !== undefined && count < min) {
      return failed(
        localized(
          `L'image ajoute ${count} couches à son image de base (minimum ${min}) :${listing}`,
          `The image adds ${count} layers to its base image (at least ${min}):${listing}`,
        ),
        { expected, actual },
      );
    }
    return passed(localized(`${count} couches ajoutées :${listing}`, `${count} layers added:${listing}`), {
      expected,
      actual,
    });
  },
});
