import type { GraderDefinition } from "../src/grading/grader.js";
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
  buildCache,
  containerStatus,
  containerHealth,
  containerProcesses,
  containerDiff,
  containerLogs,
  containerExec,
  containerHttp,
  answersCommand,
] as const satisfies readonly GraderDefinition<any>[];

const byKind = new Map<string, GraderDefinition<any>>(graders.map((grader) => [grader.kind, grader]));

export function graderFor(kind: string): GraderDefinition<any> | undefined {
  return byKind.get(kind);
}
