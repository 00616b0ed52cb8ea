import { stringify } from "csv-stringify/sync";
import type { RunResult, SubmissionResult } from "../grading/result.js";

/** Spreadsheets run a cell that starts like a formula: a folder named `=cmd|…` must stay text. */
function asText(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const byText = (a: string, b: string) => a.localeCompare(b, "en");

/**
 * Gradebook: one row per learner (submission folder name), one score column per exercise, then
 * the total and the maximum total. An exercise that could not be graded (engine trouble) reads
 * `error` and counts for nothing: it needs a regrade, not a zero. Headers stay in English so
 * that import scripts can rely on them.
 */
export function renderCsv(run: RunResult, _options?: unknown): string {
  const exercises = [...new Set(run.results.map((result) => result.exercise))].sort(byText);
  const learners = new Map<string, Map<string, SubmissionResult>>();
  for (const result of run.results) {
    const learner = result.learner;
    const row = learners.get(learner) ?? new Map<string, SubmissionResult>();
    row.set(result.exercise, result);
    learners.set(learner, row);
  }
  const rows = [...learners.keys()].sort(byText).map((learner) => {
    const graded = learners.get(learner)!;
    const counted = [...graded.values()].filter((result) => result.status !== "error");
    const cells = exercises.map((exercise) => {
      const result = graded.get(exercise);
      if (!result) return "";
      return result.status === "error" ? "error" : result.score;
    });
    const total = counted.reduce((sum, result) => sum + result.score, 0);
    const maxTotal = counted.reduce((sum, result) => sum + result.maxScore, 0);
    return [asText(learner), ...cells, total, maxTotal];
  });
  return stringify([["learner", ...exercises, "total", "max_total"], ...rows]);
}
