import { describe, expect, it } from "vitest";
import grader from "../../../graders/container-logs.js";
import type { LogLine } from "../../../src/grading/context.js";
import { containerState, fakeContext } from "../../support/fake-context.js";

const line = (text: string, stream: LogLine["stream"] = "stdout"): LogLine => ({
  stream,
  text,
  timestamp: "2026-01-01T00:00:00.000000000Z",
});
const started = [line("Starting app"), line(" * Running on http://0.0.0.0:5000", "stderr")];
const context = (...reads: LogLine[][]) => {
  let calls = 0;
  return fakeContext({
    container: {
      logs: async () => reads[Math.min(calls++, reads.length - 1)] ?? [],
      state: async () => containerState(),
    },
  });
};
const options = { patterns: [], forbid: undefined, stream: "both" as const, withinSeconds: 0, minLines: undefined };

describe("container.logs", () => {
  it("passes when every pattern matches a line", async () => {
    const outcome = await grader.run(
      { ...options, patterns: ["Running on", "^Starting"], forbid: ["Traceback"] },
      context(started),
    );
    expect(outcome.status).toBe("pass");
    expect(outcome.message.fr).toContain("err|  * Running on");
  });

  it("waits for lines that come later", async () => {
    const outcome = await grader.run(
      { ...options, patterns: ["Running on"], withinSeconds: 0.5 },
      context([], [line("Starting app")], started),
    );
    expect(outcome.status).toBe("pass");
  });

  it("fails when a pattern never appears, with the last lines and the buffering hint", async () => {
    const outcome = await grader.run({ ...options, patterns: ["Listening"], withinSeconds: 0.02 }, context(started));
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("no line matches /Listening/ after 0.02 s");
    expect(outcome.message.en).toContain("PYTHONUNBUFFERED");
    expect(outcome.message.en).toContain("out| Starting app");
  });

  it("stops waiting once the container has stopped, judging its last lines", async () => {
    let reads = 0;
    const crashed = [line("Starting app"), line("Traceback (most recent call last):", "stderr")];
    const stopped = fakeContext({
      container: {
        logs: async () => (reads++ === 0 ? [] : crashed),
        state: async () => containerState({ status: "exited", running: false, exitCode: 1 }),
      },
    });
    const outcome = await grader.run({ ...options, patterns: ["Running on"], withinSeconds: 30 }, stopped);
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("err| Traceback (most recent call last):");
    // One read, the container found stopped, one last read: no waiting out the 30 s.
    expect(reads).toBe(2);
  });

  it("blames a flood, not buffering, when the logs overflow", async () => {
    const flood = Array.from({ length: 600 }, () => line("x".repeat(199)));
    const outcome = await grader.run({ ...options, patterns: ["démarrage"] }, context(flood));
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("the app writes without pause (600 lines read)");
    expect(outcome.message.en).not.toContain("PYTHONUNBUFFERED");
  });

  it("reads only the chosen stream", async () => {
    expect(
      (await grader.run({ ...options, patterns: ["Running on"], stream: "stdout" }, context(started))).status,
    ).toBe("fail");
    expect(
      (await grader.run({ ...options, patterns: ["Running on"], stream: "stderr" }, context(started))).status,
    ).toBe("pass");
  });

  it("fails on a forbidden line and below minLines", async () => {
    const outcome = await grader.run(
      { ...options, forbid: ["Traceback"], minLines: 4 },
      context([...started, line("Traceback (most recent call last):", "stderr")]),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("forbidden line /Traceback/: «Traceback (most recent call last):»");
    expect(outcome.message.en).toContain("3 lines, at least 4 expected");
  });

  it("handles empty logs", async () => {
    const outcome = await grader.run({ ...options, minLines: 1 }, context([]));
    expect(outcome.status).toBe("fail");
    expect(outcome.message.fr).toContain("(aucune ligne / no line)");
  });
});
