import { describe, expect, it } from "vitest";
import grader, { failureDetectionBudgetMs } from "../../../graders/container-health.js";
import { fakeContext, imageFacts } from "../../support/fake-context.js";
import { checkOptions } from "./option-schema.js";

describe("container.health failure-detection budget", () => {
  it("follows the image's healthcheck timing", () => {
    expect(failureDetectionBudgetMs({ test: ["CMD", "true"], intervalNs: 2e9, timeoutNs: 2e9, retries: 2 })).toBe(
      15_000,
    );
  });

  it("uses Docker's defaults when the image leaves them unset", () => {
    expect(failureDetectionBudgetMs({ test: ["CMD", "true"] })).toBe(243_000);
  });
});

describe("container.health", () => {
  const image = imageFacts({
    id: "img",
    config: {
      ...imageFacts({ id: "x" }).config,
      healthcheck: { test: ["CMD", "probe"], intervalNs: 2e9, timeoutNs: 2e9, retries: 2 },
    },
  });
  const observation = (status: "healthy" | "unhealthy" | "starting", reached: boolean) => ({
    reached,
    status,
    running: true,
    probeOutputs: [],
    probes: [{ exitCode: 1, output: "HTTP Error 503" }],
    waitedMs: 0,
  });

  it("freezes the app with a signal from the host, then waits for unhealthy", async () => {
    const calls: string[] = [];
    const context = fakeContext({
      image,
      container: {
        sinceStartMs: () => 10_000,
        waitForHealth: async (target, timeoutMs) => {
          calls.push(`wait ${target} ${timeoutMs}`);
          return observation(target, true);
        },
        signal: async (name) => void calls.push(`signal ${name}`),
      },
    });
    const outcome = await grader.run({ within: 60, afterFailure: { signal: "SIGSTOP", within: 45 } }, context);
    expect(outcome.status).toBe("pass");
    // healthy within 60 s of the start: 50 s left; unhealthy within the healthcheck's own budget.
    expect(calls).toEqual(["wait healthy 50000", "signal SIGSTOP", "wait unhealthy 15000"]);
  });

  it("does not wait again when the time since the start is spent", async () => {
    const waits: number[] = [];
    const context = fakeContext({
      image,
      container: {
        sinceStartMs: () => 75_000,
        waitForHealth: async (target, timeoutMs) => {
          waits.push(timeoutMs);
          return observation("starting", false);
        },
      },
    });
    const outcome = await grader.run({ within: 60 }, context);
    expect(outcome).toMatchObject({ status: "fail", expected: "healthy", actual: "starting" });
    expect(waits).toEqual([0]);
  });

  it("does not credit an unhealthy status that only probe timeouts made (a loaded machine)", async () => {
    const quick = imageFacts({
      id: "quick",
      config: { ...image.config, healthcheck: { test: ["CMD", "true"], intervalNs: 1e8, timeoutNs: 1e8, retries: 1 } },
    });
    const timedOut = {
      ...observation("unhealthy", true),
      probes: [{ exitCode: -1, output: "Health check exceeded timeout (2s)" }],
    };
    const context = fakeContext({
      image: quick,
      container: {
        sinceStartMs: () => 1000,
        exec: async () => ({ exitCode: 0, stdout: "", stderr: "", timedOut: false }),
        waitForHealth: async (target) => (target === "healthy" ? observation("healthy", true) : timedOut),
      },
    });
    const outcome = await grader.run(
      { within: 60, afterFailure: { exec: ["touch", "/tmp/panne"], within: 1 } },
      context,
    );
    expect(outcome).toMatchObject({ status: "fail", actual: "unhealthy (timeouts only)" });
  });

  it("takes exactly one way to make the app fail", () => {
    const afterFailure = (value: unknown) => checkOptions(grader, { afterFailure: value }).success;
    expect(afterFailure({ exec: ["touch", "/tmp/panne"] })).toBe(true);
    expect(afterFailure({ signal: "SIGSTOP" })).toBe(true);
    expect(afterFailure({})).toBe(false);
    expect(afterFailure({ exec: ["touch", "/tmp/panne"], signal: "SIGSTOP" })).toBe(false);
  });
});
