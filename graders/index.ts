import type { GraderDefinition, Requirement } from "../src/grading/grader.js";
import answersCommand from "./answers-command.js";
import buildCache from "./build-cache.js";
import containerDiff from "./container-diff.js";
import containerExec from "./container-exec.js";
import containerHealth from "./container-health.js";
import containerHttp from "./container-http.js";
import containerLogs from "./container-logs.js";
import containerProcesses from "./container-processes.js";
import containerStatus from "./container-status.js";
import dockerfileBasePinned from "./dockerfile-base-pinned.js";
import dockerfileLint from "./dockerfile-lint.js";
import imageCommand from "./image-command.js";
import imageConfig from "./image-config.js";
import imageEfficiency from "./image-efficiency.js";
import imageFile from "./image-file.js";
import imageHistory from "./image-history.js";
import imageLayers from "./image-layers.js";
import imageSharesLayers from "./image-shares-layers.js";
import imageSize from "./image-size.js";
import imageTags from "./image-tags.js";

/** Every check kind. A new kind is one file in this folder plus one line here. */
export const graders = [
  dockerfileBasePinned,
  dockerfileLint,
  imageTags,
  imageLayers,
  imageSize,
  imageHistory,
  imageEfficiency,
  imageSharesLayers,
  imageConfig,
  imageFile,
  imageCommand,
  buildCache,
  containerStatus,
  containerHealth,
  containerProcesses,
  containerDiff,
  containerLogs,
  containerExec,
  containerHttp,
  answersCommand,
] as const;

/** The name of a check kind, e.g. `image.tags`: a table keyed by it must list every kind. */
export type CheckKind = (typeof graders)[number]["kind"];

/** A registered grader, seen without its own option types (the spec validated them). */
export type AnyGrader = GraderDefinition<CheckKind, Requirement, any>;

const byKind = new Map<string, AnyGrader>(graders.map((grader) => [grader.kind, grader as AnyGrader]));

export const checkKinds = graders.map((grader) => grader.kind) as CheckKind[];

export function isCheckKind(kind: string): kind is CheckKind {
  return byKind.has(kind);
}

export function graderFor(kind: CheckKind): AnyGrader {
  return byKind.get(kind)!;
}
