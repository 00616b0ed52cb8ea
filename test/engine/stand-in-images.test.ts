import { randomBytes } from "node:crypto";
import Docker from "dockerode";
import { describe, expect, it } from "vitest";
import {
  STAND_IN_LABEL,
  buildStandInImage,
  hasStandInRecipe,
  isStandIn,
  standInRecipes,
} from "../../src/runtime/engine-setup/stand-in-images.js";

const docker = new Docker();

/** Runs `cmd` in a fresh container of `image` and returns its exit code and combined output; the container is always removed. */
async function runOnce(image: string, cmd: string[]): Promise<{ exitCode: number; output: string }> {
  const container = await docker.createContainer({ Image: image, Cmd: cmd, Tty: false, NetworkDisabled: true });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const logs = await container.logs({ stdout: true, stderr: true, follow: false });
    return { exitCode: StatusCode, output: parseFrames(logs) };
  } finally {
    await container.remove({ force: true });
  }
}

/** Without a TTY, docker multiplexes the log: 8-byte header (stream, 0, 0, 0, big-endian length), then the payload. */
function parseFrames(logs: Buffer): string {
  let text = "";
  for (let offset = 0; offset + 8 <= logs.length;) {
    const length = logs.readUInt32BE(offset + 4);
    text += logs.subarray(offset + 8, offset + 8 + length).toString("utf8");
    offset += 8 + length;
  }
  return text;
}

describe("stand-in images", () => {
  it("lists the refs it can build", () => {
    const refs = standInRecipes().map((recipe) => recipe.ref);
    expect(refs).toEqual(
      expect.arrayContaining(["python:3.11-slim", "python:3.11", "python:3.11-alpine", "busybox:1.36"]),
    );
    expect(hasStandInRecipe("busybox:1.36")).toBe(true);
    expect(hasStandInRecipe("node:20")).toBe(false);
  });

  it("builds a labelled busybox base that runs a shell", async () => {
    const tag = `dockgrade-test/busybox-standin:${randomBytes(4).toString("hex")}`;
    const lines: string[] = [];
    try {
      const result = await buildStandInImage(docker, "busybox:1.36", (line) => lines.push(line), tag);
      expect(result.ref).toBe(tag);
      expect(result.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(result.sizeBytes).toBeGreaterThan(500_000);
      expect(lines.length).toBeGreaterThan(0);

      const info = await docker.getImage(tag).inspect();
      expect(info.Config.Labels?.[STAND_IN_LABEL]).toBe("true");
      expect(info.Config.Labels?.["io.dockgrade.stand-in.recipe"]).toBeTruthy();
      expect(info.Config.Labels?.["org.opencontainers.image.description"]).toMatch(/not the official image/);
      expect(await isStandIn(docker, tag)).toBe(true);

      const run = await runOnce(tag, ["sh", "-c", "echo ok && stat -c %a /tmp && adduser -D app && id app"]);
      expect(run).toEqual({ exitCode: 0, output: "ok\n1777\nuid=1000(app) gid=1000(app) groups=1000(app)\n" });
    } finally {
      await docker
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
    }
  });

  it("says an absent image is not a stand-in", async () => {
    expect(await isStandIn(docker, `dockgrade-test/absent:${randomBytes(4).toString("hex")}`)).toBe(false);
  });

  it("rejects a ref without a recipe", async () => {
    await expect(buildStandInImage(docker, "node:20")).rejects.toThrow(/no stand-in recipe for node:20/);
  });

  it("gives python:3.11-slim a working python and pip", async (context) => {
    const ref = "python:3.11-slim";
    // `doctor --fix` (npm pretest) built it where no registry answers; where the real image is
    // present there is no stand-in to check, and it must never be overwritten.
    if (!(await isStandIn(docker, ref))) context.skip("python:3.11-slim is the official image here, not a stand-in");

    const python = await runOnce(ref, ["python", "-c", "import sys; print(sys.path)"]);
    expect(python.exitCode).toBe(0);
    expect(python.output).toContain("/usr/local/lib/python3.11/site-packages");

    const pip = await runOnce(ref, ["pip", "--version"]);
    expect(pip.exitCode).toBe(0);
    expect(pip.output).toMatch(/^pip \d+/);
  });
});
