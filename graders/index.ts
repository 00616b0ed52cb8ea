import type { GraderDefinition } from "../src/grading/grader.js";
import containerHealth from "./container-health.js";
import dockerfileBasePinned from "./dockerfile-base-pinned.js";
import imageLayers from "./image-layers.js";
import imageTags from "./image-tags.js";

/** Every check kind. A new kind is one file in this folder plus one line here. */
export const graders = [
  dockerfileBasePinned,
  imageTags,
  imageLayers,
  containerHealth,
] as const satisfies readonly GraderDefinition<any>[];

const byKind = new Map<string, GraderDefinition<any>>(graders.map((grader) => [grader.kind, grader]));

export function graderFor(kind: string): GraderDefinition<any> | undefined {
  return byKind.get(kind);
}
