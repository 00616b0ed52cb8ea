import { readdir } from "node:fs/promises";
import { join } from "node:path";

/**
 * A folder that holds files is one submission; a folder that holds only folders is a class:
 * each sub-folder is one learner's submission (sorted, so shards and reruns are stable).
 */
export async function expandSubmissionFolders(paths: string[]): Promise<string[]> {
  const expanded: string[] = [];
  for (const path of paths) {
    const entries = (await readdir(path, { withFileTypes: true })).filter((entry) => !entry.name.startsWith("."));
    const isClass = entries.length > 0 && entries.every((entry) => entry.isDirectory());
    if (isClass) expanded.push(...entries.map((entry) => join(path, entry.name)).sort());
    else expanded.push(path);
  }
  return expanded;
}
