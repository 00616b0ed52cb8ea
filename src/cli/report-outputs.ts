import { rm, writeFile } from "node:fs/promises";
import { UsageError } from "../errors.js";
import type { RunResult } from "../grading/result.js";
import type { Lang } from "../i18n.js";
import { canvasRows } from "../report/canvas.js";
import { gradebook } from "../report/gradebook.js";
import {
  isReportFormat,
  renderReport,
  reporters,
  ReportWithheldError,
  type ReportFormat,
  type ReportOptions,
} from "../report/index.js";
import { moodleRows } from "../report/moodle.js";
import { inLanguage } from "../report/run-view.js";
import { matchRoster, readRoster, type RosterEntry } from "./roster.js";

/** One report asked for on the command line: a format, to a file or (no path) to standard output. */
export interface ReportOutput {
  format: ReportFormat;
  path?: string;
}

/** `--format json=out/results.json --format text` → where each report goes. */
export function parseFormats(values: string[]): ReportOutput[] {
  const outputs = (values.length > 0 ? values : ["text"]).map((value) => {
    const [name, path] = value.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!isReportFormat(name))
      throw new UsageError(`--format ${name}: unknown format (known: ${Object.keys(reporters).join(", ")})`);
    return { format: name, path: path || undefined };
  });
  if (outputs.filter((output) => !output.path).length > 1)
    throw new UsageError("--format: only one format can go to standard output; give the others a path (name=path)");
  return outputs;
}

/** `--roster <csv>`, read before any work so that a wrong file costs nothing. */
export async function loadRoster(path: string | undefined): Promise<RosterEntry[] | undefined> {
  return path === undefined ? undefined : readRoster(path);
}

export interface WriteOptions {
  lang: Lang;
  /** The roster's entries (`loadRoster`), matched here to the run's submission folders. */
  roster?: RosterEntry[];
  /** Where messages beside the reports go (standard error). */
  notice?: (text: string) => void;
}

/** What a gradebook import leaves out, said once, so that nobody believes the file complete. */
function gradebookNotices(outputs: ReportOutput[], run: RunResult, options: ReportOptions): string[] {
  const formats = new Set(outputs.map((output) => output.format));
  if (!formats.has("canvas") && !formats.has("moodle")) return [];
  const book = gradebook(inLanguage(run, options.lang), options.roster);
  const rows = book.rows.filter((row) => row.learner !== undefined);
  const notices = [];
  const left = (kept: typeof rows) => rows.filter((row) => !kept.includes(row)).map((row) => row.learner!);
  if (formats.has("canvas")) {
    const out = left(canvasRows(rows));
    if (out.length > 0) notices.push(`--format canvas: left out (could not be graded: grade again): ${out.join(", ")}`);
  }
  if (formats.has("moodle")) {
    const out = left(moodleRows(rows, options.roster !== undefined));
    if (out.length > 0)
      notices.push(`--format moodle: left out (not in the roster, or could not be graded): ${out.join(", ")}`);
  }
  for (const format of ["canvas", "moodle"] as const)
    if (formats.has(format) && !options.roster)
      notices.push(`--format ${format}: no --roster, rows are keyed by submission folder names`);
  return notices;
}

/**
 * Renders each requested format to its file, or to `write` (stdout) when it has no path. A report
 * withheld because grading could not complete is not written, and a file left by an earlier run
 * at its path is removed, so that its reader (Gradescope) sees no result rather than a stale one.
 */
export async function writeReports(
  outputs: ReportOutput[],
  run: RunResult,
  options: WriteOptions,
  write: (text: string) => void,
): Promise<void> {
  const matched =
    options.roster &&
    matchRoster(
      options.roster,
      run.results.map((result) => result.learner),
    );
  const reportOptions: ReportOptions = { lang: options.lang, roster: matched?.roster };
  if (matched && matched.unknown.length > 0)
    options.notice?.(`--roster: not in the roster (kept, without a student): ${matched.unknown.join(", ")}\n`);
  for (const output of outputs) {
    let report: string;
    try {
      report = renderReport(output.format, run, reportOptions);
    } catch (error) {
      if (!(error instanceof ReportWithheldError)) throw error;
      if (output.path) await rm(output.path, { force: true });
      options.notice?.(`${error.message}: no ${output.format} result is better than a wrong grade; grade again\n`);
      continue;
    }
    if (output.path) await writeFile(output.path, report);
    else write(report);
  }
  for (const notice of gradebookNotices(outputs, run, reportOptions)) options.notice?.(`${notice}\n`);
}
