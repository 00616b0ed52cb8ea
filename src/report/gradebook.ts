import type { RunView, SubmissionView } from "./run-view.js";

/** A student of the class roster. */
export interface Student {
  /** What gradebooks key the row by: the roster's identifier (student number, e-mail or login). */
  id: string;
  name: string;
  githubUsername?: string;
}

/** The class roster matched to the run: who handed in each submission folder, and every student. */
export interface Roster {
  students: Student[];
  /** Submission folder (a result's `learner`) → its student; folders the roster does not know are absent. */
  byLearner: ReadonlyMap<string, Student>;
}

/**
 * - graded: every exercise has a score;
 * - incomplete: some exercise has no submission (its cell is empty), the total adds the others;
 * - error: some exercise could not be graded (engine trouble): no total, it needs a regrade;
 * - not-submitted: a roster student with no submission at all.
 */
export type GradebookStatus = "graded" | "incomplete" | "error" | "not-submitted";

export interface GradebookColumn {
  exercise: string;
  maxScore: number;
}

export interface GradebookRow {
  /** The submission folder; absent for a roster student who handed nothing in. */
  learner?: string;
  student?: Student;
  /** One per column: the score, or undefined when there is none (no submission, or not graded). */
  scores: (number | undefined)[];
  /** Undefined when some exercise could not be graded: a partial sum would read as a grade. */
  total?: number;
  status: GradebookStatus;
  /** The exercises that could not be graded. */
  notGraded: string[];
}

export interface Gradebook {
  columns: GradebookColumn[];
  rows: GradebookRow[];
  /** The same for every row: the exercises' maximum scores, whatever happened to each learner. */
  maxTotal: number;
}

const byText = (a: string, b: string) => a.localeCompare(b, "en");

function rowOf(
  learner: string | undefined,
  student: Student | undefined,
  graded: Map<string, SubmissionView>,
  columns: GradebookColumn[],
): GradebookRow {
  const results = columns.map((column) => graded.get(column.exercise));
  const notGraded = results.filter((result) => result?.status === "error").map((result) => result!.exercise);
  const scores = results.map((result) => (result && result.status !== "error" ? result.score : undefined));
  const status: GradebookStatus =
    graded.size === 0
      ? "not-submitted"
      : notGraded.length > 0
        ? "error"
        : results.some((result) => !result)
          ? "incomplete"
          : "graded";
  const total =
    status === "error" || status === "not-submitted"
      ? undefined
      : scores.reduce<number>((sum, score) => sum + (score ?? 0), 0);
  return { learner, student, scores, total, status, notGraded };
}

/**
 * The class as a gradebook: one row per submission folder (with its student when the roster
 * knows it), then the roster's students who handed nothing in; one column per exercise.
 */
export function gradebook(run: RunView, roster?: Roster): Gradebook {
  const columns = [...new Set(run.results.map((result) => result.exercise))].sort(byText).map((exercise) => ({
    exercise,
    maxScore: Math.max(
      0,
      ...run.results.filter((result) => result.exercise === exercise).map((result) => result.maxScore),
    ),
  }));
  const byLearner = new Map<string, Map<string, SubmissionView>>();
  for (const result of run.results) {
    const row = byLearner.get(result.learner) ?? new Map<string, SubmissionView>();
    row.set(result.exercise, result);
    byLearner.set(result.learner, row);
  }
  const rows = [...byLearner.keys()]
    .sort(byText)
    .map((learner) => rowOf(learner, roster?.byLearner.get(learner), byLearner.get(learner)!, columns));
  const handedIn = new Set(rows.map((row) => row.student).filter((student) => student !== undefined));
  const absent = (roster?.students ?? [])
    .filter((student) => !handedIn.has(student))
    .sort((a, b) => byText(a.name || a.id, b.name || b.id))
    .map((student) => rowOf(undefined, student, new Map(), columns));
  return { columns, rows: [...rows, ...absent], maxTotal: columns.reduce((sum, column) => sum + column.maxScore, 0) };
}

/** A spreadsheet runs a cell that starts like a formula: a folder named `=cmd|…` must stay text. */
export function spreadsheetText(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Excel on Windows reads a CSV as UTF-8 only when it starts with a byte order mark. */
export const BOM = "\uFEFF";

/** A number as every gradebook reads it: a point as the decimal separator, no exponent, no grouping. */
export function gradeNumber(value: number | undefined): string {
  return value === undefined ? "" : String(Math.round(value * 100) / 100);
}
