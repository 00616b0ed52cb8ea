import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { CheckResult, SubmissionResult } from "../../../src/grading/result.js";
import { check, submission } from "./sample-run.js";

/** The Jenkins xUnit plugin's JUnit schema (junit-10.xsd), the strictest one CI tools share. */
export const JUNIT_XSD = fileURLToPath(new URL("./fixtures/junit-10.xsd", import.meta.url));
export const XMLLINT = "/usr/bin/xmllint";
export const hasXmllint = existsSync(XMLLINT);

/** xmllint's verdict on the document against the schema: "" when valid, else its complaints. */
export function junitSchemaErrors(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "dockgrade-junit-"));
  try {
    const file = join(dir, "report.xml");
    writeFileSync(file, xml);
    try {
      execFileSync(XMLLINT, ["--noout", "--schema", JUNIT_XSD, file], { stdio: "pipe" });
      return "";
    } catch (error) {
      return String((error as { stderr?: Buffer }).stderr ?? error);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * GitHub-flavoured Markdown to HTML as remark-gfm reads it: autolinks of both GitHub algorithms
 * (parse time and transform time), tables; raw HTML kept, so that any that gets through shows.
 */
export function renderGfm(markdown: string): string {
  return String(
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeStringify, { allowDangerousHtml: true })
      .processSync(markdown),
  );
}

const ALLOWED_TAGS = new Set(["p", "pre", "code", "table", "thead", "tbody", "tr", "th", "td", "h2", "h3", "h4"]);
const ALLOWED_TAGS_TOO = new Set(["strong", "em", "ul", "li", "hr", "br"]);

/**
 * What GitHub would make of learner text, judged on the rendered HTML: tags other than ours
 * (links, images, raw HTML), and outside code, what GitHub turns into a mention or an issue
 * reference after rendering (`@name`, `#123`), which no npm renderer does.
 */
export function markdownProblems(markdown: string): string[] {
  const rendered = renderGfm(markdown);
  const problems = [];
  for (const [, tag] of rendered.matchAll(/<\/?([a-zA-Z][\w-]*)/g))
    if (!ALLOWED_TAGS.has(tag!.toLowerCase()) && !ALLOWED_TAGS_TOO.has(tag!.toLowerCase())) problems.push(`<${tag}>`);
  const outsideCode = rendered.replace(/<pre>[^]*?<\/pre>/g, "").replace(/<code>[^]*?<\/code>/g, "");
  for (const [match] of outsideCode.matchAll(/(?:^|[^\w&])[@#][\w]+/g))
    problems.push(`mention or reference: ${match.trim()}`);
  return problems;
}

/** Markdown, HTML and GitHub syntax a learner can put in a folder name, a file or a command's output. */
export const HOSTILE_MARKDOWN = [
  "[click](javascript:alert(1)) ![pixel](https://evil.example/p.png) <img src=x onerror=alert(1)>",
  "**bold** _em_ ~~del~~ <details><summary>x</summary></details> <script>alert(1)</script>",
  "@octocat #123 www.example.com https://evil.example/x mail@example.com",
  "| a | b | ``` ```` ` end",
].join(" ");

/** What build logs and container output carry: colours, an OSC 8 hyperlink, a title, NUL, BEL, C1 CSI. */
export const CONTROL_CHARACTERS =
  "\u001b[31mred\u001b[0m \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007 \u001b]0;title\u001b\\ nul\u0000 bel\u0007 \u009b1mc1\r\nnext";

/** Cells a spreadsheet would run as a formula. */
export const FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A2)"];

/** A submission whose every learner-reachable text is hostile, with one hidden check. */
export function hostileSubmission(overrides: Partial<SubmissionResult> = {}): SubmissionResult {
  const base = submission();
  const checks: CheckResult[] = base.checks.map((item) =>
    item.status === "fail"
      ? {
          ...item,
          message: `${HOSTILE_MARKDOWN}\n${CONTROL_CHARACTERS}\n[[ATTACHMENT|/etc/passwd]]`,
          expected: `mon-app:v1 ${HOSTILE_MARKDOWN}`,
          actual: `${HOSTILE_MARKDOWN} ${CONTROL_CHARACTERS}`,
          hint: `docker tag ${HOSTILE_MARKDOWN}`,
        }
      : item,
  );
  return {
    ...base,
    learner: `@octocat ${FORMULAS[0]} <b>élodie</b>`,
    submission: `/tmp/classe/@octocat ${FORMULAS[0]} <b>élodie</b>`,
    build: { status: "failed", durationMs: 12, logExcerpt: [`Step 1/2 : RUN ${HOSTILE_MARKDOWN}`, CONTROL_CHARACTERS] },
    checks: [...checks, check({ id: "secret", title: "Secret hidden check", visibility: "hidden", message: "SECRET" })],
    ...overrides,
  };
}
