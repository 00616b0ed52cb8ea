import { parseDockerfile } from "../../src/dockerfile/parse-dockerfile.js";
import { CheckSkipped, type GradingContext, type ImageFacts } from "../../src/grading/context.js";
import { localized } from "../../src/i18n.js";

/** Plain-data context for grader unit tests; the real one is tested against an engine. */
export function fakeContext(parts: { dockerfile?: string; image?: ImageFacts; base?: ImageFacts; images?: Record<string, ImageFacts> } = {}): GradingContext {
  const missing = () => {
    throw new CheckSkipped(localized("absent", "missing"));
  };
  return {
    submissionDir: "/tmp/submission",
    dockerfile: () => (parts.dockerfile === undefined ? missing() : parseDockerfile("Dockerfile", parts.dockerfile)),
    image: async () => parts.image ?? missing(),
    baseImage: async () => parts.base,
    findImage: async (ref) => parts.images?.[ref],
    commandRuns: async () => [],
    container: async () => missing(),
  };
}

export function imageFacts(partial: Partial<ImageFacts> & { id: string }): ImageFacts {
  return {
    sizeBytes: 0,
    layers: [],
    history: [],
    config: { env: [], labels: {}, exposedPorts: [], user: "", workdir: "", cmd: null, entrypoint: null, volumes: [], healthcheck: null },
    ...partial,
  };
}
