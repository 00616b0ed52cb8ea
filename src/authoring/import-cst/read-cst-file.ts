import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { isMap, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { DockgradeError } from "../../errors.js";
import { lineOf } from "../../exercise/load-exercise.js";
import { cstFileSchema, type CstFile } from "./cst-schema.js";

/** A container-structure-test file that cannot be read; every problem names the file and line. */
export class CstFileError extends DockgradeError {
  override readonly name = "CstFileError";
  constructor(readonly problems: string[]) {
    super(`cannot import this container-structure-test file\n${problems.join("\n")}`);
  }
}

type Path = readonly PropertyKey[];

export interface ReadCstFile {
  test: CstFile;
  /** The file as the user named it, relative to the working folder. */
  shown: string;
  /** The 1-based line of a node of the file, e.g. ["commandTests", 2]. */
  lineOf(path: Path): number;
}

export function formatPath(path: Path): string {
  return path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );
}

function describeIssue(issue: z.core.$ZodIssue): { path: Path; message: string }[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: [...issue.path, key],
      message: "unknown field (container-structure-test would skip it without a word: is it misspelt?)",
    }));
  }
  return [{ path: issue.path, message: issue.message }];
}

/** Reads and validates a CST file (schemaVersion 2.0.0); problems come as `file:line field: message`. */
export async function readCstFile(file: string): Promise<ReadCstFile> {
  const shown = relative(process.cwd(), file) || file;
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new CstFileError([
      `${shown}: ${error.code === "ENOENT" ? "no such file" : error.code === "EISDIR" ? "is a folder, not a file" : error.message}`,
    ]);
  });
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new CstFileError(
      document.errors.map(
        (error) => `${shown}:${lines.linePos(error.pos[0]).line} not valid YAML: ${error.message.split("\n")[0]}`,
      ),
    );
  }
  const lineAt = (path: Path) => lineOf(document, lines, path);
  const at = (path: Path, message: string) =>
    `${shown}:${lineAt(path)} ${formatPath(path) || "(document)"}: ${message}`;
  if (!isMap(document.contents)) {
    throw new CstFileError([at([], "expected a mapping with schemaVersion: 2.0.0 and the tests")]);
  }
  const raw = document.toJS() as Record<string, unknown>;
  const version = raw.schemaVersion;
  if (version !== "2.0.0") {
    const found = version === undefined ? "missing" : `"${String(version)}"`;
    throw new CstFileError([
      at(
        ["schemaVersion"],
        `${found}: dockgrade imports schemaVersion "2.0.0" only${version === "1.0.0" ? " (in 1.0.0 a command is one list; write command: first word, args: the rest)" : ""}`,
      ),
    ]);
  }
  const parsed = cstFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CstFileError(
      parsed.error.issues.flatMap(describeIssue).map((problem) => at(problem.path, problem.message)),
    );
  }
  return { test: parsed.data, shown, lineOf: lineAt };
}
