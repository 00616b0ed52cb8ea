import type { RunResult } from "../grading/result.js";

/** Exactly one JSON document: the stable result model, hidden checks kept (instructor format). */
export function renderJson(run: RunResult, _options?: unknown): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
