import { createHash } from "node:crypto";
import { lstat, mkdir, readdir, readFile, readlink, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { BatchItem } from "../grading/grade-batch.js";
import type { SubmissionResult } from "../grading/result.js";

/** What a result depends on besides the submission: the exercise, the limits, the language, dockgrade. */
export interface CacheContext {
  version: string;
  lang: string;
  limits: unknown;
}

interface CacheIndex {
  /** Result by key (content hash of everything the result depends on). */
  byKey: Record<string, SubmissionResult>;
  /** The key of each learner's latest result for an exercise, for --only-failed. */
  latest: Record<string, string>;
}

const SKIPPED = new Set(["node_modules", ".git", ".dockgrade"]);

/** Hash of a folder's files (paths, contents, link targets), in a stable order. */
async function hashFolder(dir: string, hash = createHash("sha256"), root = dir): Promise<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((entry) => !SKIPPED.has(entry.name)).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const rel = relative(root, path).split(sep).join("/");
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) hash.update(`L ${rel} ${await readlink(path)}\n`);
    else if (stats.isDirectory()) await hashFolder(path, hash, root);
    else if (stats.isFile()) hash.update(`F ${rel} ${stats.size} ${stats.mode & 0o777}\n`).update(await readFile(path));
  }
  return root === dir ? hash.digest("hex") : "";
}

/**
 * Previous results, kept in `<dir>/results.json`: an unchanged submission (same content, same
 * exercise, limits, language and dockgrade version) is not graded again unless forced, and
 * `--only-failed` keeps every learner's latest passing result.
 */
export class ResultCache {
  private constructor(private readonly file: string, private readonly index: CacheIndex) {}

  static async open(dir: string): Promise<ResultCache> {
    const file = join(dir, "results.json");
    const index = await readFile(file, "utf8").then((text) => JSON.parse(text) as CacheIndex, () => ({ byKey: {}, latest: {} }));
    return new ResultCache(file, index);
  }

  async key(item: BatchItem, context: CacheContext): Promise<string> {
    const submission = item.problem ? `problem:${item.problem}` : await hashFolder(item.dir);
    return createHash("sha256").update(JSON.stringify([context, item.exercise.spec, submission])).digest("hex");
  }

  /** The result to reuse for this item, if any. */
  reuse(item: BatchItem, key: string, onlyFailed: boolean): SubmissionResult | undefined {
    const found = this.index.byKey[key] ?? (onlyFailed ? this.latestPassing(item) : undefined);
    return found && { ...found, submission: item.label ?? item.dir, reused: true };
  }

  private latestPassing(item: BatchItem): SubmissionResult | undefined {
    const latest = this.index.byKey[this.index.latest[this.learnerKey(item)] ?? ""];
    return latest?.status === "passed" ? latest : undefined;
  }

  private learnerKey(item: BatchItem): string {
    return `${item.exercise.spec.id} ${item.learner ?? item.label ?? item.dir}`;
  }

  remember(item: BatchItem, key: string, result: SubmissionResult): void {
    const { reused: _reused, ...stored } = result;
    this.index.byKey[key] = stored;
    this.index.latest[this.learnerKey(item)] = key;
  }

  async save(): Promise<void> {
    await mkdir(join(this.file, ".."), { recursive: true });
    await writeFile(this.file, JSON.stringify(this.index));
  }
}
