import { describe, expect, it } from "vitest";
import grader from "../../../graders/image-tags.js";
import { fakeContext, imageFacts } from "../../support/fake-context.js";

const one = imageFacts({ id: "sha256:111111111111111111" });
const other = imageFacts({ id: "sha256:222222222222222222" });

describe("image.tags", () => {
  it("passes when every reference exists on one image", async () => {
    const outcome = await grader.run(
      { refs: ["a:v1", "a:latest"], sameImage: true },
      fakeContext({ images: { "a:v1": one, "a:latest": one } }),
    );
    expect(outcome.status).toBe("pass");
  });

  it("names the missing references", async () => {
    const outcome = await grader.run(
      { refs: ["a:v1", "a:latest"], sameImage: false },
      fakeContext({ images: { "a:v1": one } }),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("Not found: a:latest");
  });

  it("fails when tags point to different images and sameImage is asked", async () => {
    const context = fakeContext({ images: { "a:v1": one, "a:latest": other } });
    expect((await grader.run({ refs: ["a:v1", "a:latest"], sameImage: false }, context)).status).toBe("pass");
    const outcome = await grader.run({ refs: ["a:v1", "a:latest"], sameImage: true }, context);
    expect(outcome.status).toBe("fail");
    expect(outcome.message.fr).toContain("images différentes");
  });
});
