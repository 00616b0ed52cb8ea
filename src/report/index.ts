import type { RunResult } from "../grading/result.js";
import type { Lang } from "../i18n.js";
import { renderCsv } from "./csv.js";
import { renderGithubClassroom } from "./github-classroom.js";
import { renderGradescope } from "./gradescope.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { renderPrairieLearn } from "./prairielearn.js";
import { renderText } from "./text.js";

export interface ReportOptions {
  lang: Lang;
}

export interface Reporter {
  /** Learner-facing reports see only visible checks; instructor reports see every check. */
  audience: "learner" | "instructor";
  render(run: RunResult, options: ReportOptions): string;
}

/** Output formats by name; a new format is one file plus one line here. */
export const reporters: Record<string, Reporter> = {
  text: { audience: "learner", render: renderText },
  json: { audience: "instructor", render: renderJson },
  junit: { audience: "instructor", render: renderJunit },
  csv: { audience: "instructor", render: renderCsv },
  markdown: { audience: "learner", render: renderMarkdown },
  gradescope: { audience: "instructor", render: renderGradescope },
  prairielearn: { audience: "instructor", render: renderPrairieLearn },
  "github-classroom": { audience: "learner", render: renderGithubClassroom },
  html: { audience: "instructor", render: renderHtml },
};

/** The run as an audience may see it: learners do not see hidden or not-yet-due checks. */
export function forAudience(run: RunResult, audience: Reporter["audience"]): RunResult {
  if (audience === "instructor") return run;
  return { results: run.results.map((result) => ({ ...result, checks: result.checks.filter((check) => check.visibility === "visible") })) };
}

export function renderReport(name: string, run: RunResult, options: ReportOptions): string {
  const reporter = reporters[name];
  if (!reporter) throw new Error(`unknown format ${name}`);
  return reporter.render(forAudience(run, reporter.audience), options);
}
