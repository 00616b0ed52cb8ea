import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, delimiter, join, resolve } from "node:path";
import { parse } from "yaml";
import { condition, substitute, type ExpressionContext } from "./actions-expressions.js";

/**
 * Runs one job of a GitHub Actions workflow on this machine, the way a runner would: each step's
 * `run:` in order with `bash -e` (GitHub's default shell), GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH
 * and GITHUB_STEP_SUMMARY as files, `if:` conditions and `${{ }}` evaluated; the `uses:` steps the
 * templates name are emulated (checkout: the workspace is the working folder; setup-node: this
 * node), and any other action throws.
 */
export interface Step {
  name?: string;
  id?: string;
  if?: string | boolean;
  run?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string | number | boolean>;
}

export interface Job {
  "runs-on": string;
  if?: string;
  needs?: string | string[];
  strategy?: { matrix?: Record<string, (string | number)[]> };
  env?: Record<string, string | number>;
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: unknown;
  permissions?: Record<string, string>;
  env?: Record<string, string | number>;
  jobs: Record<string, Job>;
}

export interface StepRun {
  name: string;
  status: "success" | "failure" | "skipped";
  /** What the step printed (stdout and stderr). */
  log: string;
  durationMs: number;
}

export interface JobRun {
  /** False when the job's own `if:` skipped it. */
  ran: boolean;
  succeeded: boolean;
  steps: StepRun[];
  /** Outputs of the steps that have an id. */
  outputs: Record<string, Record<string, string>>;
  /** What the steps appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** Notices the emulated actions made (the Classroom reporter's `Points X/Y`). */
  notices: string[];
}

export interface JobOptions {
  /** The checked-out repository: the steps' working folder. */
  workspace: string;
  /** The runner's environment (default: this process's), to which each step's variables are added. */
  env?: NodeJS.ProcessEnv;
  /** `github.actor`: who pushed. */
  actor?: string;
  /** One combination of the job's matrix, and the matrix's size. */
  matrix?: Record<string, string | number>;
  jobTotal?: number;
  /** Where upload-artifact puts artifacts and download-artifact finds them (one folder per run). */
  artifacts?: string;
}

export async function readWorkflow(file: string): Promise<Workflow> {
  return parse(await readFile(file, "utf8")) as Workflow;
}

/** `name=value` lines and `name<<DELIMITER` blocks, as GitHub reads GITHUB_OUTPUT and GITHUB_ENV. */
export function parseKeyValueFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const block = /^([^=<\s]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, index + 1);
      if (end < 0) throw new Error(`unterminated ${block[1]}<<${block[2]}`);
      values[block[1]!] = lines.slice(index + 1, end).join("\n");
      index = end;
    } else if (line.includes("=")) {
      const at = line.indexOf("=");
      values[line.slice(0, at)] = line.slice(at + 1);
    } else if (line.trim()) throw new Error(`not name=value: ${line}`);
  }
  return values;
}

function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; log: string }> {
  return new Promise((done) => {
    const child = spawn("bash", ["-e", "-c", script], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.on("close", (code) => done({ code: code ?? 1, log }));
  });
}

const asStrings = (values: Record<string, unknown> | undefined, context: ExpressionContext) =>
  Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, substitute(String(value), context)]));

/** Files named by an upload-artifact `path:` (one per line; exact names, relative to the workspace). */
async function existingPaths(paths: string, workspace: string): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths.split("\n").map((line) => line.trim())) {
    if (path && (await stat(resolve(workspace, path)).catch(() => undefined))) found.push(path);
  }
  return found;
}

type Emulation = (
  inputs: Record<string, string>,
  env: Record<string, string>,
  job: { options: JobOptions; notices: string[] },
) => Promise<string | undefined>;

/** The actions the templates use: each returns an error message when the real action would fail. */
const ACTIONS: Record<string, Emulation> = {
  "actions/checkout": async () => undefined,
  "actions/setup-node": async () => undefined,
  "mikepenz/action-junit-report": async (inputs, _env, { options }) =>
    (await existingPaths(inputs.report_paths ?? "", options.workspace)).length > 0
      ? undefined
      : `no JUnit report at ${inputs.report_paths}`,
  // classroom-resources/autograding-grading-reporter@v1 (src/main.js, src/notify-classroom.js).
  "classroom-resources/autograding-grading-reporter": async (inputs, env, { notices }) => {
    const runners = (inputs.runners ?? "").split(",").map((runner) => runner.trim());
    if (!runners.every((runner) => /^[a-zA-Z0-9]+$/.test(runner))) return `runners: ${inputs.runners}`;
    type Result = { status: string; max_score?: number; tests: { score: number }[] };
    const results: Result[] = [];
    for (const runner of runners) {
      const encoded = env[`${runner.toUpperCase()}_RESULTS`];
      if (!encoded) return `${runner.toUpperCase()}_RESULTS is empty`;
      try {
        results.push(JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as Result);
      } catch (error) {
        return `${runner.toUpperCase()}_RESULTS: ${(error as Error).message}`;
      }
    }
    let total = 0;
    let max = 0;
    for (const result of results.filter((result) => result.max_score)) {
      max += result.max_score!;
      for (const test of result.tests) total += test.score;
    }
    if (max) notices.push(`Points ${total}/${max}`);
    if (results.some((result) => result.status === "fail")) return "Some tests failed.";
    if (results.some((result) => result.status === "error")) return "Some tests errored.";
    return undefined;
  },
  "actions/upload-artifact": async (inputs, _env, { options }) => {
    const files = await existingPaths(inputs.path ?? "", options.workspace);
    if (!options.artifacts) throw new Error("upload-artifact: no artifacts folder given to the harness");
    const target = join(options.artifacts, inputs.name ?? "artifact");
    if (files.length === 0) return `upload-artifact: no files at ${inputs.path}`;
    for (const file of files) await cp(resolve(options.workspace, file), join(target, basename(file)));
    return undefined;
  },
  "actions/download-artifact": async (inputs, _env, { options }) => {
    if (!options.artifacts) throw new Error("download-artifact: no artifacts folder given to the harness");
    const pattern = new RegExp(
      `^${(inputs.pattern ?? "*").replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`,
    );
    const target = resolve(options.workspace, inputs.path ?? ".");
    const names = (await readdir(options.artifacts)).filter((name) => pattern.test(name)).sort();
    if (names.length === 0) return `download-artifact: no artifact matches ${inputs.pattern}`;
    for (const name of names)
      await cp(join(options.artifacts, name), inputs["merge-multiple"] === "true" ? target : join(target, name), {
        recursive: true,
      });
    return undefined;
  },
};

/** Runs `jobId` of `workflow` as one runner would. */
export async function runGithubJob(workflow: Workflow, jobId: string, options: JobOptions): Promise<JobRun> {
  const job = workflow.jobs[jobId];
  if (!job) throw new Error(`no job ${jobId}`);
  const run: JobRun = { ran: false, succeeded: true, steps: [], outputs: {}, summary: "", notices: [] };
  const steps: Record<string, { outputs: Record<string, string>; outcome: string }> = {};
  const context = (): ExpressionContext => ({
    contexts: {
      github: { actor: options.actor ?? "learner", workspace: options.workspace, event_name: "push" },
      matrix: options.matrix ?? {},
      strategy: { "job-total": options.jobTotal ?? 1 },
      steps,
      env: { ...workflow.env, ...job.env },
    },
    jobSucceeded: run.succeeded,
  });
  if (job.if !== undefined && !condition(job.if, context())) return run;
  run.ran = true;
  const temp = await mkdtemp(join(tmpdir(), "dockgrade-runner-"));
  const paths: string[] = [];
  let exported: Record<string, string> = {};
  try {
    for (const [index, step] of job.steps.entries()) {
      const name = step.name ? substitute(step.name, context()) : (step.run ?? step.uses ?? `step ${index}`);
      if (!condition(step.if, context())) {
        run.steps.push({ name, status: "skipped", log: "", durationMs: 0 });
        if (step.id) steps[step.id] = { outputs: {}, outcome: "skipped" };
        continue;
      }
      const files = Object.fromEntries(
        ["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY"].map((key) => [
          key,
          join(temp, `${index}-${key}`),
        ]),
      );
      for (const file of Object.values(files)) await writeFile(file, "");
      const stepEnv = asStrings(step.env, context());
      const env: NodeJS.ProcessEnv = {
        ...(options.env ?? process.env),
        ...asStrings(workflow.env, context()),
        ...asStrings(job.env, context()),
        ...exported,
        ...stepEnv,
        ...files,
        CI: "true",
        GITHUB_ACTIONS: "true",
        GITHUB_ACTOR: options.actor ?? "learner",
        GITHUB_WORKSPACE: options.workspace,
        RUNNER_TEMP: temp,
        PATH: [...paths, options.env?.PATH ?? process.env.PATH].join(delimiter),
      };
      let error: string | undefined;
      let log = "";
      const started = Date.now();
      if (step.run !== undefined) {
        const outcome = await runBash(substitute(step.run, context()), options.workspace, env);
        log = outcome.log;
        if (outcome.code !== 0) error = `exit code ${outcome.code}`;
      } else if (step.uses) {
        const emulation = ACTIONS[step.uses.split("@")[0]!];
        if (!emulation) throw new Error(`the harness does not emulate ${step.uses}`);
        error = await emulation(
          asStrings(step.with, context()),
          { ...(env as Record<string, string>) },
          {
            options,
            notices: run.notices,
          },
        );
      }
      const outputs = parseKeyValueFile(await readFile(files.GITHUB_OUTPUT!, "utf8"));
      exported = { ...exported, ...parseKeyValueFile(await readFile(files.GITHUB_ENV!, "utf8")) };
      paths.unshift(...(await readFile(files.GITHUB_PATH!, "utf8")).split("\n").filter(Boolean).reverse());
      run.summary += await readFile(files.GITHUB_STEP_SUMMARY!, "utf8");
      if (step.id) steps[step.id] = { outputs, outcome: error ? "failure" : "success" };
      if (step.id) run.outputs[step.id] = outputs;
      run.steps.push({
        name,
        status: error ? "failure" : "success",
        log: error ? `${log}\n${error}` : log,
        durationMs: Date.now() - started,
      });
      if (error) run.succeeded = false;
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  return run;
}

/** The combinations of a job's matrix (one key, as the templates use), in order. */
export function matrixOf(job: Job): Record<string, string | number>[] {
  const entries = Object.entries(job.strategy?.matrix ?? {});
  if (entries.length === 0) return [{}];
  if (entries.length > 1) throw new Error("the harness expands one matrix key only");
  const [key, values] = entries[0]!;
  return values.map((value) => ({ [key]: value }));
}

/** A fresh folder holding a copy of `repository`, as actions/checkout would give each job. */
export async function checkout(repository: string, into: string): Promise<string> {
  await mkdir(into, { recursive: true });
  await cp(repository, into, { recursive: true, filter: (source) => basename(source) !== "node_modules" });
  return into;
}
