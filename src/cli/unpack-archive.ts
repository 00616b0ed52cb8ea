import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, rename } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract } from "tar-stream";
import yauzl from "yauzl";
import { UsageError } from "../errors.js";

const MAX_ENTRIES = 10_000;
const MAX_BYTES = 500e6;

export const ARCHIVE = /\.(zip|tar\.gz|tgz)$/i;

/** A path inside the archive that stays inside the folder: relative, no `..`, no drive letter. */
function safePath(name: string): string | undefined {
  const path = normalize(name.replace(/\\/g, "/")).replace(/^(\.\/)+/, "");
  if (path === "" || path === "." || path.startsWith("/") || path.split("/").includes("..") || /^[a-z]:/i.test(path))
    return undefined;
  return path;
}

/** Keeps an archive within bounds, whatever its headers claim. */
class Budget {
  private entries = 0;
  private bytes = 0;
  constructor(private readonly archive: string) {}
  entry(): void {
    if (++this.entries > MAX_ENTRIES) throw new UsageError(`${this.archive}: more than ${MAX_ENTRIES} entries`);
  }
  count(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.bytes > MAX_BYTES) throw new UsageError(`${this.archive}: more than ${MAX_BYTES / 1e6} MB unpacked`);
  }
}

async function writeEntry(target: string, body: Readable, budget: Budget): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  body.on("data", (chunk: Buffer) => budget.count(chunk));
  await pipeline(body, createWriteStream(target, { flags: "wx", mode: 0o644 }));
}

async function unpackTarGz(archive: string, into: string): Promise<void> {
  const budget = new Budget(archive);
  const reader = extract();
  const { createReadStream } = await import("node:fs");
  const done = pipeline(createReadStream(archive), createGunzip(), reader as unknown as NodeJS.WritableStream);
  for await (const entry of reader) {
    budget.entry();
    const path = safePath(entry.header.name);
    // Only files and folders: links could point (and later entries write) outside the folder.
    if (path && entry.header.type === "file") await writeEntry(join(into, path), entry as unknown as Readable, budget);
    else if (path && entry.header.type === "directory") await mkdir(join(into, path), { recursive: true });
    else entry.resume();
  }
  await done;
}

async function unpackZip(archive: string, into: string): Promise<void> {
  const budget = new Budget(archive);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    // decodeStrings off: yauzl would refuse the whole archive on one `../` name; safePath drops that entry.
    yauzl.open(archive, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false }, (error, file) =>
      error || !file ? reject(error) : resolve(file),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    zip.on("end", resolve).on("error", reject);
    zip.on("entry", async (entry: yauzl.Entry) => {
      try {
        budget.entry();
        const name = (entry.fileName as unknown as Buffer).toString("utf8");
        const path = safePath(name);
        const isLink = ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
        if (path && name.endsWith("/")) await mkdir(join(into, path), { recursive: true });
        else if (path && !isLink) {
          const body = await new Promise<Readable>((ok, fail) =>
            zip.openReadStream(entry, (error, stream) => (error || !stream ? fail(error) : ok(stream))),
          );
          await writeEntry(join(into, path), body, budget);
        }
        zip.readEntry();
      } catch (error) {
        zip.close();
        reject(error);
      }
    });
    zip.readEntry();
  });
}

/**
 * Unpacks a learner's archive into a fresh folder named after it (`alice.zip` → .../alice):
 * regular files and folders only, every path checked to stay inside, bounded in count and size.
 * An archive holding a single top folder is that folder.
 */
export async function unpackArchive(archive: string): Promise<string> {
  const learner = archive.split("/").at(-1)!.replace(ARCHIVE, "");
  const root = await mkdtemp(join(tmpdir(), "dockgrade-archive-"));
  const into = join(root, ".unpacked");
  await mkdir(into);
  try {
    if (/\.zip$/i.test(archive)) await unpackZip(archive, into);
    else await unpackTarGz(archive, into);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${archive}: cannot be unpacked (${(error as Error).message})`);
  }
  // The folder keeps the learner's name (reports call a submission by its folder's name).
  const top = await readdir(into, { withFileTypes: true });
  const unpacked = top.length === 1 && top[0]!.isDirectory() ? join(into, top[0]!.name) : into;
  await rename(unpacked, join(root, learner));
  return join(root, learner);
}
