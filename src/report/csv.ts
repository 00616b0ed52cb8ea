import { stringify } from "csv-stringify/sync";
import { BOM, gradebook, gradeNumber, spreadsheetText } from "./gradebook.js";
import type { ReportOptions } from "./index.js";
import type { RunView } from "./run-view.js";

/**
 * dockgrade's own gradebook: one row per learner (with the roster's student id and name when
 * `--roster` is given), one score column per exercise, the total, the maximum total (the same for
 * every row) and a status. A cell with no score is empty, never a word or a silent 0: `status`
 * says why (`error`: could not be graded, regrade; `incomplete`: an exercise was not handed in;
 * `not-submitted`: a roster student with no submission). Headers stay in English so that import
 * scripts can rely on them; a byte order mark lets Excel read accented names.
 */
export function renderCsv(run: RunView, options: Pick<ReportOptions, "roster">): string {
  const book = gradebook(run, options.roster);
  const withRoster = options.roster !== undefined;
  const header = [
    "learner",
    ...(withRoster ? ["student_id", "student_name"] : []),
    ...book.columns.map((column) => spreadsheetText(column.exercise)),
    "total",
    "max_total",
    "status",
  ];
  const rows = book.rows.map((row) => [
    spreadsheetText(row.learner ?? ""),
    ...(withRoster ? [spreadsheetText(row.student?.id ?? ""), spreadsheetText(row.student?.name ?? "")] : []),
    ...row.scores.map(gradeNumber),
    gradeNumber(row.total),
    gradeNumber(book.maxTotal),
    row.status,
  ]);
  return BOM + stringify([header, ...rows], { record_delimiter: "windows" });
}
