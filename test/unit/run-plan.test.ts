import { describe, expect, it } from "vitest";
import { graders, type CheckKind } from "../../graders/index.js";
import { runPlan } from "../../src/grading/grade-submission.js";
import type { CheckSpec } from "../../src/exercise/exercise-schema.js";

const check = (id: string, kind: CheckKind): CheckSpec => ({
  id,
  kind,
  points: 1,
  title: { fr: id, en: id },
  hint: { fr: "", en: "" },
  visibility: "visible",
});

describe("runPlan", () => {
  it("runs the Dockerfile's checks first, then the reading checks side by side, then the others one by one, disruptive last", () => {
    const plan = runPlan([
      check("health", "container.health"),
      check("status", "container.status"),
      check("lint", "dockerfile.lint"),
      check("exec", "container.exec"),
      check("diff", "container.diff"),
      check("layers", "image.layers"),
      check("http", "container.http"),
      check("pinned", "dockerfile.base-pinned"),
      check("answer", "answers.command"),
    ]);
    expect(plan.map((group) => group.map((entry) => entry.id))).toEqual([
      ["lint", "pinned"],
      ["status", "layers", "answer"],
      ["exec"],
      ["http"],
      ["health"],
      ["diff"],
    ]);
  });

  it("never runs a check that runs something in the container or calls the app alongside others", () => {
    // exec shows in `docker top`, a request in the logs: those would make a reading check flaky.
    const alongside = graders
      .filter((grader) => grader.concurrent && grader.needs === "container")
      .map((grader) => grader.kind);
    expect(alongside).not.toContain("container.exec");
    expect(alongside).not.toContain("container.http");
    expect(graders.filter((grader) => grader.concurrent && grader.disruptsContainer)).toEqual([]);
  });
});
