import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { parseCommandFile } from "../src/learner-commands/parse-command-file.js";
import type { LoadedExercise } from "../src/exercise/load-exercise.js";
import { bareSteps, type BareTarget } from "./bare-steps.js";
import { docker } from "./docker-cli.js";

export interface PhaseTimes {
  buildMs: number;
  startMs: number;
  /** Waiting for health (container.health checks); also counted in checksMs. */
  healthMs: number;
  checksMs: number;
  cleanupMs: number;
}

export interface BareRun {
  totalMs: number;
  phases: PhaseTimes;
  builds: number;
  containersStarted: number;
}

const needsContainer = (kind: string) => kind.startsWith("container.") || kind === "answers.command";

/** The learner's command lines other than `docker build` (the bare build stands for those), as argv. */
async function commandLines(
  exercise: LoadedExercise,
  submissionDir: string,
): Promise<{ tags: string[]; others: string[][]; madeTags: string[] }> {
  const file = exercise.spec.commands?.file;
  const text = file ? await readFile(join(submissionDir, file), "utf8").catch(() => "") : "";
  const tags: string[] = [];
  const others: string[][] = [];
  const madeTags: string[] = [];
  for (const line of parseCommandFile(text)) {
    if (!("argv" in line) || line.argv[0] !== "docker") continue;
    if (line.argv[1] === "build") {
      line.argv.forEach((word, index) => (word === "-t" || word === "--tag") && tags.push(line.argv[index + 1]!));
    } else {
      others.push(line.argv.slice(1));
      if (line.argv[1] === "tag" && line.argv[3]) madeTags.push(line.argv[3]);
    }
  }
  return { tags, others, madeTags };
}

async function answersOf(exercise: LoadedExercise, submissionDir: string): Promise<Record<string, string> | undefined> {
  const file = exercise.spec.checks.find((check) => check.kind === "answers.command")?.file as string | undefined;
  if (!file) return undefined;
  const raw = await readFile(join(submissionDir, file), "utf8").catch(() => "");
  try {
    return (parse(raw) ?? {}) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Every name the bare grading of these submissions gives an image, to start from an engine without them. */
export async function bareImageNames(submissions: { exercise: LoadedExercise; dir: string }[]): Promise<string[]> {
  const names = new Set<string>();
  for (const { exercise, dir } of submissions) {
    if (exercise.spec.build.tag) names.add(exercise.spec.build.tag);
    const commands = await commandLines(exercise, dir);
    [...commands.tags, ...commands.madeTags].forEach((name) => names.add(name));
  }
  return [...names];
}

/**
 * What an instructor types by hand for one submission: `docker build`, the learner's tag
 * commands, `docker run -d`, one `docker inspect`/`exec` per check (polling health), then
 * `docker rm -f` and `docker rmi`. Sequential, as typed.
 */
export async function gradeBare(exercise: LoadedExercise, submissionDir: string, index: number): Promise<BareRun> {
  const { spec } = exercise;
  const dir = resolve(submissionDir);
  const phases: PhaseTimes = { buildMs: 0, startMs: 0, healthMs: 0, checksMs: 0, cleanupMs: 0 };
  const began = Date.now();
  const image = spec.build.tag ?? `bench-bare-${index}:latest`;
  const container = spec.run.name ?? `bench-bare-${index}`;
  const commands = await commandLines(exercise, dir);
  const target: BareTarget = {
    submissionDir: dir,
    image,
    container,
    createdTags: [image, ...commands.tags, ...commands.madeTags],
    answers: await answersOf(exercise, dir),
    createdContainers: [],
    otherStates: new Map(),
    async hostPort(port) {
      const mapped = (await docker(["port", container, String(port)])).stdout.split("\n")[0] ?? "";
      return Number(mapped.split(":").pop());
    },
  };
  let builds = 0;
  let containersStarted = 0;
  try {
    let at = Date.now();
    const built = await docker([
      "build",
      "-t",
      image,
      "-f",
      join(dir, spec.build.dockerfile),
      join(dir, spec.build.context),
    ]);
    builds += 1;
    phases.buildMs += Date.now() - at;
    for (const tag of commands.tags) await docker(["tag", image, tag]);
    for (const argv of commands.others) await docker(argv);
    if (built.code === 0 && spec.checks.some((check) => needsContainer(check.kind))) {
      at = Date.now();
      const ports = spec.run.ports.flatMap((port) => ["-p", String(port)]);
      const env = Object.entries(spec.run.env).flatMap(([name, value]) => ["-e", `${name}=${value}`]);
      await docker(["run", "-d", "--name", container, ...ports, ...env, image]);
      containersStarted += 1;
      phases.startMs += Date.now() - at;
    }
    for (const check of spec.checks) {
      if (built.code !== 0 && check.kind.split(".")[0] !== "dockerfile") continue;
      at = Date.now();
      await bareSteps[check.kind]!(check, target);
      if (check.kind === "build.cache") builds += 1;
      const took = Date.now() - at;
      phases.checksMs += took;
      if (check.kind === "container.health") phases.healthMs += took;
    }
  } finally {
    const at = Date.now();
    await docker(["rm", "-f", container, ...target.createdContainers]);
    await docker(["rmi", ...new Set(target.createdTags)]);
    phases.cleanupMs = Date.now() - at;
  }
  return { totalMs: Date.now() - began, phases, builds, containersStarted };
}
