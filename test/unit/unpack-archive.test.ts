import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { lstat, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { pack } from "tar-stream";
import { describe, expect, it } from "vitest";
import { unpackArchive } from "../../src/cli/unpack-archive.js";

async function tarGz(
  path: string,
  entries: { name: string; body?: string; type?: "file" | "symlink"; linkname?: string }[],
): Promise<void> {
  const archive = pack();
  for (const entry of entries)
    archive.entry({ name: entry.name, type: entry.type ?? "file", linkname: entry.linkname }, entry.body ?? "");
  archive.finalize();
  await pipeline(archive as unknown as NodeJS.ReadableStream, createGzip(), createWriteStream(path));
}

/** Zips with Python's zipfile, which writes whatever names it is given (as hostile archives do). */
function zip(path: string, entries: [string, string][]): void {
  const script =
    "import sys, json, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\nfor n, b in json.loads(sys.argv[2]): z.writestr(n, b)\nz.close()";
  execFileSync("python3", ["-c", script, path, JSON.stringify(entries)]);
}

describe("unpackArchive", () => {
  it("unpacks a learner's .tar.gz under the learner's name, unwrapping a single top folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-arch-"));
    await tarGz(join(dir, "alice.tar.gz"), [
      { name: "rendu/Dockerfile", body: "FROM python:3.11-slim\n" },
      { name: "rendu/commandes.sh", body: "docker build -t mon-app:v1 .\n" },
    ]);
    const unpacked = await unpackArchive(join(dir, "alice.tar.gz"));
    expect(unpacked.endsWith("/alice")).toBe(true);
    expect((await readdir(unpacked)).sort()).toEqual(["Dockerfile", "commandes.sh"]);
  });

  it("never writes outside the folder and drops links", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-arch-"));
    await tarGz(join(dir, "bob.tar.gz"), [
      { name: "Dockerfile", body: "FROM x:1\n" },
      { name: "../evil-tar", body: "pwned" },
      { name: "/tmp/evil-abs", body: "pwned" },
      { name: "escape", type: "symlink", linkname: "/etc" },
      { name: "escape/passwd-tar", body: "pwned" },
    ]);
    const unpacked = await unpackArchive(join(dir, "bob.tar.gz"));
    // The link was dropped, so `escape/` is an ordinary folder inside the submission.
    expect((await readdir(unpacked)).sort()).toEqual(["Dockerfile", "escape"]);
    expect((await lstat(join(unpacked, "escape"))).isDirectory()).toBe(true);
    expect(existsSync("/etc/passwd-tar")).toBe(false);
    expect(existsSync(join(dir, "evil-tar"))).toBe(false);
    expect(existsSync("/tmp/evil-abs")).toBe(false);
    expect(await readFile("/etc/passwd", "utf8")).not.toContain("pwned");
  });

  it("unpacks a .zip and refuses zip-slip names", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-arch-"));
    zip(join(dir, "carol.zip"), [
      ["Dockerfile", "FROM x:1\n"],
      ["../../evil-zip", "pwned"],
      ["app/app.py", "print(1)\n"],
    ]);
    const unpacked = await unpackArchive(join(dir, "carol.zip"));
    expect((await readdir(unpacked)).sort()).toEqual(["Dockerfile", "app"]);
    expect(existsSync(join(dir, "..", "evil-zip"))).toBe(false);
  });

  it("says when an archive cannot be read", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-arch-"));
    execFileSync("python3", ["-c", `open(${JSON.stringify(join(dir, "dave.zip"))}, "w").write("not a zip")`]);
    await expect(unpackArchive(join(dir, "dave.zip"))).rejects.toThrow(/dave\.zip: cannot be unpacked/);
  });
});
