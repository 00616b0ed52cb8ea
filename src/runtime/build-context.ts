import dockerignoreModule from "@balena/dockerignore";
import { lstat, readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Readable } from "node:stream";
import { pack } from "tar-fs";
import { isWorkspaceMachinery, readWorkspaceManifest } from "../workspace/workspace-files.js";

export class ContextTooLarge extends Error {
  constructor(
    readonly bytes: number,
    readonly limitBytes: number,
  ) {
    super(`build context is ${bytes} bytes, over the ${limitBytes} byte limit`);
  }
}

type Ignore = (path: string) => boolean;

// The package is CommonJS (`module.exports = factory`) while its types declare a default export.
const dockerignore = dockerignoreModule as unknown as typeof dockerignoreModule.default;

async function readIgnore(contextDir: string, dockerfile: string): Promise<Ignore> {
  const text = await readFile(join(contextDir, ".dockerignore"), "utf8").catch(() => "");
  const matcher = dockerignore({ ignorecase: false }).add(text.split(/\r?\n/));
  // A learner workspace's own files (node_modules, package.json, CI files…) are never the
  // learner's answer: left out whatever .dockerignore says, or when the learner deleted it.
  const workspace = (await readWorkspaceManifest(contextDir)) !== undefined;
  // Docker always sends the Dockerfile and .dockerignore, whatever the patterns say.
  return (path) =>
    path !== dockerfile &&
    path !== ".dockerignore" &&
    ((workspace && isWorkspaceMachinery(path)) || matcher.ignores(path));
}

/** Bytes of the regular files that would be sent; symlinks count as links, never followed. */
async function contextSize(
  dir: string,
  root: string,
  ignored: Ignore,
  limitBytes: number,
  total = { bytes: 0 },
): Promise<number> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(root, path).split(sep).join("/");
    if (ignored(rel)) continue;
    if (entry.isDirectory()) await contextSize(path, root, ignored, limitBytes, total);
    else if (entry.isFile()) total.bytes += (await lstat(path)).size;
    if (total.bytes > limitBytes) throw new ContextTooLarge(total.bytes, limitBytes);
  }
  return total.bytes;
}

/**
 * The build context as the engine wants it: a tar stream of the folder, `.dockerignore`
 * respected (and, in a learner workspace, the workspace's own files left out), symlinks stored
 * as links (a link to /etc/passwd stays a link, its target is never read), refused before
 * anything is sent when it is over `limitBytes`.
 */
export async function packBuildContext(
  contextDir: string,
  dockerfile: string,
  limitBytes: number,
): Promise<{ stream: Readable; bytes: number }> {
  const ignored = await readIgnore(contextDir, dockerfile);
  const bytes = await contextSize(contextDir, contextDir, ignored, limitBytes);
  const stream = pack(contextDir, {
    dereference: false,
    ignore: (name) => {
      const rel = relative(contextDir, name).split(sep).join("/");
      return rel !== "" && ignored(rel);
    },
  });
  return { stream: stream as unknown as Readable, bytes };
}
