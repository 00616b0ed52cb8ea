import { parseDockerfile } from "../dockerfile/parse-dockerfile.js";
import {
  CheckSkipped,
  type CommandRun,
  type ContainerContext,
  type ContainerState,
  type ExecResult,
  type FilesystemChange,
  type HealthObservation,
  type HttpAnswer,
  type ImageConfig,
  type ImageFacts,
  type ImageFile,
  type LayerFiles,
  type LogLine,
  type OtherStateKind,
  type ProcessTable,
  type RebuildReport,
  type RunningContainer,
} from "../grading/context.js";
import { localized } from "../i18n.js";

type LearnerOutput = { exitCode: number; output: string };

/** What the example's container shows: plain data, read by the context's methods. */
export interface ExampleContainer {
  state?: Partial<ContainerState>;
  /** What a command run in it gives, by its argv joined with spaces. */
  exec?: Record<string, ExecResult>;
  /** What a wait for each health status observes. */
  health?: Partial<Record<"healthy" | "unhealthy", Partial<HealthObservation>>>;
  processes?: ProcessTable;
  changes?: FilesystemChange[];
  logs?: LogLine[];
  /** The answer to a GET, by path. */
  http?: Record<string, HttpAnswer>;
}

/**
 * A submission as plain data: what a check would read of it on the engine. The check reference
 * runs each grader on one of these to show a real failure message.
 */
export interface ExampleSituation {
  /** The Dockerfile's text; a minimal one when absent. */
  dockerfile?: string;
  image?: ImageFacts;
  base?: ImageFacts;
  /** Images by the learner's names (findImage) and by any reference (lookupImage). */
  images?: Record<string, ImageFacts>;
  commandRuns?: CommandRun[];
  files?: Record<string, ImageFile>;
  layerFiles?: LayerFiles[];
  rebuild?: RebuildReport;
  submissionFiles?: Record<string, string>;
  /** What a command run in a new container of the image gives, by its argv joined with spaces. */
  oneOffCommands?: Record<string, ExecResult>;
  /** What each learner command prints, by its text. */
  learnerCommands?: Record<string, LearnerOutput>;
  container?: ExampleContainer;
  otherStates?: Partial<
    Record<OtherStateKind, { container?: ExampleContainer; learnerCommands?: Record<string, LearnerOutput> }>
  >;
}

const DEFAULT_DOCKERFILE = 'FROM python:3.11-slim\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n';

/** An image's facts with an empty configuration, for examples. */
export function exampleImage(
  facts: Partial<Omit<ImageFacts, "config">> & { config?: Partial<ImageConfig> },
): ImageFacts {
  return {
    id: "sha256:0f3c5a1d9e2b7c4a8f6e1d3b5a7c9e0f2d4b6a8c1e3f5a7b9d0c2e4f6a8b0c1d",
    sizeBytes: 0,
    layers: [],
    history: [],
    ...facts,
    config: {
      env: [],
      labels: {},
      exposedPorts: [],
      user: "",
      workdir: "",
      cmd: null,
      entrypoint: null,
      volumes: [],
      healthcheck: null,
      ...facts.config,
    },
  };
}

function runningContainer(data: ExampleContainer): RunningContainer {
  const state: ContainerState = {
    status: "running",
    running: true,
    exitCode: 0,
    health: "none",
    ipAddress: "172.17.0.2",
    startedAt: "2026-01-05T09:00:00.000000000Z",
    restartCount: 0,
    oomKilled: false,
    ...data.state,
  };
  const notShown = (what: string) => new Error(`example context: the example shows no ${what}`);
  return {
    exec: async (argv) => {
      const result = data.exec?.[argv.join(" ")];
      if (!result) throw notShown(`\`${argv.join(" ")}\``);
      return result;
    },
    signal: async () => {},
    sinceStartMs: () => 4000,
    waitForHealth: async (target, timeoutMs) => ({
      reached: false,
      status: state.health,
      running: state.running,
      probeOutputs: [],
      probes: [],
      waitedMs: timeoutMs,
      ...data.health?.[target],
    }),
    state: async () => state,
    processes: async () =>
      data.processes ?? { titles: ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], processes: [] },
    changes: async () => data.changes ?? [],
    logs: async () => data.logs ?? [],
    httpGet: async (_port, path) => data.http?.[path] ?? { error: "connect ECONNREFUSED" },
  };
}

const learnerRun = (outputs: Record<string, LearnerOutput> | undefined, text: string): CommandRun => ({
  line: 1,
  text,
  ...(outputs?.[text] ?? { exitCode: 1, output: "Error: No such object" }),
});

/** A context that reads the situation: everything a check of any kind may ask for. */
export function exampleContext(situation: ExampleSituation): ContainerContext {
  const missing = (): never => {
    throw new CheckSkipped(localized("absent de l'exemple", "missing from the example"));
  };
  const container = situation.container ? runningContainer(situation.container) : undefined;
  return {
    submissionDir: "/home/learner/submission",
    dockerfile: () => parseDockerfile("Dockerfile", situation.dockerfile ?? DEFAULT_DOCKERFILE),
    image: async () => situation.image ?? missing(),
    baseImage: async () => situation.base,
    findImage: async (ref) => situation.images?.[ref],
    lookupImage: async (ref) => situation.images?.[ref],
    commandRuns: async () => situation.commandRuns,
    imageFile: async (path) => situation.files?.[path],
    imageLayerFiles: async () => situation.layerFiles ?? missing(),
    rebuildAfterChange: async () => situation.rebuild ?? missing(),
    runInNewContainer: async (argv) =>
      situation.oneOffCommands?.[argv.join(" ")] ?? { exitCode: 127, stdout: "", stderr: "not found", timedOut: false },
    readSubmissionFile: async (path) => situation.submissionFiles?.[path],
    container: async () => container ?? missing(),
    runLearnerCommand: async (text) => learnerRun(situation.learnerCommands, text),
    otherState: async (kind) => {
      const state = situation.otherStates?.[kind];
      if (!state) throw new Error(`example context: the example shows no ${kind} state`);
      return {
        container: runningContainer(state.container ?? {}),
        image: async () => situation.image ?? missing(),
        runLearnerCommand: async (text) => learnerRun(state.learnerCommands, text),
      };
    },
  };
}
