import { describe, expect, it, vi } from "vitest";
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

const ONE_PROCESS = { titles: ["UID", "PID", "CMD"], processes: [["root", "1", "python app.py"]] };

/**
 * A container whose successive state() calls return `states`, then the last one forever; `docker
 * top` lists a process while the latest state read is running (or as `processes` says).
 */
function states(...sequence: ContainerState[]) {
  return engineView(sequence);
}

function engineView(sequence: ContainerState[], processes?: () => Promise<typeof ONE_PROCESS>) {
  let calls = 0;
  let latest = sequence[0] as ContainerState;
  return fakeContext({
    container: {
      state: async () => (latest = sequence[Math.min(calls++, sequence.length - 1)] as ContainerState),
      processes:
        processes ??
        (async () => {
          if (!latest.running) throw new Error("Container is not running");
          return ONE_PROCESS;
        }),
    },
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

  it("does not take the engine's word for running when no process runs (a loaded engine records an exit late)", async () => {
    const noProcess = async () => ({ titles: ["UID", "PID", "CMD"], processes: [] });
    const outcome = await grader.run(
      { status: "running", stableForSeconds: 0 },
      engineView([running, running, exited(3)], noProcess),
    );
    expect(outcome).toMatchObject({ status: "fail", expected: "running", actual: "exited (code 3)" });
    expect(outcome.message.en).toContain("no process runs in it: it is exited (code 3)");
    expect(outcome.message.fr).toContain("docker logs");
  });

  it("says so when the engine keeps calling running a container without a process", async () => {
    const topFails = async () => {
      throw new Error("Container is not running");
    };
    vi.useFakeTimers();
    try {
      const grading = grader.run({ status: "running", stableForSeconds: 0 }, engineView([running], topFails));
      await vi.advanceTimersByTimeAsync(16_000);
      const outcome = await grading;
      expect(outcome).toMatchObject({ status: "fail", actual: "running (no process)" });
      expect(outcome.message.fr).toContain("le moteur le dit encore en marche");
    } finally {
      vi.useRealTimers();
    }
  });

  it("passes a running container whose docker top failed once", async () => {
    let tops = 0;
    const flaky = async () => {
      tops += 1;
      if (tops === 1) throw new Error("engine busy");
      return ONE_PROCESS;
    };
    const outcome = await grader.run({ status: "running", stableForSeconds: 0 }, engineView([running], flaky));
    expect(outcome).toMatchObject({ status: "pass", actual: "running" });
    expect(tops).toBe(2);
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
