import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SubmissionResult } from "../src/grading/result.js";
import { LABEL_RUN, newId } from "../src/runtime/labels.js";
import { packageRoot } from "../src/package-root.js";
import { docker } from "./docker-cli.js";

export interface CliRun {
  wallMs: number;
  /** From spawning `dockgrade grade` to its first check verdict on stderr. */
  firstFeedbackMs?: number;
  results: SubmissionResult[];
  /** Containers the engine started with this run's label, counted from the engine's own events. */
  containerStartEvents: number;
  exitCode: number;
}

const VERDICT_LINE = /^\s+[✔✘–!] /m;

/** Runs the real CLI, as a user would (`dockgrade grade <exercise> <submissions...>`), with no reuse of earlier results. */
export async function gradeWithCli(
  exerciseDir: string,
  submissions: string[],
  extraArgs: string[] = [],
): Promise<CliRun> {
  const out = await mkdtemp(join(tmpdir(), "bench-dockgrade-"));
  const runId = `bench-${newId()}`;
  const since = Math.floor(Date.now() / 1000) - 1;
  const json = join(out, "results.json");
  const began = performance.now();
  let firstFeedbackMs: number | undefined;
  try {
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          join(packageRoot(), "dist/src/cli/main.js"),
          "grade",
          exerciseDir,
          ...submissions,
          "--format",
          `json=${json}`,
          "--lang",
          "en",
          ...extraArgs,
        ],
        {
          env: { ...process.env, DOCKGRADE_RESULT_CACHE: "off", DOCKGRADE_RUN_ID: runId },
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
        if (firstFeedbackMs === undefined && VERDICT_LINE.test(stderr)) firstFeedbackMs = performance.now() - began;
      });
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 || code === 1
          ? resolve(code)
          : reject(new Error(`dockgrade exited ${code}: ${stderr.slice(-2000)}`)),
      );
    });
    const wallMs = performance.now() - began;
    const { results } = JSON.parse(await readFile(json, "utf8")) as { results: SubmissionResult[] };
    const until = Math.ceil(Date.now() / 1000) + 1;
    const events = await docker([
      "events",
      "--since",
      String(since),
      "--until",
      String(until),
      "--filter",
      "type=container",
      "--filter",
      "event=start",
      "--filter",
      `label=${LABEL_RUN}=${runId}`,
      "--format",
      "{{.ID}}",
    ]);
    const containerStartEvents = events.stdout.split("\n").filter(Boolean).length;
    return { wallMs, firstFeedbackMs, results, containerStartEvents, exitCode };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
