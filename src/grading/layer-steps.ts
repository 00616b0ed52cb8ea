import type { HistoryEntry } from "./context.js";

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
