import { execFile } from "node:child_process";
import { cp, mkdir, readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { copyAnswer, installedBin, packedPackage, scratchFolder } from "../support/packed-package.js";
import { npm, npmInstall, run, userEnv } from "../support/user-shell.js";

const exec = promisify(execFile);

/**
 * A bare git repository holding this checkout as it would be pushed: the tracked files and the
 * new ones git does not ignore, with their current contents (uncommitted changes included).
 */
async function bareRepository(into: string): Promise<string> {
  const checkout = resolve(".");
  const { stdout } = await exec("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: checkout,
    maxBuffer: 16 * 1024 * 1024,
  });
  const source = join(into, "source");
  for (const file of stdout.split("\0").filter(Boolean)) {
    await mkdir(dirname(join(source, file)), { recursive: true });
    // A file deleted but not yet committed is listed and absent: it is not pushed either.
    await cp(join(checkout, file), join(source, file), { verbatimSymlinks: true }).catch(() => undefined);
  }
  const git = (args: string[], cwd: string) =>
    exec("git", ["-c", "user.name=dockgrade", "-c", "user.email=dockgrade@example.org", ...args], {
      cwd,
      env: userEnv(),
    });
  await git(["init", "-q"], source);
  await git(["add", "-A"], source);
  await git(["commit", "-q", "-m", "dockgrade"], source);
  await git(["clone", "-q", "--bare", source, join(into, "dockgrade.git")], into);
  return join(into, "dockgrade.git");
}

describe("dockgrade from a git URL", () => {
  it("a workspace whose dockgrade is a git URL: npm builds it (prepare) and npm test grades", async () => {
    const { installed } = packedPackage();
    const work = await scratchFolder("git");
    const url = `git+file://${await bareRepository(work)}`;
    const id = "03-images-conteneurs/01-tags";
    const init = await run(installedBin(installed), ["init", id, "ws", "--dockgrade-spec", url], work);
    expect(init.code, init.stderr).toBe(0);
    const workspace = join(work, "ws");
    await copyAnswer(join(installed, "node_modules/dockgrade/exercises", id, "solution"), workspace);

    const install = await npmInstall(workspace);
    expect(install.code, install.stderr).toBe(0);
    // Built by prepare in npm's clone, then packed: dist/ is there, the TypeScript sources are not.
    const installedCopy = join(workspace, "node_modules", "dockgrade");
    expect(await readdir(join(installedCopy, "dist", "src", "cli"))).toContain("main.js");
    expect(await readdir(join(installedCopy, "src"))).toEqual(["cli"]);

    const tested = await run(npm, ["test"], workspace);
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    const graded = await run(installedBin(workspace), ["grade", ".", "."], workspace);
    expect(graded.code, graded.stdout + graded.stderr).toBe(0);
  });
});
