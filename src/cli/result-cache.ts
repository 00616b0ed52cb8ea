import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, mkdir, readdir, readFile, readlink, rename, writeFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { join, relative, sep } from "node:path";
import type { BatchItem } from "../grading/grade-batch.js";
import { learnerName } from "../grading/learner-name.js";
import type { SubmissionResult } from "../grading/result.js";
import { isWorkspaceMachinery, readWorkspaceManifest } from "../workspace/workspace-files.js";

/** The engine a result was graded on: its own ID and version (not its address, which a proxy or Podman may share). */
export interface EngineKey {
  id: string;
  version: string;
}

/**
 * What a result depends on besides the submission: dockgrade, the limits, the engine, and the
 * ids of the exercise's base images on it (results keep both languages, so not the language).
 */
export interface CacheContext {
  version: string;
  limits: unknown;
  engine: EngineKey;
  /** The exercise's base images by reference, their image id on the engine (null: absent). */
  baseImages: Record<string, string | null>;
}

/** Which run graded a stored result, on which engine, for whom. */
interface GradedBy {
  runId: string;
  gradedAt: string;
  engine: EngineKey;
  /** The learner and exercise it was graded for (the same content may come from several learners). */
  learner?: string;
}

interface CacheIndex {
  /** Result by key (content hash of everything the result depends on). */
  byKey: Record<string, SubmissionResult>;
  gradedBy: Record<string, GradedBy>;
  /** The key of each learner's latest result for an exercise, for --only-failed. */
  latest: Record<string, string>;
  /** Gradings that ended in error: never reused, kept only to say why a submission is graded again. */
  errors: Record<string, { runId: string; at: string; error: string }>;
}

const SKIPPED = new Set(["node_modules", ".git", ".dockgrade"]);
/** Results not seen for this long, and no learner's latest, are dropped when the file is written. */
const KEEP_MS = 180 * 24 * 3600 * 1000;

/**
 * Past this size a file is known by its size and modification time, not read: hashing the hostile
 * corpus's 1 GB file took 20 s on a busy machine. A copy gets a new time: graded again, never wrongly reused.
 */
const BIG_FILE = 16 * 1024 * 1024;

/** A file's bytes into the hash, streamed: a submission may hold a 1 GB file (the hostile corpus does). */
async function hashFile(hash: Hash, path: string): Promise<void> {
  await pipeline(createReadStream(path), async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) hash.update(chunk);
  });
}

/**
 * Hash of a folder's files (paths, contents, link targets), in a stable order. In a learner
 * workspace, what the build never sees (its npm, CI and report files) does not count.
 */
async function hashFolder(dir: string): Promise<string> {
  const workspace = (await readWorkspaceManifest(dir)) !== undefined;
  const hash = createHash("sha256");
  const visit = async (folder: string): Promise<void> => {
    const entries = (await readdir(folder, { withFileTypes: true }))
      .filter((entry) => !SKIPPED.has(entry.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const rel = relative(dir, path).split(sep).join("/");
      if (workspace && isWorkspaceMachinery(rel)) continue;
      const stats = await lstat(path);
      if (stats.isSymbolicLink()) hash.update(`L ${rel} ${await readlink(path)}\n`);
      else if (stats.isDirectory()) await visit(path);
      else if (stats.size > BIG_FILE) hash.update(`B ${rel} ${stats.size} ${stats.mode & 0o777} ${stats.mtimeMs}\n`);
      else if (stats.isFile()) await hashFile(hash.update(`F ${rel} ${stats.size} ${stats.mode & 0o777}\n`), path);
    }
  };
  await visit(dir);
  return hash.digest("hex");
}

/**
 * Previous results, kept in `<dir>/results.json`: an unchanged submission (same content, same
 * exercise, limits, dockgrade version, engine and base images) is not graded again unless forced,
 * and `--only-failed` keeps every learner's latest passing result from the same engine. Errors
 * are never reused. The file is written as results arrive, so that a killed run keeps them.
 */
export class ResultCache {
  private saving?: Promise<void>;
  private again = false;

  private constructor(
    private readonly file: string,
    private readonly index: CacheIndex,
  ) {}

  static async open(dir: string): Promise<ResultCache> {
    const file = join(dir, "results.json");
    const stored = await readFile(file, "utf8").then(
      (text) => JSON.parse(text) as Partial<CacheIndex>,
      () => ({}) as Partial<CacheIndex>,
    );
    // Results stored before the engine was part of the key cannot say which engine graded them: dropped.
    const gradedBy = stored.gradedBy ?? {};
    const byKey = Object.fromEntries(Object.entries(stored.byKey ?? {}).filter(([key]) => gradedBy[key]));
    const index = { byKey, gradedBy, latest: stored.latest ?? {}, errors: stored.errors ?? {} };
    return new ResultCache(file, index);
  }

  /** Nothing to reuse and no error to tell about: keys are not needed before grading. */
  get isEmpty(): boolean {
    return Object.keys(this.index.byKey).length === 0 && Object.keys(this.index.errors).length === 0;
  }

  async key(item: BatchItem, context: CacheContext): Promise<string> {
    const submission = item.problem ? `problem:${item.problem}` : await hashFolder(item.dir);
    return createHash("sha256")
      .update(JSON.stringify([context, item.exercise.spec, submission]))
      .digest("hex");
  }

  /** The result to reuse for this item, if any, saying which run graded it. */
  reuse(item: BatchItem, key: string, onlyFailed: boolean, engine: EngineKey): SubmissionResult | undefined {
    const foundKey = this.index.byKey[key] ? key : onlyFailed ? this.latestPassingKey(item, engine) : undefined;
    const found = foundKey && this.index.byKey[foundKey];
    if (!found) return undefined;
    const { runId, gradedAt } = this.index.gradedBy[foundKey]!;
    // The same content may have been handed in by someone else (a copied submission): the names are this item's.
    const submission = item.label ?? item.dir;
    const learner = item.learner ?? learnerName(submission);
    return { ...found, learner, submission, reused: true, reusedFrom: { runId, gradedAt } };
  }

  /** The previous grading of exactly this content ended in error (the engine's fault): it is graded again. */
  previousError(key: string): { runId: string; at: string; error: string } | undefined {
    return this.index.errors[key];
  }

  private latestPassingKey(item: BatchItem, engine: EngineKey): string | undefined {
    const key = this.index.latest[this.learnerKey(item)] ?? "";
    const sameEngine = this.index.gradedBy[key]?.engine.id === engine.id;
    return sameEngine && this.index.byKey[key]?.status === "passed" ? key : undefined;
  }

  private learnerKey(item: BatchItem): string {
    return `${item.exercise.spec.id} ${item.learner ?? item.label ?? item.dir}`;
  }

  /** Keeps a result: a verdict for later runs, an error only to say why it is graded again. */
  remember(item: BatchItem, key: string, result: SubmissionResult, runId: string, engine: EngineKey): void {
    if (result.status === "error") {
      // This learner's own earlier verdict is not one any more; a verdict of the same content
      // graded for someone else (a copied submission) still is.
      const stored = this.index.gradedBy[key];
      if (stored && stored.learner !== undefined && stored.learner !== this.learnerKey(item)) return;
      this.forget(key);
      this.index.errors[key] = { runId, at: new Date().toISOString(), error: result.error ?? "error" };
      return;
    }
    const { reused: _reused, reusedFrom: _from, ...stored } = result;
    this.index.byKey[key] = stored;
    this.index.gradedBy[key] = { runId, gradedAt: new Date().toISOString(), engine, learner: this.learnerKey(item) };
    this.index.latest[this.learnerKey(item)] = key;
    delete this.index.errors[key];
  }

  /** Drops a result that turned out not to be a verdict (the engine died while it was graded). */
  forget(key: string): void {
    delete this.index.byKey[key];
    delete this.index.gradedBy[key];
  }

  /** Writes the file soon, one write at a time, without holding up the grading. */
  saveSoon(): void {
    if (this.saving) {
      this.again = true;
      return;
    }
    this.saving = this.write().finally(() => {
      this.saving = undefined;
      if (this.again) {
        this.again = false;
        this.saveSoon();
      }
    });
  }

  async save(): Promise<void> {
    while (this.saving) await this.saving;
    await this.write();
  }

  /** Atomically (a temporary file renamed), so that a process killed while writing leaves the previous file. */
  private async write(): Promise<void> {
    const now = Date.now();
    const referenced = new Set(Object.values(this.index.latest));
    for (const [key, by] of Object.entries(this.index.gradedBy))
      if (now - Date.parse(by.gradedAt) > KEEP_MS && !referenced.has(key)) this.forget(key);
    for (const [key, error] of Object.entries(this.index.errors))
      if (now - Date.parse(error.at) > KEEP_MS) delete this.index.errors[key];
    await mkdir(join(this.file, ".."), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(this.index));
    await rename(temporary, this.file);
  }
}
