import { describe, expect, it } from "vitest";
import grader, { addedLayerSteps, countAddedLayers } from "../../../graders/image-layers.js";
import { fakeContext, imageFacts } from "../../support/fake-context.js";

const base = imageFacts({
  id: "base",
  layers: ["l0"],
  history: [{ createdBy: "Imported from -", sizeBytes: 146e6, isLayer: true }],
});
const image = imageFacts({
  id: "img",
  layers: ["l0", "l1", "l2", "l3"],
  history: [
    { createdBy: '/bin/sh -c #(nop)  CMD ["python" "app.py"]', sizeBytes: 0, isLayer: false },
    { createdBy: "/bin/sh -c #(nop) COPY file:abc in /app", sizeBytes: 147, isLayer: true },
    { createdBy: "/bin/sh -c pip install flask", sizeBytes: 12e6, isLayer: true },
    { createdBy: "/bin/sh -c #(nop) WORKDIR /app", sizeBytes: 0, isLayer: false },
    ...base.history,
  ],
});

describe("image.layers", () => {
  it("counts layers added over the base and lists them oldest first with their instruction", () => {
    expect(countAddedLayers(image, base)).toBe(3);
    expect(addedLayerSteps(image, base, 3).map((step) => step.createdBy)).toEqual([
      "/bin/sh -c #(nop) WORKDIR /app",
      "/bin/sh -c pip install flask",
      "/bin/sh -c #(nop) COPY file:abc in /app",
    ]);
  });

  it("passes within bounds and fails above max with the listing", async () => {
    expect((await grader.run({ max: 3 }, fakeContext({ dockerfile: "FROM x:1", image, base }))).status).toBe("pass");
    const outcome = await grader.run({ max: 2 }, fakeContext({ dockerfile: "FROM x:1", image, base }));
    expect(outcome.status).toBe("fail");
    expect(outcome.message.fr).toContain("ajoute 3 couches");
    expect(outcome.message.fr).toContain("12 MB  RUN pip install flask");
    expect(outcome).toMatchObject({ expected: "<= 2", actual: "3" });
  });

  it("fails below min", async () => {
    expect((await grader.run({ min: 4 }, fakeContext({ dockerfile: "FROM x:1", image, base }))).status).toBe("fail");
  });
});
