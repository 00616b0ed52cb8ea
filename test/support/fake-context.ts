import { parseDockerfile } from "../../src/dockerfile/parse-dockerfile.js";
import {
  CheckSkipped,
  type CommandRun,
  type ContainerState,
  type ExecResult,
  type ContainerContext,
  type OtherStateKind,
  type ImageFacts,
  type ImageFile,
  type LayerFiles,
  type RebuildReport,
  type RunningContainer,
} from "../../src/grading/context.js";
import { localized } from "../../src/i18n.js";

export interface FakeParts {
  dockerfile?: string;
  image?: ImageFacts;
  base?: ImageFacts;
  /** By the learner's names (findImage) and by any reference (lookupImage). */
  images?: Record<string, ImageFacts>;
  commandRuns?: CommandRun[];
  /** Only the methods a test needs; the others throw. */
  container?: Partial<RunningContainer>;
  files?: Record<string, ImageFile>;
  layerFiles?: LayerFiles[];
  rebuild?: RebuildReport;
  submissionFiles?: Record<string, string>;
  /** What a command run in a new container of the image gives, by its argv joined with spaces. */
  oneOffCommands?: Record<string, ExecResult>;
  /** Filled with each command run in a new container of the image, with its options. */
  oneOffRuns?: { argv: string[]; user?: string; env?: Record<string, string> }[];
  /** What each learner command prints, by its text. */
  learnerCommands?: Record<string, { exitCode: number; output: string }>;
  /** The submission's container in other states: what the engine says there, what commands print there. */
  otherStates?: Partial<
    Record<
      OtherStateKind,
      {
        container?: Partial<RunningContainer>;
        image?: ImageFacts;
        learnerCommands?: Record<string, { exitCode: number; output: string }>;
      }
    >
  >;
}

/** A container state for fakes: running unless told otherwise. */
export function containerState(overrides: Partial<ContainerState> = {}): ContainerState {
  return {
    status: "running",
    running: true,
    exitCode: 0,
    health: "none",
    ipAddress: "172.17.0.2",
    startedAt: "2026-01-01T00:00:00Z",
    restartCount: 0,
    oomKilled: false,
    ...overrides,
  };
}

/** Plain-data context for grader unit tests; the real one is tested against an engine. */
export function fakeContext(parts: FakeParts = {}): ContainerContext {
  const missing = (): never => {
    throw new CheckSkipped(localized("absent", "missing"));
  };
  const unexpected = (name: string) => () => {
    throw new Error(`fake container: ${name} not provided`);
  };
  const container: RunningContainer = {
    exec: unexpected("exec"),
    signal: unexpected("signal"),
    sinceStartMs: () => 0,
    waitForHealth: unexpected("waitForHealth"),
    state: unexpected("state"),
    processes: unexpected("processes"),
    changes: unexpected("changes"),
    logs: unexpected("logs"),
    httpGet: unexpected("httpGet"),
    ...parts.container,
  };
  return {
    submissionDir: "/tmp/submission",
    dockerfile: () => (parts.dockerfile === undefined ? missing() : parseDockerfile("Dockerfile", parts.dockerfile)),
    image: async () => parts.image ?? missing(),
    baseImage: async () => parts.base,
    findImage: async (ref) => parts.images?.[ref],
    lookupImage: async (ref) => parts.images?.[ref],
    commandRuns: async () => parts.commandRuns ?? [],
    container: async () => (parts.container ? container : missing()),
    imageFile: async (path) => parts.files?.[path],
    imageLayerFiles: async () => parts.layerFiles ?? missing(),
    rebuildAfterChange: async () => parts.rebuild ?? missing(),
    runInNewContainer: async (argv, options) => {
      parts.oneOffRuns?.push({ argv, ...options });
      return (
        parts.oneOffCommands?.[argv.join(" ")] ?? { exitCode: 127, stdout: "", stderr: "not faked", timedOut: false }
      );
    },
    readSubmissionFile: async (path) => parts.submissionFiles?.[path],
    runLearnerCommand: async (text) => ({
      line: 1,
      text,
      ...(parts.learnerCommands?.[text] ?? { exitCode: 127, output: "not faked" }),
    }),
    otherState: async (kind) => {
      const state = parts.otherStates?.[kind];
      if (!state) throw new Error(`fake context: other state ${kind} not provided`);
      return {
        container: { ...container, ...state.container },
        image: async () => state.image ?? parts.image ?? missing(),
        runLearnerCommand: async (text) => ({
          line: 1,
          text,
          ...(state.learnerCommands?.[text] ?? { exitCode: 127, output: "not faked" }),
        }),
      };
    },
  };
}

export function imageFacts(partial: Partial<ImageFacts> & { id: string }): ImageFacts {
  return {
    sizeBytes: 0,
    layers: [],
    history: [],
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
    },
    ...partial,
  };
}
