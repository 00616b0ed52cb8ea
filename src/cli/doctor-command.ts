import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type Docker from "dockerode";
import { finalBaseImage, imageReference, parseDockerfile } from "../dockerfile/parse-dockerfile.js";
import { bundledExercisesDir } from "../package-root.js";
import { createDockerClient, engineAddress, engineUnavailableHelp, probeEngine } from "../runtime/docker-client.js";
import { buildStandInImage, hasStandInRecipe, isStandIn } from "../runtime/engine-setup/stand-in-images.js";
import { canFixEngine, installAndStartEngine } from "../runtime/engine-setup/start-engine.js";
import { ensureDebianPackages } from "../runtime/engine-setup/host-packages.js";

/** What the stand-in recipes run on the host. */
const STAND_IN_TOOLS = [
  { program: "/usr/bin/mmdebstrap", debianPackage: "mmdebstrap" },
  { program: "/bin/busybox", debianPackage: "busybox-static" },
];
import { findExerciseDirs } from "../exercise/find-exercises.js";
import { readWorkspaceManifest } from "../workspace/workspace-files.js";
import { resolveExerciseDir } from "./resolve-exercise.js";
import { loadExercise } from "../exercise/load-exercise.js";

export interface DoctorOptions {
  fix: boolean;
  quiet: boolean;
  exercisesDir?: string;
  write: (line: string) => void;
}

/** Base images the exercises name, plus the FROM of their solutions (a starter may be wrong on purpose). */
export async function requiredBaseImages(root: string): Promise<string[]> {
  const images = new Set<string>();
  for (const dir of await findExerciseDirs(root)) {
    const { spec } = await loadExercise(dir);
    spec.baseImages.forEach((image) => images.add(image));
    const text = await readFile(join(dir, "solution", spec.build.dockerfile), "utf8").catch(() => undefined);
    const from = text ? finalBaseImage(parseDockerfile(spec.build.dockerfile, text)) : undefined;
    if (from && from.image !== "scratch") images.add(imageReference(from));
  }
  return [...images].sort();
}

async function tryPull(docker: Docker, ref: string): Promise<boolean> {
  try {
    const stream = await docker.pull(ref);
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve())),
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * The exercises whose base images doctor provides: those named, else in a learner workspace (a
 * CI job) its own exercise only, else every bundled one.
 */
async function exercisesToPrepare(named: string | undefined): Promise<string> {
  if (named !== undefined) return resolveExerciseDir(named);
  if (await readWorkspaceManifest(process.cwd())) return resolveExerciseDir(process.cwd());
  return bundledExercisesDir();
}

/**
 * `dockgrade doctor [--fix]`: is an engine answering, are the base images there? With --fix,
 * starts an engine (Linux, root, apt) and provides each missing base image: pulled when a
 * registry answers, otherwise built locally as a labelled stand-in from Debian packages.
 */
export async function doctorCommand(options: DoctorOptions): Promise<number> {
  const say = (line: string) => options.write(`${line}\n`);
  const detail = (line: string) => options.quiet || say(line);
  const docker = createDockerClient();
  let version = await probeEngine(docker);
  if (!version && options.fix) {
    if (!canFixEngine()) {
      say(engineUnavailableHelp());
      return 2;
    }
    say("No Docker engine answers: installing/starting one…");
    const outcome = await installAndStartEngine(docker, detail);
    version = outcome.version;
  }
  if (!version) {
    say(engineUnavailableHelp());
    return 2;
  }
  detail(`✔ engine ${engineAddress()}: Docker ${version.version} (API ${version.apiVersion}, ${version.os})`);

  let missing = 0;
  for (const ref of await requiredBaseImages(await exercisesToPrepare(options.exercisesDir))) {
    const present = await docker
      .getImage(ref)
      .inspect()
      .then(
        () => true,
        () => false,
      );
    if (present) {
      detail(`✔ ${ref}${(await isStandIn(docker, ref)) ? " (local stand-in built from Debian packages)" : ""}`);
      continue;
    }
    if (!options.fix) {
      say(
        `✘ ${ref} is missing: run \`docker pull ${ref}\`, or \`dockgrade doctor --fix\` to pull it or build a local stand-in`,
      );
      missing += 1;
      continue;
    }
    if (await tryPull(docker, ref)) {
      detail(`✔ ${ref} pulled`);
    } else if (hasStandInRecipe(ref)) {
      say(`${ref}: no registry answers; building a local stand-in from Debian packages…`);
      if (canFixEngine()) await ensureDebianPackages(STAND_IN_TOOLS, detail);
      const built = await buildStandInImage(docker, ref, detail);
      say(`✔ ${ref} stand-in built (${(built.sizeBytes / 1e6).toFixed(0)} MB, ${built.seconds} s)`);
    } else {
      say(`✘ ${ref} cannot be pulled and has no stand-in recipe`);
      missing += 1;
    }
  }
  return missing > 0 ? 2 : 0;
}
