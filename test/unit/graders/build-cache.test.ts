import { describe, expect, it, vi } from "vitest";
import grader from "../../../graders/build-cache.js";
import type { RebuildReport } from "../../../src/grading/context.js";
import { fakeContext, imageFacts } from "../../support/fake-context.js";

const good: RebuildReport = {
  ok: true,
  logExcerpt: [],
  steps: [
    { instruction: "WORKDIR /app", cached: true },
    { instruction: "COPY requirements.txt .", cached: true },
    { instruction: "RUN pip install --no-cache-dir -r requirements.txt", cached: true },
    { instruction: "COPY . .", cached: false },
  ],
};
const bad: RebuildReport = {
  ok: true,
  logExcerpt: [],
  steps: [
    { instruction: "WORKDIR /app", cached: true },
    { instruction: "COPY . .", cached: false },
    { instruction: "RUN pip install --no-cache-dir -r requirements.txt", cached: false },
  ],
};
const context = (rebuild: RebuildReport) => fakeContext({ image: imageFacts({ id: "img" }), rebuild });
const options = {
  change: { file: "app.py", append: "\n# change\n" },
  cached: ["pip install"],
  rebuilt: ["^COPY \\. \\."],
};

describe("build.cache", () => {
  it("passes when the install comes from the cache after a code change", async () => {
    const outcome = await grader.run(options, context(good));
    expect(outcome.status).toBe("pass");
    expect(outcome.message.fr).toContain("cache        RUN pip install");
    expect(outcome.message.en).toContain("rebuilt      COPY . .");
  });

  it("fails when the install was rebuilt, with the advice and the steps", async () => {
    const outcome = await grader.run(options, context(bad));
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("/pip install/ was rebuilt instead of coming from the cache");
    expect(outcome.message.en).toContain("Copy only the dependency files first");
    expect(outcome.message.fr).toContain("reconstruit  RUN pip install");
  });

  it("fails when no step matches, or an expected rebuild came from the cache", async () => {
    const outcome = await grader.run({ ...options, cached: ["npm ci"], rebuilt: ["WORKDIR"] }, context(good));
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("no step matches /npm ci/");
    expect(outcome.message.en).toContain("/WORKDIR/ came from the cache but had to be rebuilt");
    expect(outcome.message.en).not.toContain("Copy only the dependency files first");
  });

  it("asks for the change it was given", async () => {
    const ctx = context(good);
    const rebuild = vi.spyOn(ctx, "rebuildAfterChange");
    await grader.run(options, ctx);
    expect(rebuild).toHaveBeenCalledWith({ file: "app.py", append: "\n# change\n" });
  });

  it("treats a failed rebuild as the grader's problem", async () => {
    await expect(grader.run(options, context({ ok: false, steps: [], logExcerpt: ["ERROR: boom"] }))).rejects.toThrow(
      "ERROR: boom",
    );
  });

  it("is declared as a rebuild that needs the image", () => {
    expect(grader).toMatchObject({ rebuilds: true, needs: "image" });
  });
});
