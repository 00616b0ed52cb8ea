import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extract, type Header } from "tar-stream";
import { describe, expect, it } from "vitest";
import { ContextTooLarge, packBuildContext } from "../../src/runtime/build-context.js";

async function entries(dir: string, limit = 1e6): Promise<Header[]> {
  const { stream } = await packBuildContext(dir, "Dockerfile", limit);
  const headers: Header[] = [];
  const reader = extract();
  reader.on("entry", (header, body, next) => {
    headers.push(header);
    body.on("end", next).resume();
  });
  await new Promise<void>((resolve, reject) => {
    reader.on("finish", () => resolve()).on("error", reject);
    stream.pipe(reader);
  });
  return headers;
}

describe("packBuildContext", () => {
  it("respects .dockerignore but always sends the Dockerfile, and keeps symlinks as links", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-ctx-"));
    await writeFile(join(dir, "Dockerfile"), "FROM x:1\n");
    await writeFile(join(dir, ".dockerignore"), "secret.txt\nDockerfile\nnode_modules\n");
    await writeFile(join(dir, "app.py"), "print(1)\n");
    await writeFile(join(dir, "secret.txt"), "s3cr3t\n");
    await mkdir(join(dir, "node_modules"));
    await writeFile(join(dir, "node_modules", "big.js"), "x");
    await symlink("/etc/passwd", join(dir, "escape"));
    const headers = await entries(dir);
    const names = headers
      .map((header) => header.name)
      .filter((name) => name !== ".")
      .sort();
    expect(names).toEqual([".dockerignore", "Dockerfile", "app.py", "escape"]);
    expect(headers.find((header) => header.name === "escape")).toMatchObject({
      type: "symlink",
      linkname: "/etc/passwd",
      size: 0,
    });
  });

  it("in a learner workspace, leaves out the workspace's own files even without a .dockerignore", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-ctx-"));
    await writeFile(join(dir, "Dockerfile"), "FROM x:1\nCOPY . .\n");
    await writeFile(join(dir, "app.py"), "print(1)\n");
    await mkdir(join(dir, "data"));
    await writeFile(join(dir, "data", "package.json"), "{}\n");
    for (const name of ["node_modules/dockgrade", ".git", ".github/workflows", ".dockgrade"])
      await mkdir(join(dir, name), { recursive: true });
    await writeFile(join(dir, "node_modules", "dockgrade", "index.js"), "x");
    for (const name of ["package-lock.json", "dockgrade.test.mjs", ".gitlab-ci.yml", ".gitignore", "dockgrade.md"])
      await writeFile(join(dir, name), "x");
    // Not a workspace yet (no dockgrade.exercise): everything goes.
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "app" }));
    const plain = (await entries(dir)).map((header) => header.name);
    expect(plain).toEqual(expect.arrayContaining(["package.json", "node_modules/dockgrade/index.js"]));

    await writeFile(
      join(dir, "package.json"),
      JSON.stringify({ dockgrade: { exercise: "03-images-conteneurs/02-couches" } }),
    );
    const names = (await entries(dir))
      .map((header) => header.name.replace(/\/$/, ""))
      .filter((name) => name !== ".")
      .sort();
    // A package.json further down is the learner's, not the workspace's.
    expect(names).toEqual(["Dockerfile", "app.py", "data", "data/package.json"]);
  });

  it("refuses a context over the limit before sending anything, with its size", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-ctx-"));
    await writeFile(join(dir, "Dockerfile"), "FROM x:1\n");
    await writeFile(join(dir, "blob.bin"), Buffer.alloc(2048));
    await expect(packBuildContext(dir, "Dockerfile", 1024)).rejects.toBeInstanceOf(ContextTooLarge);
  });
});
