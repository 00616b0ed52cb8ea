import { execFile } from "node:child_process";
import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { prepareDockerCommand, type PreparedCommand } from "../learner-commands/docker-command.js";
import { parseCommandFile } from "../learner-commands/parse-command-file.js";
import type { CommandRun } from "../grading/context.js";
import { localized } from "../i18n.js";
import { BuildStepReader, type BuildStep } from "./build-step-reader.js";
import type { CreatedImages } from "./created-images.js";
import type { NameIsolation } from "./name-isolation.js";

export interface CommandEnvironment {
  submissionDir: string;
  isolation: NameIsolation;
  /** Labels of the images a learner's own `docker build` makes. */
  buildLabels: Record<string, string>;
  timeoutMs: number;
  outputLimitBytes: number;
  /** Stops a running command (interruption). */
  signal?: AbortSignal;
  /** True when a `docker build` line asks exactly for what the grader built (same context and Dockerfile). */
  isGraderBuild(context: string, dockerfile: string | undefined): Promise<boolean>;
  /** Images a learner's own `docker build` created, for clean-up. */
  recordCreatedImages(created: CreatedImages): void;
  /** Each step container and image of a learner's own `docker build`, as its output streams (the run journal). */
  onBuildStep?(step: BuildStep): void;
  /** Tags the grader's image with `isolatedRefs`; returns what `docker build` would have printed, or throws the build error. */
  tagGraderBuild(isolatedRefs: string[]): Promise<string>;
  /** `docker tag` through the engine's API (engine-side names): one client process less per line. */
  tagImage(source: string, target: string): Promise<void>;
}

async function insideSubmission(submissionDir: string, path: string): Promise<boolean> {
  if (isAbsolute(path)) return false;
  const root = await realpath(submissionDir);
  const target = await realpath(resolve(submissionDir, path)).catch(() => resolve(root, path));
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Runs the docker client with an argv, never a shell, with a time limit and capped output. */
function runDockerClient(
  argv: string[],
  cwd: string,
  timeoutMs: number,
  outputLimitBytes: number,
  signal?: AbortSignal,
  onOutput?: (text: string) => void,
): Promise<{ exitCode: number; output: string }> {
  return new Promise((done) => {
    const child = execFile(
      "docker",
      argv,
      {
        cwd,
        timeout: timeoutMs,
        killSignal: "SIGKILL",
        maxBuffer: outputLimitBytes,
        signal,
        env: { ...process.env, DOCKER_BUILDKIT: "0", DOCKER_CLI_HINTS: "false" },
      },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (!error) return done({ exitCode: 0, output });
        const failure = error as NodeJS.ErrnoException & { code?: number | string; killed?: boolean };
        if (failure.code === "ENOENT") return done({ exitCode: 127, output: "docker: client not found on PATH" });
        if (failure.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER")
          return done({ exitCode: 1, output: `${output}\n[dockgrade] output truncated` });
        if (failure.killed)
          return done({
            exitCode: 124,
            output: `${output}\n[dockgrade] stopped after ${Math.round(timeoutMs / 1000)} s (time limit)`,
          });
        done({ exitCode: typeof failure.code === "number" ? failure.code : 1, output });
      },
    );
    if (onOutput) child.stdout?.on("data", (chunk: Buffer | string) => onOutput(chunk.toString()));
  });
}

function withLabels(command: PreparedCommand, labels: Record<string, string>): string[] {
  if (command.subcommand !== "build") return command.argv;
  const words = command.argv[0] === "image" ? 2 : 1;
  const labelFlags = Object.entries(labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
  return [...command.argv.slice(0, words), ...labelFlags, ...command.argv.slice(words)];
}

async function runOne(argv: string[], environment: CommandEnvironment): Promise<Omit<CommandRun, "line" | "text">> {
  const prepared = prepareDockerCommand(argv, environment.isolation);
  if (!prepared.ok) return { exitCode: 126, output: "", refused: prepared.reason };
  const command = prepared.command;
  for (const path of command.paths) {
    if (!(await insideSubmission(environment.submissionDir, path))) {
      return {
        exitCode: 126,
        output: "",
        refused: localized(
          `\`${path}\` est en dehors du dossier rendu.`,
          `\`${path}\` is outside the submission folder.`,
        ),
      };
    }
  }
  const build = command.build;
  if (build?.onlyTagsAndFile && (await environment.isGraderBuild(build.context, build.dockerfile))) {
    try {
      const output = await environment.tagGraderBuild(build.tags.map((tag) => environment.isolation.isolate(tag)));
      return { exitCode: 0, output: environment.isolation.restore(output) };
    } catch (error) {
      return { exitCode: 1, output: error instanceof Error ? error.message : String(error) };
    }
  }
  if (command.tag) {
    // What the client would print: nothing, or the engine's refusal.
    return environment.tagImage(command.tag.source, command.tag.target).then(
      () => ({ exitCode: 0, output: "" }),
      (error: { statusCode?: number; json?: { message?: string }; message?: string }) => ({
        exitCode: 1,
        output: environment.isolation.restore(
          `Error response from daemon: ${error.json?.message ?? error.message ?? "tag failed"}\n`,
        ),
      }),
    );
  }
  // A build's steps are read as its output streams, past the output cap: clean-up finds them all.
  const steps = command.subcommand === "build" ? new BuildStepReader(environment.onBuildStep) : undefined;
  const result = await runDockerClient(
    withLabels(command, environment.buildLabels),
    environment.submissionDir,
    environment.timeoutMs,
    environment.outputLimitBytes,
    environment.signal,
    steps && ((text) => steps.chunk(text)),
  );
  if (steps) {
    steps.end();
    environment.recordCreatedImages(steps.created);
  }
  return { exitCode: result.exitCode, output: environment.isolation.restore(result.output) };
}

/** Runs one command the learner wrote (an answer), as the command file's lines are run. */
export async function runLearnerCommandLine(text: string, environment: CommandEnvironment): Promise<CommandRun> {
  const [parsed] = parseCommandFile(text);
  if (!parsed)
    return { line: 1, text, exitCode: 126, output: "", refused: localized("réponse vide.", "empty answer.") };
  if ("refused" in parsed) return { line: 1, text, exitCode: 126, output: "", refused: parsed.refused };
  return { line: 1, text, ...(await runOne(parsed.argv, environment)) };
}

/** Runs a learner's command file line by line, in order, each line on its own. */
export async function runLearnerCommands(text: string, environment: CommandEnvironment): Promise<CommandRun[]> {
  const runs: CommandRun[] = [];
  for (const line of parseCommandFile(text)) {
    if (environment.signal?.aborted) break;
    if ("refused" in line) {
      runs.push({ line: line.line, text: line.text, exitCode: 126, output: "", refused: line.refused });
      continue;
    }
    runs.push({ line: line.line, text: line.text, ...(await runOne(line.argv, environment)) });
  }
  return runs;
}
