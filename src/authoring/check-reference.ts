import { stringify } from "yaml";
import { z } from "zod";
import { graders, type AnyGrader, type CheckKind } from "../../graders/index.js";
import { checkSchema, commonCheckFields, type CheckSpec } from "../exercise/exercise-schema.js";
import type { Requirement } from "../grading/grader.js";
import type { CheckResult } from "../grading/result.js";
import { runCheck } from "../grading/run-check.js";
import { pick, type Lang } from "../i18n.js";
import { feedbackParts, partLine } from "../report/check-feedback.js";
import type { CheckView } from "../report/run-view.js";
import { MARKS } from "../report/text.js";
import { checkExamples, type CheckExample } from "./check-examples.js";
import { exampleContext } from "./example-context.js";
import { optionRows, type OptionRow, type SchemaNode } from "./option-table.js";

/** Where `npm run docs` writes the reference, relative to the repository. */
export const CHECK_REFERENCE_FILE = "docs/checks.md";

const NEEDS: Record<Requirement, string> = {
  dockerfile:
    "the Dockerfile only. Runs before the build, as the first feedback; a missing or unreadable Dockerfile fails it.",
  image: "the built image. Skipped when the build failed (the build's log lines say why).",
  container:
    "the running container, the one all checks of a submission share. Skipped when the build failed; when the container stopped and the check cannot read it, it fails with the exit code and the last log lines.",
};

function schedule(grader: AnyGrader): string {
  if (grader.disruptsContainer) return "Changes the container: runs after every other check of the submission.";
  if (grader.rebuilds) return "Builds the submission a second time, on the same cache (reports count the rebuild).";
  if (grader.concurrent) return "Only reads: runs side by side with the other reading checks.";
  if (grader.needs === "dockerfile") return "Reads the Dockerfile's text: instant.";
  return "Runs something in the container or calls the app: runs alone, so nothing it does shows in a reading.";
}

const cell = (text: string) => text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
const code = (text: string) => `\`${text.replace(/\|/g, "\\|")}\``;

function optionTable(rows: OptionRow[], what = "Option"): string {
  if (rows.length === 0) return "This kind has no options of its own.\n";
  const lines = rows.map((row) => {
    const presence = row.required
      ? "required"
      : row.default !== undefined
        ? `default ${code(JSON.stringify(row.default))}`
        : "optional";
    return `| ${code(row.name)} | ${cell(row.type)} | ${presence} | ${cell(row.description)} |`;
  });
  return [`| ${what} | Type | Required / default | Description |`, "|---|---|---|---|", ...lines, ""].join("\n");
}

const asSchema = (shape: z.ZodRawShape) =>
  z.toJSONSchema(z.object(shape).strict(), { io: "input", target: "draft-7" }) as SchemaNode;

function exampleSpec(kind: CheckKind, example: CheckExample): Record<string, unknown> {
  return {
    id: example.id,
    kind,
    points: example.points,
    ...example.options,
    title: example.title,
    hint: example.hint,
  };
}

/** Runs the kind's grader on its example's failing submission, as a grading would. */
async function failureOf(kind: CheckKind, example: CheckExample): Promise<CheckResult> {
  const spec = checkSchema.parse(exampleSpec(kind, example)) as CheckSpec;
  const context = exampleContext(example.failing);
  const result = await runCheck(spec, { dockerfile: context, image: context, container: context }, 60_000);
  if (result.status !== "fail")
    throw new Error(`the example of ${kind} should fail, but it is ${result.status}: ${pick(result.message, "en")}`);
  return result;
}

/** The failure as the text report prints it to a learner, in one language. */
function learnerView(result: CheckResult, lang: Lang): string {
  const view: CheckView = {
    ...result,
    title: pick(result.title, lang),
    message: pick(result.message, lang),
    expected: pick(result.expected, lang),
    actual: pick(result.actual, lang),
    hint: pick(result.hint, lang),
  };
  const head = `${MARKS.fail} ${view.title} (${view.points}/${view.maxPoints})  [${view.id}]`;
  const body = feedbackParts(view, lang).flatMap((part) =>
    partLine(part)
      .split("\n")
      .map((line) => `    ${line}`),
  );
  return [head, ...body].join("\n");
}

function fenced(text: string, language = "text"): string {
  const fence = text.includes("```") ? "~~~~" : "```";
  return `${fence}${language}\n${text}\n${fence}`;
}

async function kindSection(grader: AnyGrader): Promise<string> {
  const example = checkExamples[grader.kind];
  const failure = await failureOf(grader.kind, example);
  const yaml = stringify([exampleSpec(grader.kind, example)], { lineWidth: 0 }).trimEnd();
  return [
    `## ${code(grader.kind)}`,
    "",
    grader.description,
    "",
    `**Needs** ${NEEDS[grader.needs]} ${schedule(grader)}`,
    "",
    "### Options",
    "",
    optionTable(optionRows(asSchema(grader.options))),
    "### Example",
    "",
    fenced(yaml, "yaml"),
    "",
    "### What a learner sees when it fails",
    "",
    "Produced by the grader itself, on a submission that gets it wrong (French, the course's language, then English):",
    "",
    fenced(learnerView(failure, "fr")),
    "",
    fenced(learnerView(failure, "en")),
    "",
  ].join("\n");
}

function commonFields(): string {
  const { id, ...others } = commonCheckFields;
  const rows = optionRows(
    asSchema({ id, kind: z.string().describe("The check kind: one of those below."), ...others }),
  );
  return optionTable(
    rows.filter((row) => !row.name.includes(".")),
    "Field",
  );
}

/**
 * The reference of every check kind, generated from the registry: description, what it needs,
 * options with their types, defaults and descriptions from the zod schemas, an example, and
 * the message a learner reads when it fails, produced by running the grader on plain data.
 */
export async function checkReference(): Promise<string> {
  const index = graders.map(
    (grader) =>
      `| [${code(grader.kind)}](#${grader.kind.replace(/\./g, "")}) | ${grader.needs} | ${cell(grader.description)} |`,
  );
  const sections = [];
  for (const grader of graders) sections.push(await kindSection(grader as AnyGrader));
  return [
    "# Check kinds",
    "",
    "<!-- Generated from the registry (graders/index.ts) by `npm run docs`: do not edit by hand. -->",
    "",
    "Every check of an `exercise.yaml` has a `kind`; this page lists them all, with their options",
    "(from the zod schemas the spec is validated with), an example, and what a learner reads when the",
    "check fails. To write an exercise, start with the [authoring guide](authoring.md)",
    "([en français](authoring.fr.md)).",
    "",
    "| Kind | Needs | What it checks |",
    "|---|---|---|",
    ...index,
    "",
    "## Fields of every check",
    "",
    commonFields(),
    "A check that needs the image or the container is skipped, not failed, when the build fails: the",
    "report shows the build's log lines instead. `error` is never the learner's fault (the engine, or",
    "a grader that could not finish); a learner's mistake is always a `fail`.",
    "",
    ...sections,
  ].join("\n");
}
