import { describe, expect, it } from "vitest";
import grader from "../../../graders/image-history.js";
import { fakeContext, imageFacts } from "../../support/fake-context.js";
import { checkOptions } from "./option-schema.js";

const base = imageFacts({
  id: "base",
  history: [
    { createdBy: '/bin/sh -c #(nop)  CMD ["python3"]', sizeBytes: 0, isLayer: false },
    { createdBy: "/bin/sh -c apt-get update", sizeBytes: 20e6, isLayer: true },
  ],
});
const image = imageFacts({
  id: "img",
  history: [
    { createdBy: '/bin/sh -c #(nop)  CMD ["python" "app.py"]', sizeBytes: 0, isLayer: false },
    { createdBy: "/bin/sh -c #(nop) COPY dir:abc in /app", sizeBytes: 3e6, isLayer: true },
    { createdBy: "/bin/sh -c pip install --no-cache-dir -r requirements.txt", sizeBytes: 30e6, isLayer: true },
    { createdBy: "/bin/sh -c #(nop) COPY file:req in /app/", sizeBytes: 1e3, isLayer: true },
    ...base.history,
  ],
});
const context = fakeContext({ image, base });
const run = (options: Partial<Parameters<typeof grader.run>[0]>) =>
  grader.run({ steps: [], ordered: true, ...options }, context);

describe("image.history", () => {
  it("passes when the added steps match in order, on the readable or the raw instruction", async () => {
    const outcome = await run({
      steps: [
        { pattern: "^COPY .*req" },
        { pattern: "pip install .*--no-cache-dir", maxMb: 40 },
        { pattern: "^/bin/sh -c #\\(nop\\) COPY dir" },
      ],
    });
    expect(outcome.status).toBe("pass");
    expect(outcome.message.en).toContain("2.    30 MB  RUN pip install --no-cache-dir -r requirements.txt");
  });

  it("fails when a step is missing, listing the added steps", async () => {
    const outcome = await run({ steps: [{ pattern: "useradd" }] });
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("no step matches /useradd/");
    expect(outcome.message.fr).toContain("Étapes ajoutées à l'image de base :");
  });

  it("fails when steps are out of order, unless order does not matter", async () => {
    const steps = [{ pattern: "pip install" }, { pattern: "COPY file:req" }];
    const outcome = await run({ steps });
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("/COPY file:req/: found (step 1) but not in the expected order");
    expect((await run({ steps, ordered: false })).status).toBe("pass");
  });

  it("checks the matching step's size", async () => {
    const outcome = await run({ steps: [{ pattern: "pip install", maxMb: 10 }] });
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("/pip install/ (<= 10 MB): size out of bounds");
    expect((await run({ steps: [{ pattern: "pip install", minMb: 10 }] })).status).toBe("pass");
  });

  it("forbids steps only among the added ones: the base's own `apt-get update` does not count", async () => {
    expect((await run({ forbid: ["apt-get update$"] })).status).toBe("pass");
    const outcome = await run({ forbid: ["requirements\\.txt$"] });
    expect(outcome.status).toBe("fail");
    expect(outcome.message.fr).toContain("étape 2 interdite (/requirements\\.txt$/) : RUN pip install");
  });

  it("rejects a pattern that is not a regex when the spec is loaded", () => {
    expect(checkOptions(grader, { steps: [{ pattern: "pip (install" }] }).success).toBe(false);
    expect(checkOptions(grader, { forbid: ["[a-"] }).success).toBe(false);
    expect(checkOptions(grader, { steps: [{ pattern: "pip install" }] }).success).toBe(true);
  });
});
