import { stringify } from "csv-stringify/sync";
import { BOM, gradebook, gradeNumber, spreadsheetText, type GradebookRow } from "./gradebook.js";
import type { ReportOptions } from "./index.js";
import type { RunView } from "./run-view.js";

/**
 * Rows a Moodle import may take. Moodle aborts the whole import on a user it cannot find and
 * reuses the previous row's user for a row with a blank identifier: with a roster, folders it
 * does not know are left out. A cell cannot say "leave this grade as it is" ("-" and "" clear it):
 * learners who could not be graded are left out too.
 */
export function moodleRows(rows: GradebookRow[], withRoster: boolean): GradebookRow[] {
  return rows.filter((row) => row.learner !== undefined && row.status !== "error" && (!withRoster || row.student));
}

/**
 * A CSV for Moodle's "Import grades: CSV file": one identifier column, which the import form
 * maps to a user field (e-mail address, ID number or username: whatever the roster's
 * identifiers are; without `--roster`, the submission folder's name), the student's name for
 * reading (map it to "ignore"), then one column per exercise, mapped to a grade item or "new
 * grade item". Points with a point as decimal separator, which Moodle reads whatever the site's
 * language; "-" for an exercise not handed in (no grade).
 */
export function renderMoodle(run: RunView, options: Pick<ReportOptions, "roster">): string {
  const book = gradebook(run, options.roster);
  const header = ["Identifier", "Full name", ...book.columns.map((column) => column.exercise)];
  const rows = moodleRows(book.rows, options.roster !== undefined).map((row) => [
    spreadsheetText(row.student?.id ?? row.learner!),
    spreadsheetText(row.student?.name ?? row.learner!),
    ...row.scores.map((score) => (score === undefined ? "-" : gradeNumber(score))),
  ]);
  return BOM + stringify([header.map(spreadsheetText), ...rows], { record_delimiter: "windows" });
}
