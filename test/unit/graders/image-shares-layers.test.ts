import { describe, expect, it } from "vitest";
import grader, { countSharedLayers } from "../../../graders/image-shares-layers.js";
import { fakeContext, imageFacts } from "../../support/fake-context.js";

const slim = imageFacts({ id: "slim", sizeBytes: 130e6, layers: ["a", "b", "c"] });
const built = imageFacts({ id: "app", sizeBytes: 150e6, layers: ["a", "b", "c", "d"] });
const other = imageFacts({ id: "alpine-app", sizeBytes: 60e6, layers: ["a", "x", "y"] });
const context = (image = built) => fakeContext({ image, images: { "python:3.11-slim": slim } });

describe("image.shares-layers", () => {
  it("counts the common layers from the bottom only", () => {
    expect(countSharedLayers(["a", "b", "c", "d"], ["a", "b", "c"])).toBe(3);
    expect(countSharedLayers(["a", "x", "c"], ["a", "b", "c"])).toBe(1);
    expect(countSharedLayers([], ["a"])).toBe(0);
  });

  it("passes when the image is built on every layer of `with`", async () => {
    const outcome = await grader.run({ with: "python:3.11-slim" }, context());
    expect(outcome.status).toBe("pass");
    expect(outcome.message.en).toContain("shares 3 layer(s) with python:3.11-slim (3 expected), so 130 MB stored once");
    expect(outcome).toMatchObject({ expected: ">= 3/3", actual: "3/3" });
  });

  it("fails when the layers diverge, saying which layer differs", async () => {
    const outcome = await grader.run({ with: "python:3.11-slim" }, context(other));
    expect(outcome.status).toBe("fail");
    expect(outcome.message.fr).toContain("partage 1 couche(s) avec python:3.11-slim sur les 3 attendues");
    expect(outcome.message.en).toContain("layer 2 differs");
    expect(outcome.message.en).toContain("image 60 MB / python:3.11-slim 130 MB");
  });

  it("accepts a partial share down to minShared", async () => {
    expect((await grader.run({ with: "python:3.11-slim", minShared: 1 }, context(other))).status).toBe("pass");
    expect((await grader.run({ with: "python:3.11-slim", minShared: 2 }, context(other))).status).toBe("fail");
  });

  it("fails when `with` does not exist", async () => {
    const outcome = await grader.run({ with: "mon-app:v1" }, context());
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("Image mon-app:v1 was not found");
  });
});
