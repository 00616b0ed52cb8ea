import { readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { checkKinds, isCheckKind } from "../../graders/index.js";
import { SpecError } from "../errors.js";
import { exerciseSchema, type Exercise } from "./exercise-schema.js";

export interface LoadedExercise {
  spec: Exercise;
  /** Folder holding exercise.yaml. */
  dir: string;
  file: string;
}

type Path = readonly PropertyKey[];

function formatPath(path: Path): string {
  return path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );
}

/** The line of the deepest node of `path` that exists in the document (1-based). */
export function lineOf(document: Document, lines: LineCounter, path: Path): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = document.getIn(path.slice(0, depth) as unknown[], true) as
      { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

/** One problem per zod issue; an unknown key is reported at the key itself, not its object. */
function describeIssue(issue: z.core.$ZodIssue): { path: Path; message: string }[] {
  if (issue.code === "unrecognized_keys")
    return issue.keys.map((key) => ({ path: [...issue.path, key], message: "unknown field" }));
  return [{ path: issue.path, message: issue.message }];
}

function unknownKinds(raw: unknown): { path: Path; message: string }[] {
  const checks = (raw as { checks?: unknown })?.checks;
  if (!Array.isArray(checks)) return [];
  const known = checkKinds.join(", ");
  return checks.flatMap((check, index) => {
    const kind = (check as { kind?: unknown })?.kind;
    if (typeof kind !== "string" || isCheckKind(kind)) return [];
    return [{ path: ["checks", index, "kind"], message: `unknown check kind "${kind}" (known: ${known})` }];
  });
}

function crossFieldProblems(spec: Exercise): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = [];
  const seen = new Map<string, number>();
  spec.checks.forEach((check, index) => {
    const previous = seen.get(check.id);
    if (previous !== undefined)
      problems.push({
        path: ["checks", index, "id"],
        message: `duplicate id "${check.id}" (also checks[${previous}])`,
      });
    seen.set(check.id, index);
  });
  const total = spec.checks.reduce((sum, check) => sum + check.points, 0);
  if (total !== spec.points)
    problems.push({ path: ["points"], message: `is ${spec.points} but the checks' points add up to ${total}` });
  return problems;
}

/** Reads and validates `<dir>/exercise.yaml`; every problem names file, line and field. */
export async function loadExercise(dir: string): Promise<LoadedExercise> {
  const file = join(dir, "exercise.yaml");
  const shown = relative(process.cwd(), file) || file;
  const text = await readFile(file, "utf8").catch(async () => {
    const isDir = await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    throw new SpecError(shown, [
      isDir ? `${shown}: not found (an exercise folder holds exercise.yaml)` : `${dir}: no such exercise folder`,
    ]);
  });

  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new SpecError(
      shown,
      document.errors.map((error) => `${shown}:${error.linePos?.[0].line ?? 1} ${error.message.split("\n")[0]}`),
    );
  }
  const raw = document.toJS();
  const at = (problem: { path: Path; message: string }) =>
    `${shown}:${lineOf(document, lines, problem.path)} ${formatPath(problem.path) || "(document)"}: ${problem.message}`;

  const kindProblems = unknownKinds(raw);
  if (kindProblems.length > 0) throw new SpecError(shown, kindProblems.map(at));

  const parsed = exerciseSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SpecError(shown, parsed.error.issues.flatMap(describeIssue).map(at));
  }
  const spec = parsed.data as Exercise;
  const problems = crossFieldProblems(spec);
  if (problems.length > 0) throw new SpecError(shown, problems.map(at));
  return { spec, dir, file };
}
