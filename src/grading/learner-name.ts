import { basename } from "node:path";

/** A learner as a folder or archive name: `classe/alice.zip` → `alice`. */
export function learnerName(path: string): string {
  return basename(path.replace(/\/+$/, "")).replace(/\.(zip|tar\.gz|tgz)$/i, "");
}
