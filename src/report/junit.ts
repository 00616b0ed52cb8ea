import { basename } from "node:path";
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type { Lang } from "../i18n.js";
import type { CheckResult, RunResult, SubmissionResult } from "../grading/result.js";

const WORDS = {
  fr: { expected: "attendu", actual: "obtenu", hint: "piste", build: "La construction de l'image a échoué" },
  en: { expected: "expected", actual: "actual", hint: "hint", build: "The image build failed" },
} as const;

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function countByStatus(checks: CheckResult[]) {
  const count = (status: CheckResult["status"]) => checks.filter((check) => check.status === status).length;
  return { tests: checks.length, failures: count("fail"), errors: count("error"), skipped: count("skip") };
}

function failureBody(check: CheckResult, lang: Lang): string {
  const words = WORDS[lang];
  const lines = [check.message];
  if (check.expected !== undefined) lines.push(`${words.expected}: ${check.expected}`, `${words.actual}: ${check.actual ?? ""}`);
  if (check.hint) lines.push(`${words.hint}: ${check.hint}`);
  return lines.join("\n");
}

function addTestcase(suite: XMLBuilder, result: SubmissionResult, check: CheckResult, lang: Lang): void {
  const testcase = suite.ele("testcase", { classname: result.exercise, name: `${check.id}: ${check.title}`, time: seconds(check.durationMs) });
  // Attributes cannot keep line breaks (parsers fold them to spaces): the first line is the summary.
  const summary = check.message.split("\n")[0] ?? "";
  if (check.status === "fail") testcase.ele("failure", { message: summary, type: check.kind }).txt(failureBody(check, lang));
  else if (check.status === "error") testcase.ele("error", { message: summary, type: check.kind }).txt(check.message);
  else if (check.status === "skip") testcase.ele("skipped", { message: check.message });
}

function addSuite(root: XMLBuilder, result: SubmissionResult, lang: Lang): void {
  const suite = root.ele("testsuite", {
    name: `${basename(result.submission)}: ${result.exercise}`,
    ...countByStatus(result.checks),
    time: seconds(result.durationMs),
  });
  for (const check of result.checks) addTestcase(suite, result, check, lang);
  const problems = [
    ...(result.build.status === "failed" ? [`${WORDS[lang].build}:`, ...result.build.logExcerpt] : []),
    ...(result.error ? [result.error] : []),
  ];
  if (problems.length > 0) suite.ele("system-err").txt(problems.join("\n"));
}

/** JUnit XML for CI (GitLab, Jenkins…): one testsuite per submission, one testcase per check. */
export function renderJunit(run: RunResult, options: { lang: Lang }): string {
  const checks = run.results.flatMap((result) => result.checks);
  // Build logs may hold terminal escapes, which XML 1.0 cannot carry at all.
  const root = create({ version: "1.0", encoding: "UTF-8" }, { invalidCharReplacement: "\uFFFD" }).ele("testsuites", {
    name: "dockgrade",
    ...countByStatus(checks),
    time: seconds(run.results.reduce((sum, result) => sum + result.durationMs, 0)),
  });
  for (const result of run.results) addSuite(root, result, options.lang);
  return `${root.end({ prettyPrint: true })}\n`;
}
