import { shortInstruction } from "../format.js";
import type { HistoryEntry, ImageFacts } from "./context.js";
import type { LayerSummary } from "./result.js";

/**
 * The history steps that made `layerCount` layers, oldest first. The Engine API does not say
 * which steps made a layer: RUN/COPY/ADD always do, and the builder also commits one for a
 * WORKDIR that creates its folder, so WORKDIR steps fill the gap up to the real layer count.
 */
export function layerSteps(historyNewestFirst: HistoryEntry[], layerCount: number): HistoryEntry[] {
  const oldestFirst = [...historyNewestFirst].reverse();
  let spare = layerCount - oldestFirst.filter((entry) => entry.isLayer).length;
  return oldestFirst.filter((entry) => {
    if (entry.isLayer) return true;
    if (spare > 0 && /#\(nop\)\s*WORKDIR/.test(entry.createdBy)) {
      spare -= 1;
      return true;
    }
    return false;
  });
}

/** Each layer of an image with the step that made it and whether the base image has it. */
export function summarizeLayers(image: ImageFacts, base: ImageFacts | undefined): LayerSummary[] {
  const steps = layerSteps(image.history, image.layers.length);
  return image.layers.map((diffId, index) => ({
    instruction: shortInstruction(steps[index]?.createdBy ?? "", 120),
    sizeBytes: steps[index]?.sizeBytes ?? 0,
    fromBase: base?.layers[index] === diffId,
  }));
}
