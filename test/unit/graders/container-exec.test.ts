import { describe, expect, it, vi } from "vitest";
import grader from "../../../graders/container-exec.js";
import type { ExecResult } from "../../../src/grading/context.js";
import { fakeContext } from "../../support/fake-context.js";

const result = (partial: Partial<ExecResult>): ExecResult => ({
  exitCode: 0,
  stdout: "",
  stderr: "",
  timedOut: false,
  ...partial,
});
const context = (answer: ExecResult) => {
  const exec = vi.fn(async () => answer);
  return { exec, context: fakeContext({ container: { exec } }) };
};
const options = {
  command: ["whoami"],
  user: undefined,
  exitCode: 0,
  stdout: undefined,
  stderr: undefined,
  timeoutSeconds: 30,
};

describe("container.exec", () => {
  it("passes on the expected exit code and output, passing user and timeout", async () => {
    const { exec, context: ctx } = context(result({ stdout: "app\n" }));
    const outcome = await grader.run({ ...options, user: "app", stdout: "^app$", timeoutSeconds: 5 }, ctx);
    expect(outcome.status).toBe("pass");
    expect(exec).toHaveBeenCalledWith(["whoami"], { timeoutMs: 5000, user: "app" });
  });

  it("fails on another exit code, showing the output", async () => {
    const { context: ctx } = context(result({ exitCode: 1, stderr: "ModuleNotFoundError: No module named 'flask'" }));
    const outcome = await grader.run({ ...options, command: ["python", "-c", "import flask"] }, ctx);
    expect(outcome).toMatchObject({ status: "fail", expected: "exit 0", actual: "exit 1" });
    expect(outcome.message.en).toContain("`python -c import flask`, in the container: exit code 1, expected 0");
    expect(outcome.message.en).toContain("No module named 'flask'");
  });

  it("fails when stdout or stderr do not match", async () => {
    const { context: ctx } = context(result({ stdout: "root\n", stderr: "" }));
    const outcome = await grader.run({ ...options, stdout: "^app", stderr: "warning" }, ctx);
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("standard output does not match /^app/");
    expect(outcome.message.en).toContain("error output does not match /warning/");
    expect(outcome.message.en).toContain("stderr: (vide / empty)");
  });

  it("expects a non-zero exit code when asked", async () => {
    expect((await grader.run({ ...options, exitCode: 3 }, context(result({ exitCode: 3 })).context)).status).toBe(
      "pass",
    );
  });

  it("fails on timeout", async () => {
    const outcome = await grader.run(
      { ...options, timeoutSeconds: 1 },
      context(result({ exitCode: -1, timedOut: true })).context,
    );
    expect(outcome).toMatchObject({ status: "fail", actual: "timeout 1 s" });
  });

  it("does not pass a user when none is asked", async () => {
    const { exec, context: ctx } = context(result({}));
    await grader.run(options, ctx);
    expect(exec).toHaveBeenCalledWith(["whoami"], { timeoutMs: 30_000 });
  });
});
