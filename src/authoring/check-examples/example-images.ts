import type { HistoryEntry, ImageFacts } from "../../grading/context.js";
import { exampleImage } from "../example-context.js";

/** A fake but well-formed digest, the same for the same seed. */
export function digest(seed: number): string {
  return `sha256:${(seed * 2654435761).toString(16).padStart(8, "0").repeat(8).slice(0, 64)}`;
}

const MB = 1e6;

/** python:3.11-slim as the examples show it: four layers, its own history. */
export const slimBase: ImageFacts = exampleImage({
  id: digest(1),
  sizeBytes: 146 * MB,
  layers: [digest(11), digest(12), digest(13), digest(14)],
  history: [
    { createdBy: 'CMD ["python3"]', sizeBytes: 0, isLayer: false, id: "<missing>" },
    {
      createdBy: "RUN /bin/sh -c set -eux; python3 --version # buildkit",
      sizeBytes: 12 * MB,
      isLayer: true,
      id: "<missing>",
    },
    {
      createdBy: "RUN /bin/sh -c set -eux; apt-get install python3 # buildkit",
      sizeBytes: 38 * MB,
      isLayer: true,
      id: "<missing>",
    },
    { createdBy: "ENV LANG=C.UTF-8", sizeBytes: 0, isLayer: false, id: "<missing>" },
    {
      createdBy: "RUN /bin/sh -c apt-get update && apt-get install -y ca-certificates # buildkit",
      sizeBytes: 17 * MB,
      isLayer: true,
      id: "<missing>",
    },
    {
      createdBy: "/bin/sh -c #(nop) ADD file:debian-bookworm-slim.tar.gz in / ",
      sizeBytes: 79 * MB,
      isLayer: true,
      id: "<missing>",
    },
  ],
  config: { cmd: ["python3"], env: ["PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8"] },
});

export interface AddedStep {
  createdBy: string;
  sizeBytes: number;
}

/** An image built on `base` by `steps` (oldest first); a step of 0 bytes that is not a RUN, COPY or ADD is metadata. */
export function builtOn(base: ImageFacts, steps: AddedStep[], config: Partial<ImageFacts["config"]> = {}): ImageFacts {
  const isLayer = (step: AddedStep) => /^(RUN|COPY|ADD|WORKDIR)\b/.test(step.createdBy);
  const layered = steps.filter(isLayer);
  const history: HistoryEntry[] = steps
    .map((step, index) => ({ ...step, isLayer: isLayer(step), id: digest(100 + index) }))
    .reverse();
  return exampleImage({
    id: digest(2),
    sizeBytes: base.sizeBytes + steps.reduce((sum, step) => sum + step.sizeBytes, 0),
    layers: [...base.layers, ...layered.map((_, index) => digest(200 + index))],
    history: [...history, ...base.history],
    config: { ...base.config, ...config },
  });
}

/** The image the learner built in most examples: user, folder, dependencies and code. */
export const learnerImage = builtOn(
  slimBase,
  [
    { createdBy: "WORKDIR /app", sizeBytes: 0 },
    { createdBy: "COPY requirements.txt . # buildkit", sizeBytes: 120 },
    { createdBy: "RUN /bin/sh -c pip install --no-cache-dir -r requirements.txt # buildkit", sizeBytes: 11.2 * MB },
    { createdBy: "COPY . . # buildkit", sizeBytes: 4800 },
    { createdBy: 'CMD ["python" "app.py"]', sizeBytes: 0 },
  ],
  { workdir: "/app", cmd: ["python", "app.py"] },
);
