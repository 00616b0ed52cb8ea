import type Docker from "dockerode";
import { appendFile, cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { isWorkspaceMachinery, readWorkspaceManifest } from "../workspace/workspace-files.js";
import type { RebuildReport, RebuildStep } from "../grading/context.js";
import { buildFailureExcerpt, buildImage, type BuildOutcome, type BuildRequest } from "./build-image.js";

/**
 * A step as the builder runs it, whatever its spelling: the keyword in capitals, an exec-form
 * array (`RUN ["pip", "install", "x"]`) as its words (`RUN pip install x`).
 */
export function normalizeInstruction(text: string): string {
  const [, keyword = "", rest = ""] = /^(\S+)\s*(.*)$/s.exec(text.trim()) ?? [];
  if (rest.startsWith("[")) {
    try {
      const words: unknown = JSON.parse(rest);
      if (Array.isArray(words)) return `${keyword.toUpperCase()} ${words.join(" ")}`;
    } catch {
      // Not JSON: the builder runs it in shell form, as written.
    }
  }
  return `${keyword.toUpperCase()} ${rest}`.trim();
}

/** Which steps of a classic-builder log came from the cache (` ---> Using cache` after the step). */
export function rebuildSteps(log: string[]): RebuildStep[] {
  const steps: RebuildStep[] = [];
  for (const line of log) {
    const step = /^Step \d+\/\d+ : (.*)$/.exec(line);
    if (step) steps.push({ instruction: normalizeInstruction(step[1]!), cached: false });
    else if (line.trim() === "---> Using cache" && steps.length > 0) steps[steps.length - 1]!.cached = true;
  }
  // FROM is never "rebuilt": it names an image.
  return steps.filter((step) => !/^FROM\s/i.test(step.instruction));
}

/**
 * Copies the submission (symlinks copied as links), appends to one file (`{id}` in the text
 * becomes the rebuild's tag), and builds again with
 * the same request and the engine's cache, as a learner's second `docker build` would.
 */
export async function rebuildAfterChange(
  docker: Docker,
  first: Omit<BuildRequest, "contextDir" | "tag">,
  submissionDir: string,
  contextDir: string,
  change: { file: string; append: string },
  tag: string,
): Promise<{ report: RebuildReport; outcome: BuildOutcome }> {
  const copy = await mkdtemp(join(tmpdir(), "dockgrade-rebuild-"));
  // A learner workspace's own files never reach the build context: no need to copy them (node_modules is ~100 MB).
  const workspace = (await readWorkspaceManifest(submissionDir)) !== undefined;
  const worthCopying = (source: string) =>
    !workspace || !isWorkspaceMachinery(relative(submissionDir, source).split(sep).join("/"));
  try {
    await cp(submissionDir, copy, { recursive: true, verbatimSymlinks: true, filter: worthCopying });
    const target = resolve(copy, change.file);
    if (relative(copy, target).startsWith(".."))
      throw new Error(`build.cache change.file ${change.file} is outside the submission`);
    // Unique per rebuild: another session's rebuild of the same files must not serve it from cache.
    await appendFile(target, change.append.replaceAll("{id}", tag));
    const outcome = await buildImage(docker, {
      ...first,
      contextDir: resolve(copy, relative(submissionDir, contextDir)),
      tag,
    });
    const report = {
      ok: outcome.ok,
      steps: rebuildSteps(outcome.log),
      logExcerpt: outcome.ok ? [] : buildFailureExcerpt(outcome.log),
    };
    return { report, outcome };
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}
