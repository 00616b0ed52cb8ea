import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { graders } from "../../graders/index.js";
import { CHECK_REFERENCE_FILE, checkReference } from "../../src/authoring/check-reference.js";

describe("the check reference (docs/checks.md)", () => {
  it("is up to date with the registry, its zod schemas and its graders' messages", async () => {
    const committed = readFileSync(CHECK_REFERENCE_FILE, "utf8");
    const generated = await checkReference();
    // One message, not a 1,000-line diff: what to do comes first.
    if (committed !== generated)
      expect.fail(`${CHECK_REFERENCE_FILE} is out of date: run \`npm run docs\` and commit the result`);
  });

  it("has a section, an example and a learner's failure for every check kind", async () => {
    const reference = await checkReference();
    for (const grader of graders) {
      const section = reference.split(`\n## \`${grader.kind}\`\n`)[1]?.split("\n## ")[0] ?? "";
      expect(section, grader.kind).toContain(grader.description);
      expect(section, grader.kind).toContain(`kind: ${grader.kind}`);
      expect(section.match(/^✘ .* \(0\/\d+\) {2}\[[a-z0-9-]+\]$/gm), grader.kind).toHaveLength(2);
    }
  });
});
