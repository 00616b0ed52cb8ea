import { basename } from "node:path";
import { createRequire } from "node:module";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type { Lang } from "../i18n.js";
import type { CheckResult, RunResult, SubmissionResult } from "../grading/result.js";
import { checkFeedback, submissionProblems } from "./check-feedback.js";

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function countByStatus(checks: CheckResult[]) {
  const count = (status: CheckResult["status"]) => checks.filter((check) => check.status === status).length;
  return { tests: checks.length, failures: count("fail"), errors: count("error"), skipped: count("skip") };
}

// Loaded on first use (0.13 s): `dockgrade grade` should not pay for it before its first feedback.
const loadXmlBuilder = () => createRequire(import.meta.url)("xmlbuilder2") as typeof import("xmlbuilder2");

function addTestcase(suite: XMLBuilder, result: SubmissionResult, check: CheckResult, lang: Lang): void {
  const testcase = suite.ele("testcase", { classname: result.exercise, name: `${check.id}: ${check.title}`, time: seconds(check.durationMs) });
  // Parsers fold line breaks in attributes into spaces: the attribute gets the first line, the body all.
  const summary = check.message.split("\n")[0] ?? "";
  if (check.status === "fail") testcase.ele("failure", { message: summary, type: check.kind }).txt(checkFeedback(check, lang));
  else if (check.status === "error") testcase.ele("error", { message: summary, type: check.kind }).txt(checkFeedback(check, lang));
  else if (check.status === "skip") testcase.ele("skipped", { message: summary });
}

function addSuite(root: XMLBuilder, result: SubmissionResult, lang: Lang): void {
  const suite = root.ele("testsuite", {
    name: `${basename(result.submission)}: ${result.exercise}`,
    ...countByStatus(result.checks),
    time: seconds(result.durationMs),
  });
  for (const check of result.checks) addTestcase(suite, result, check, lang);
  const problems = submissionProblems(result, lang);
  if (problems) suite.ele("system-err").txt(problems);
}

/** JUnit XML for CI (GitLab, Jenkins…): one testsuite per submission, one testcase per check. */
export function renderJunit(run: RunResult, options: { lang: Lang }): string {
  const checks = run.results.flatMap((result) => result.checks);
  // Build logs may hold terminal escapes, which XML 1.0 cannot carry even escaped.
  const root = loadXmlBuilder().create({ version: "1.0", encoding: "UTF-8", invalidCharReplacement: "\uFFFD" }).ele("testsuites", {
    name: "dockgrade",
    ...countByStatus(checks),
    time: seconds(run.results.reduce((sum, result) => sum + result.durationMs, 0)),
  });
  for (const result of run.results) addSuite(root, result, options.lang);
  return `${root.end({ prettyPrint: true })}\n`;
}
