import type { HistoryEntry, ImageFacts } from "../../src/grading/context.js";
import { formatBytes, shortInstruction } from "../../src/format.js";

/**
 * Every history step the submission added over its base image (layers and metadata), oldest
 * first. The base's steps are the oldest ones of the image, so they are subtracted by count,
 * as image.layers does.
 */
export function addedHistory(image: ImageFacts, base: ImageFacts | undefined): HistoryEntry[] {
  const baseSteps = base?.history.length ?? 0;
  return image.history.slice(0, Math.max(0, image.history.length - baseSteps)).reverse();
}

/** The `limit` largest added steps, biggest first: where the added megabytes come from. */
export function biggestAddedSteps(image: ImageFacts, base: ImageFacts | undefined, limit: number): HistoryEntry[] {
  return addedHistory(image, base)
    .filter((entry) => entry.sizeBytes > 0)
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .slice(0, limit);
}

/** One line per step, numbered, with its size and readable instruction (as image.layers prints). */
export function formatSteps(steps: HistoryEntry[], numbers: number[] = steps.map((_, index) => index + 1)): string {
  return steps
    .map(
      (step, index) =>
        `\n  ${numbers[index]}. ${formatBytes(step.sizeBytes).padStart(8)}  ${shortInstruction(step.createdBy)}`,
    )
    .join("");
}
