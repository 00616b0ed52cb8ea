import { describe, expect, it } from "vitest";
import type { BuildOutcome } from "../../src/runtime/build-image.js";
import { lostBuildCache } from "../../src/runtime/submission-build.js";

const failed = (error: string): BuildOutcome => ({
  ok: false,
  log: [error],
  error,
  fault: "learner",
  durationMs: 1,
  created: { own: [], shared: [] },
});

describe("a build whose cache went away under it", () => {
  it.each([
    "No such image: sha256:4f1c0d6a2b9e8f7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c",
    "failed to get parent image: image does not exist",
    "failed to get layer sha256:0123: layer does not exist",
    'unable to find image "sha256:0123abcd"',
  ])("is built again: %s", (error) => {
    expect(lostBuildCache(failed(error))).toBe(true);
  });

  it.each([
    "The command '/bin/sh -c pip install flask' returned a non-zero code: 1",
    "COPY failed: file not found in build context or excluded by .dockerignore: stat app.py: file does not exist",
    "build stopped after 300 s (time limit)",
  ])("is the submission's own failure, not built again: %s", (error) => {
    expect(lostBuildCache(failed(error))).toBe(false);
  });

  it("never applies to a build that made its image", () => {
    expect(lostBuildCache({ ...failed("No such image: x"), ok: true })).toBe(false);
  });
});
