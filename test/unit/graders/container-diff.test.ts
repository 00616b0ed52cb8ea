import { describe, expect, it, vi } from "vitest";
import grader, { disallowedChanges } from "../../../graders/container-diff.js";
import type { FilesystemChange } from "../../../src/grading/context.js";
import { fakeContext } from "../../support/fake-context.js";

const changes: FilesystemChange[] = [
  { kind: "changed", path: "/data" },
  { kind: "added", path: "/data/app.db" },
  { kind: "changed", path: "/tmp" },
  { kind: "added", path: "/tmp/cache.json" },
];
const context = (
  found = changes,
  exec = vi.fn(async () => ({ exitCode: 0, stdout: "", stderr: "", timedOut: false })),
) => fakeContext({ container: { changes: async () => found, exec } });
const none = { trigger: undefined, added: undefined, changed: undefined, deleted: undefined, allowed: undefined };

describe("container.diff", () => {
  it("passes when the expected paths changed and nothing else", async () => {
    const outcome = await grader.run({ ...none, added: ["/data/*.db"], allowed: ["/data/**", "/tmp/**"] }, context());
    expect(outcome.status).toBe("pass");
    expect(outcome.message.fr).toContain("A /data/app.db");
  });

  it("fails when an expected path is missing, naming the kind", async () => {
    const outcome = await grader.run({ ...none, added: ["/data/*.sqlite"], deleted: ["/app/old"] }, context());
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("no added path (A) matches `/data/*.sqlite`");
    expect(outcome.message.en).toContain("no deleted path (D) matches `/app/old`");
  });

  it("fails on changes outside the allowed globs, but not on folders holding allowed ones", async () => {
    const outcome = await grader.run({ ...none, allowed: ["/data/**"] }, context());
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("changes outside the allowed paths (/data/**): C /tmp, A /tmp/cache.json");
    expect(outcome.message.en).not.toContain("C /data,");
  });

  it("counts the ancestors of an allowed path as allowed, and only those", () => {
    const found: FilesystemChange[] = [
      { kind: "changed", path: "/var" },
      { kind: "changed", path: "/var/log" },
      { kind: "added", path: "/var/log/app.log" },
      { kind: "added", path: "/var/lib" },
    ];
    expect(disallowedChanges(found, ["/var/log/*.log"])).toEqual([{ kind: "added", path: "/var/lib" }]);
    expect(disallowedChanges([], ["/x"])).toEqual([]);
  });

  it("runs the trigger first, and blames the exercise when it fails", async () => {
    const exec = vi.fn(async () => ({ exitCode: 0, stdout: "", stderr: "", timedOut: false }));
    await grader.run({ ...none, trigger: { exec: ["touch", "/data/x"] }, changed: ["/data"] }, context(changes, exec));
    expect(exec).toHaveBeenCalledWith(["touch", "/data/x"], expect.anything());
    const broken = vi.fn(async () => ({ exitCode: 127, stdout: "", stderr: "not found", timedOut: false }));
    await expect(grader.run({ ...none, trigger: { exec: ["nope"] } }, context(changes, broken))).rejects.toThrow(
      "exited 127",
    );
  });

  it("is declared disruptive", () => {
    expect(grader.disruptsContainer).toBe(true);
  });
});
