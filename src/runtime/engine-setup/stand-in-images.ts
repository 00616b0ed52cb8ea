import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { type LineLogger } from "./host-tools.js";
import { ROOTFS_RECIPES, type RootfsRecipe, type StandInImageConfig } from "./rootfs-recipes.js";

/** Label (value "true") on every image built here, so a stand-in is never mistaken for the official image. */
export const STAND_IN_LABEL = "io.dockgrade.stand-in";
const RECIPE_LABEL = "io.dockgrade.stand-in.recipe";
const DESCRIPTION_LABEL = "org.opencontainers.image.description";

export interface StandInRecipe {
  ref: string;
  summary: string;
}

export interface StandInBuildResult {
  ref: string;
  imageId: string;
  sizeBytes: number;
  seconds: number;
}

/** The image refs that can be built locally when no registry is reachable. */
export function standInRecipes(): StandInRecipe[] {
  return ROOTFS_RECIPES.map(({ ref, summary }) => ({ ref, summary }));
}

export function hasStandInRecipe(ref: string): boolean {
  return ROOTFS_RECIPES.some((recipe) => recipe.ref === ref);
}

/**
 * Builds the stand-in for `ref` from Debian packages and tags it as `ref` (e.g. "python:3.11-slim").
 * Reports progress lines through `log`. Throws an Error naming the failed command and the last
 * lines of its stderr.
 * @param tagAs tag the image under this name instead of `ref` (tests use a throwaway name)
 */
export async function buildStandInImage(
  docker: Docker,
  ref: string,
  log: LineLogger = () => {},
  tagAs?: string,
): Promise<StandInBuildResult> {
  const recipe = ROOTFS_RECIPES.find((candidate) => candidate.ref === ref);
  if (!recipe) {
    throw new Error(`no stand-in recipe for ${ref}; known: ${ROOTFS_RECIPES.map((r) => r.ref).join(", ")}`);
  }
  const started = performance.now();
  const workDir = await mkdtemp(join(await scratchParent(), "dockgrade-stand-in-"));
  try {
    // apt downloads as the unprivileged _apt user, which must be able to enter the rootfs.
    await chmod(workDir, 0o755);
    const root = join(workDir, "rootfs");
    log(`${ref}: building the root filesystem (${recipe.summary})`);
    const config = await recipe.buildRootfs(root, workDir, log);
    const target = tagAs ?? ref;
    log(`${ref}: importing into the engine as ${target}`);
    const imageId = await importRootfs(docker, root, target, importChanges(recipe, config));
    const image = await docker.getImage(imageId).inspect();
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    log(`${ref}: ${target} is ${imageId} (${(image.Size / 1e6).toFixed(0)} MB, ${seconds} s)`);
    return { ref: target, imageId, sizeBytes: image.Size, seconds };
  } finally {
    await removeWorkDir(workDir, log);
  }
}

/** True when `ref` is present on the engine and carries the stand-in label. */
export async function isStandIn(docker: Docker, ref: string): Promise<boolean> {
  try {
    const info = await docker.getImage(ref).inspect();
    return info.Config?.Labels?.[STAND_IN_LABEL] === "true";
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

function importChanges(recipe: RootfsRecipe, config: StandInImageConfig): string[] {
  const description = `Local stand-in for ${recipe.ref} built from ${config.origin}; not the official image`;
  return [
    ...config.env.map((assignment) => `ENV ${assignment}`),
    `CMD ${JSON.stringify(config.cmd)}`,
    `LABEL ${STAND_IN_LABEL}="true"`,
    `LABEL ${RECIPE_LABEL}=${JSON.stringify(recipe.name)}`,
    `LABEL ${DESCRIPTION_LABEL}=${JSON.stringify(description)}`,
  ];
}

/** Streams `tar` of the rootfs straight into the Engine's image import (POST /images/create?fromSrc=-). */
async function importRootfs(docker: Docker, root: string, target: string, changes: string[]): Promise<string> {
  const tar = spawn("tar", ["--numeric-owner", "-C", root, "-cf", "-", "."], { stdio: ["ignore", "pipe", "pipe"] });
  let tarStderr = "";
  tar.stderr.on("data", (chunk: Buffer) => (tarStderr = (tarStderr + chunk.toString("utf8")).slice(-2000)));
  const tarExit = new Promise<number | null>((resolve, reject) => {
    tar.on("error", reject);
    tar.on("close", resolve);
  });
  const { repo, tag } = splitRef(target);
  let output: string;
  try {
    const response = await docker.importImage(tar.stdout, { repo, tag, changes, message: "dockgrade stand-in" });
    output = await readStream(response);
  } catch (error) {
    tar.kill();
    throw new Error(`the engine refused to import ${target}: ${(error as Error).message}`);
  }
  const tarCode = await tarExit;
  if (tarCode !== 0) throw new Error(`\`tar -C ${root} -c .\` exited with code ${tarCode}:\n${tarStderr}`);
  const messages = output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as { status?: string; error?: string });
  const failure = messages.find((message) => message.error);
  if (failure) throw new Error(`the engine refused to import ${target}: ${failure.error}`);
  const imageId = messages.map((message) => message.status ?? "").find((status) => status.startsWith("sha256:"));
  if (!imageId) throw new Error(`the engine's import of ${target} returned no image id: ${output.slice(0, 500)}`);
  return imageId;
}

function splitRef(ref: string): { repo: string; tag: string } {
  const colon = ref.lastIndexOf(":");
  if (colon <= ref.lastIndexOf("/")) return { repo: ref, tag: "latest" };
  return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
}

function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)));
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", reject);
  });
}

/** A tmpfs when there is one: mmdebstrap runs about twice as fast there as on disk. */
async function scratchParent(): Promise<string> {
  try {
    await access("/dev/shm", constants.W_OK);
    return "/dev/shm";
  } catch {
    return tmpdir();
  }
}

async function removeWorkDir(workDir: string, log: LineLogger): Promise<void> {
  // If mmdebstrap died with /proc, /sys or /dev still mounted in the rootfs, a recursive
  // delete would reach into the host's; leave the directory for a human instead.
  const mounts = await readFile("/proc/self/mounts", "utf8").catch(() => "");
  const stillMounted = mounts.split("\n").some((line) => line.split(" ")[1]?.startsWith(`${workDir}/`));
  if (stillMounted) {
    log(`not removing ${workDir}: something is still mounted inside it (see /proc/self/mounts)`);
    return;
  }
  await rm(workDir, { recursive: true, force: true });
}
