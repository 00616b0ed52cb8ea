import { describe, expect, it } from "vitest";
import { summarizeLayers } from "../../src/grading/layer-steps.js";
import { imageFacts } from "../support/fake-context.js";

describe("summarizeLayers", () => {
  it("pairs each layer with the step that made it and marks the base's", () => {
    const base = imageFacts({
      id: "base",
      layers: ["l0"],
      history: [{ createdBy: "", sizeBytes: 146e6, isLayer: true }],
    });
    const image = imageFacts({
      id: "img",
      layers: ["l0", "l1", "l2"],
      history: [
        { createdBy: '/bin/sh -c #(nop)  CMD ["python"]', sizeBytes: 0, isLayer: false },
        { createdBy: "/bin/sh -c #(nop) COPY file:abc in /app", sizeBytes: 147, isLayer: true },
        { createdBy: "/bin/sh -c #(nop) WORKDIR /app", sizeBytes: 0, isLayer: false },
        ...base.history,
      ],
    });
    expect(summarizeLayers(image, base)).toEqual([
      { instruction: "", sizeBytes: 146e6, fromBase: true },
      { instruction: "WORKDIR /app", sizeBytes: 0, fromBase: false },
      { instruction: "COPY file:abc in /app", sizeBytes: 147, fromBase: false },
    ]);
  });
});
