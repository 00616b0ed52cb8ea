import { DockgradeError, UsageError } from "../errors.js";
import type { RunResult } from "../grading/result.js";
import type { Lang } from "../i18n.js";
import { renderCanvas } from "./canvas.js";
import { cleanStrings } from "./clean-text.js";
import { renderCsv } from "./csv.js";
import type { Roster } from "./gradebook.js";
import { renderGithubClassroom } from "./github-classroom.js";
import { renderGradescope } from "./gradescope.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { renderMoodle } from "./moodle.js";
import { renderPrairieLearn } from "./prairielearn.js";
import { inLanguage, type RunView } from "./run-view.js";
import { renderText } from "./text.js";

export interface ReportOptions {
  lang: Lang;
  /** Who each submission folder is (gradebooks key rows by student): see `--roster`. */
  roster?: Roster;
}

/** What a reporter is, declared, so that a command line asking the impossible is refused before any work. */
interface ReporterTraits {
  /** Learner-facing reports see only visible checks; instructor reports see every check. */
  audience: "learner" | "instructor";
  /** "submission": one submission per report (a Gradescope or PrairieLearn job); "run": any number. */
  scope: "submission" | "run";
  /**
   * What the report does when grading could not complete (a result in `error`): "report" says so
   * in the report itself; "withhold" writes no report at all, because its reader has no way to
   * say "not graded" and would otherwise record a lower grade (Gradescope).
   */
  whenNotGraded: "report" | "withhold";
}

/**
 * A reporter renders either the run in the language asked for (most), or the result model
 * itself with both languages (json: it can be merged and rendered again in either).
 */
export type Reporter = ReporterTraits &
  (
    | { input: "text"; render(run: RunView, options: ReportOptions): string }
    | { input: "model"; render(run: RunResult, options: ReportOptions): string }
  );

const instructorRun = { audience: "instructor", scope: "run", whenNotGraded: "report", input: "text" } as const;
const learnerRun = { audience: "learner", scope: "run", whenNotGraded: "report", input: "text" } as const;

/** Output formats by name; a new format is one file plus one line here. */
export const reporters = {
  text: { ...learnerRun, render: renderText },
  json: { ...instructorRun, input: "model", render: renderJson },
  junit: { ...instructorRun, render: renderJunit },
  // What a learner's CI publishes (GitLab test report, GitHub check annotations): visible checks only.
  "junit-learner": { ...learnerRun, render: renderJunit },
  csv: { ...instructorRun, render: renderCsv },
  canvas: { ...instructorRun, render: renderCanvas },
  moodle: { ...instructorRun, render: renderMoodle },
  markdown: { ...learnerRun, render: renderMarkdown },
  gradescope: { ...instructorRun, scope: "submission", whenNotGraded: "withhold", render: renderGradescope },
  // PrairieLearn shows every test it receives to the student: it receives only visible checks.
  prairielearn: { ...learnerRun, scope: "submission", render: renderPrairieLearn },
  "github-classroom": { ...learnerRun, render: renderGithubClassroom },
  html: { ...instructorRun, render: renderHtml },
} as const satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof reporters;

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(reporters, name);
}

/** A report that is not written because grading could not complete (see `whenNotGraded`). */
export class ReportWithheldError extends DockgradeError {
  override readonly name = "ReportWithheldError";
  constructor(
    readonly format: ReportFormat,
    readonly notGraded: string[],
  ) {
    super(`--format ${format}: not written, grading could not complete for ${notGraded.join(", ")}`);
  }
}

/** Refuses, before any build, a format that cannot take this many submissions. */
export function checkReportScope(formats: ReportFormat[], submissions: number): void {
  for (const format of formats) {
    if (reporters[format].scope === "submission" && submissions !== 1) {
      throw new UsageError(
        `--format ${format}: grades one submission per run (a ${format} job), but ${submissions} were given`,
      );
    }
  }
}

/** The run as an audience may see it: learners do not see hidden or not-yet-due checks. */
export function forAudience(run: RunResult, audience: ReporterTraits["audience"]): RunResult {
  if (audience === "instructor") return run;
  return {
    ...run,
    results: run.results.map((result) => ({
      ...result,
      checks: result.checks.filter((check) => check.visibility === "visible"),
    })),
  };
}

/**
 * One report of the run. Every text is cleaned first (terminal escapes and control characters
 * from build logs must reach no report); a format that withholds itself when grading could not
 * complete throws ReportWithheldError rather than render a grade that is not one.
 */
export function renderReport(format: ReportFormat, run: RunResult, options: ReportOptions): string {
  const reporter: Reporter = reporters[format];
  if (reporter.whenNotGraded === "withhold") {
    const notGraded = run.results.filter((result) => result.status === "error");
    if (notGraded.length > 0)
      throw new ReportWithheldError(
        format,
        notGraded.map((result) => `${result.learner} (${result.exercise})`),
      );
  }
  const seen = forAudience(cleanStrings(run), reporter.audience);
  return reporter.input === "model"
    ? reporter.render(seen, options)
    : reporter.render(inLanguage(seen, options.lang), options);
}
