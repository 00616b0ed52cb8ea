import { describe, expect, it } from "vitest";
import grader from "../../../graders/container-status.js";
import type { ContainerState } from "../../../src/grading/context.js";
import { fakeContext } from "../../support/fake-context.js";

const running: ContainerState = {
  status: "running",
  running: true,
  exitCode: 0,
  health: "none",
  ipAddress: "172.17.0.2",
  startedAt: "2026-01-01T00:00:00Z",
  restartCount: 0,
  oomKilled: false,
};
const exited = (exitCode: number, oomKilled = false): ContainerState => ({
  ...running,
  status: "exited",
  running: false,
  exitCode,
  oomKilled,
});

/** A container whose successive state() calls return `states`, then the last one forever. */
function states(...sequence: ContainerState[]) {
  let calls = 0;
  return fakeContext({
    container: { state: async () => sequence[Math.min(calls++, sequence.length - 1)] as ContainerState },
  });
}

describe("container.status", () => {
  it("passes when the container runs", async () => {
    const outcome = await grader.run({ status: "running", stableForSeconds: 0 }, states(running));
    expect(outcome).toMatchObject({ status: "pass", expected: "running", actual: "running" });
  });

  it("fails when it has exited, with the code and what to read", async () => {
    const outcome = await grader.run({ status: "running", stableForSeconds: 0 }, states(exited(1)));
    expect(outcome).toMatchObject({ status: "fail", expected: "running", actual: "exited (code 1)" });
    expect(outcome.message.fr).toContain("docker logs");
  });

  it("fails when it stops while it had to stay running", async () => {
    const outcome = await grader.run(
      { status: "running", stableForSeconds: 0.05 },
      states(running, running, exited(137)),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("became exited (code 137)");
  });

  it("passes when it holds the state for the whole wait", async () => {
    expect((await grader.run({ status: "running", stableForSeconds: 0.02 }, states(running))).status).toBe("pass");
  });

  it("checks the exit code of an exited container", async () => {
    expect((await grader.run({ status: "exited", exitCode: 0, stableForSeconds: 0 }, states(exited(0)))).status).toBe(
      "pass",
    );
    const outcome = await grader.run({ status: "exited", exitCode: 0, stableForSeconds: 0 }, states(exited(2)));
    expect(outcome).toMatchObject({ status: "fail", expected: "exited (code 0)", actual: "exited (code 2)" });
  });

  it("checks oomKilled and explains it", async () => {
    const outcome = await grader.run(
      { status: "exited", oomKilled: false, stableForSeconds: 0 },
      states(exited(137, true)),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("lack of memory");
    expect(
      (await grader.run({ status: "exited", oomKilled: true, stableForSeconds: 0 }, states(exited(137, true)))).status,
    ).toBe("pass");
  });
});
