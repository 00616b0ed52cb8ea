import { appendFile, cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { failureDetectionBudgetMs } from "../graders/container-health.js";
import { OTHER_STATE, type Fact } from "../graders/support/answer-facts.js";
import type { OtherStateKind } from "../src/grading/context.js";
import { splitArgv } from "../src/learner-commands/parse-command-file.js";
import type { CheckKind } from "../graders/index.js";
import type { CheckSpec } from "../src/exercise/exercise-schema.js";
import { docker } from "./docker-cli.js";

/** What a bare check can use: the names the instructor's own commands gave. */
export interface BareTarget {
  submissionDir: string;
  image: string;
  container: string;
  /** Tags the instructor made, removed at the end (a rebuild adds one). */
  createdTags: string[];
  /** Host ports the container's ports were published on. */
  hostPort(port: number): Promise<number>;
  answers?: Record<string, string>;
  /** Containers a step made besides the main one (another state for answers), removed at the end. */
  createdContainers: string[];
  /** The other states answers are checked in, made once per submission, as an instructor would. */
  otherStates: Map<string, Promise<{ container: string; image: string }>>;
}

type BareStep = (check: CheckSpec, target: BareTarget) => Promise<void>;

const HEALTH_POLL_MS = 250;

async function healthStatus(container: string): Promise<string> {
  return (
    await docker([
      "inspect",
      "-f",
      "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.State.Running}}",
      container,
    ])
  ).stdout.trim();
}

/** Polls `docker inspect` the way `until [ "$(docker inspect ...)" = healthy ]; do sleep 0.25; done` would. */
async function waitForHealth(container: string, target: string, timeoutMs: number): Promise<void> {
  const began = Date.now();
  for (;;) {
    const [status, running] = (await healthStatus(container)).split(" ");
    if (status === target || status === "none" || running !== "true" || Date.now() - began > timeoutMs) return;
    await sleep(HEALTH_POLL_MS);
  }
}

const inspectImage: BareStep = async (_check, target) => {
  await docker(["image", "inspect", target.image]);
};

/** The docker CLI call an instructor would type for each check kind: one per check, as the issue sets it. */
export const bareSteps: Record<CheckKind, BareStep> = {
  "dockerfile.base-pinned": async () => {},
  "dockerfile.lint": async () => {},
  "image.tags": async (check) => {
    await docker(["image", "inspect", ...(check.refs as string[])]);
  },
  "image.layers": inspectImage,
  "image.size": inspectImage,
  "image.config": inspectImage,
  "image.history": async (_check, target) => {
    await docker(["history", "--no-trunc", target.image]);
  },
  "image.efficiency": async (_check, target) => {
    await docker(["history", "--no-trunc", target.image]);
  },
  "image.shares-layers": async (check, target) => {
    await docker(["image", "inspect", target.image, check.with as string]);
  },
  "image.file": async (check, target) => {
    await docker(["run", "--rm", "--network", "none", "--entrypoint", "cat", target.image, check.path as string]);
  },
  "build.cache": async (check, target) => {
    const change = check.change as { file: string; append?: string };
    const copy = await mkdtemp(join(tmpdir(), "bench-rebuild-"));
    try {
      await cp(target.submissionDir, copy, { recursive: true, verbatimSymlinks: true });
      await appendFile(join(copy, change.file), change.append ?? "\n# change\n");
      const tag = `${target.image.split(":")[0]}:rebuild`;
      await docker(["build", "-t", tag, copy]);
      target.createdTags.push(tag);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  },
  "image.command": async (check, target) => {
    await docker([
      "run",
      "--rm",
      "--network",
      "none",
      "--entrypoint",
      "",
      target.image,
      ...(check.command as string[]),
    ]);
  },
  "container.exec": async (check, target) => {
    await docker(["exec", target.container, ...(check.command as string[])]);
  },
  "container.http": async (check, target) => {
    const port = await target.hostPort(check.port as number);
    await fetch(`http://127.0.0.1:${port}${check.path as string}`, { signal: AbortSignal.timeout(5000) }).then(
      (answer) => answer.text(),
      () => "",
    );
  },
  "container.health": async (check, target) => {
    await waitForHealth(target.container, "healthy", (check.within as number) * 1000);
    const afterFailure = check.afterFailure as { exec?: string[]; signal?: string; within: number } | undefined;
    if (!afterFailure) return;
    if (afterFailure.signal) await docker(["kill", "--signal", afterFailure.signal, target.container]);
    else await docker(["exec", target.container, ...afterFailure.exec!]);
    const inspect = JSON.parse((await docker(["image", "inspect", target.image])).stdout || "[{}]")[0] as {
      Config?: { Healthcheck?: { Interval?: number; Timeout?: number; Retries?: number } };
    };
    const health = inspect.Config?.Healthcheck;
    const budget = failureDetectionBudgetMs(
      health ? { test: [], intervalNs: health.Interval, timeoutNs: health.Timeout, retries: health.Retries } : null,
    );
    await waitForHealth(target.container, "unhealthy", Math.min(afterFailure.within * 1000, budget));
  },
  "container.status": async (check, target) => {
    await docker(["inspect", target.container]);
    const stable = (check.stableForSeconds as number | undefined) ?? 0;
    if (stable > 0) {
      await sleep(stable * 1000);
      await docker(["inspect", target.container]);
    }
  },
  "container.processes": async (_check, target) => {
    await docker(["top", target.container]);
  },
  "container.diff": async (_check, target) => {
    await docker(["diff", target.container]);
  },
  "container.logs": async (_check, target) => {
    await docker(["logs", "--timestamps", target.container]);
  },
  "answers.command": async (check, target) => {
    // The learner's command, then the truth it is compared with; then the same in another state
    // of the container, named by hand (what dockgrade does to catch a constant answer).
    const answer = target.answers?.[check.question as string];
    if (!answer) return;
    await docker(splitArgv(answer).slice(1));
    await docker(["inspect", target.container]);
    if (check.otherState === false) return;
    const kind = OTHER_STATE[check.fact as Fact];
    const other = await otherState(kind, target);
    if (check.fact === "container.health") await waitForHealth(other.container, "unhealthy", 15_000);
    const retargeted = splitArgv(answer)
      .slice(1)
      .map((word) => (word === target.container ? other.container : word === target.image ? other.image : word));
    await docker(retargeted);
    await docker(["inspect", other.container]);
  },
};

/** `docker create` + `docker commit` (never started, one more layer), or `docker run -d` with a failing probe. */
function otherState(kind: OtherStateKind, target: BareTarget): Promise<{ container: string; image: string }> {
  const made = target.otherStates.get(kind);
  if (made) return made;
  const container = `${target.container}-${kind}`;
  target.createdContainers.push(container);
  const making = (async () => {
    if (kind === "never-started") {
      await docker(["create", "--name", container, "--network", "none", target.image]);
      const image = `${target.image.split(":")[0]}:autre-etat`;
      await docker(["commit", container, image]);
      target.createdTags.push(image);
      return { container, image };
    }
    await docker([
      "run",
      "-d",
      "--name",
      container,
      "--health-cmd",
      "exit 1",
      "--health-interval",
      "1s",
      "--health-retries",
      "1",
      target.image,
    ]);
    return { container, image: target.image };
  })();
  target.otherStates.set(kind, making);
  return making;
}
