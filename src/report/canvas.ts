import { stringify } from "csv-stringify/sync";
import { BOM, gradebook, gradeNumber, spreadsheetText, type GradebookRow } from "./gradebook.js";
import type { ReportOptions } from "./index.js";
import type { RunView } from "./run-view.js";

/** Rows a Canvas import may take: one whose blank cell would clear a grade it cannot give is left out. */
export function canvasRows(rows: GradebookRow[]): GradebookRow[] {
  return rows.filter((row) => row.learner !== undefined && row.status !== "error");
}

/**
 * A CSV that Canvas's gradebook import takes as it is (its importer's rules: a header row whose
 * first cell holds "Student" and second "ID", student columns up to "Section", then one column per
 * assignment; a "Points Possible" row). Canvas finds the student by its `ID` (Canvas's own user id,
 * which dockgrade does not know: left blank), then by `SIS User ID`, then `SIS Login ID`, then by
 * name: the roster's identifier goes in both SIS columns, so it matches whether the school uses
 * it as SIS id or as login. A column named after an exercise matches the assignment of that
 * title, or Canvas offers to create it. A blank cell clears a grade in Canvas: a learner who
 * could not be graded is left out (regrade, then import again), as are roster students with
 * no submission.
 */
export function renderCanvas(run: RunView, options: Pick<ReportOptions, "roster">): string {
  const book = gradebook(run, options.roster);
  const header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", ...book.columns.map((c) => c.exercise)];
  const pointsPossible = ["Points Possible", "", "", "", "", ...book.columns.map((c) => gradeNumber(c.maxScore))];
  const rows = canvasRows(book.rows).map((row) => {
    const id = spreadsheetText(row.student?.id ?? "");
    return [spreadsheetText(row.student?.name || row.learner!), "", id, id, "", ...row.scores.map(gradeNumber)];
  });
  return BOM + stringify([header.map(spreadsheetText), pointsPossible, ...rows], { record_delimiter: "windows" });
}
