import { readdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { SubmissionInput } from "../grading/grade-batch.js";
import { ARCHIVE, unpackArchive } from "./unpack-archive.js";

/**
 * A folder that holds files is one submission; a folder that holds only folders and archives
 * (.zip, .tar.gz) is a class: each entry is one learner's submission, sorted so that shards and
 * reruns are stable. Archives are unpacked into temporary folders; `release()` removes them.
 * `isOneSubmission` keeps a folder of folders whole: a learner's folder in a pack (`alice/01-tags`).
 */
export async function expandSubmissionFolders(
  paths: string[],
  isOneSubmission: (childNames: string[]) => boolean = () => false,
): Promise<{ submissions: SubmissionInput[]; release(): Promise<void> }> {
  const entries: { path: string; archive: boolean }[] = [];
  for (const path of paths) {
    if (ARCHIVE.test(path)) {
      entries.push({ path, archive: true });
      continue;
    }
    const children = (await readdir(path, { withFileTypes: true })).filter((entry) => !entry.name.startsWith("."));
    const isClass =
      children.length > 0 &&
      children.every((entry) => entry.isDirectory() || (entry.isFile() && ARCHIVE.test(entry.name))) &&
      !isOneSubmission(children.map((entry) => entry.name));
    if (!isClass) entries.push({ path, archive: false });
    else
      entries.push(
        ...children
          .map((entry) => ({ path: join(path, entry.name), archive: !entry.isDirectory() }))
          .sort((a, b) => a.path.localeCompare(b.path)),
      );
  }
  const unpacked: string[] = [];
  const submissions: SubmissionInput[] = [];
  for (const entry of entries) {
    if (!entry.archive) {
      submissions.push({ dir: entry.path });
      continue;
    }
    try {
      const dir = await unpackArchive(entry.path);
      unpacked.push(dirname(dir));
      submissions.push({ dir, label: entry.path });
    } catch (error) {
      submissions.push({ dir: entry.path, label: entry.path, problem: (error as Error).message });
    }
  }
  return {
    submissions,
    release: async () => void (await Promise.all(unpacked.map((dir) => rm(dir, { recursive: true, force: true })))),
  };
}
