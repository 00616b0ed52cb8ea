import type Docker from "dockerode";
import { describe, expect, it } from "vitest";
import { EngineWatch, isConnectionError } from "../../src/runtime/engine-watch.js";

/** An engine whose answers a test decides: up, gone (the socket refuses), or slow. */
function fakeEngine() {
  const engine = { state: "up" as "up" | "gone" | "slow" };
  const docker = {
    ping: () =>
      engine.state === "up"
        ? Promise.resolve("OK")
        : Promise.reject(new Error(engine.state === "gone" ? "connect ECONNREFUSED /run/docker.sock" : "aborted")),
  } as unknown as Docker;
  return { engine, docker };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

describe("EngineWatch", () => {
  it("keeps the times the engine did not answer, and which gradings overlapped them", async () => {
    const { engine, docker } = fakeEngine();
    const watch = new EngineWatch(docker, 10).start();
    try {
      await tick();
      const before = Date.now();
      engine.state = "gone";
      await tick();
      expect(watch.answering).toBe(false);
      const waiting = watch.waitUntilAnswering(5000);
      engine.state = "up";
      expect(await waiting).toBe(true);
      const [outage] = watch.outages;
      expect(outage!.cause).toContain("ECONNREFUSED");
      expect(outage!.from).toBeLessThanOrEqual(before);
      expect(watch.overlapping(before - 5, Date.now())).toBe(outage);
      expect(watch.overlapping(outage!.to! + 1, outage!.to! + 100)).toBeUndefined();
    } finally {
      watch.stop();
    }
  });

  it("takes a slow engine for a slow one, not a dead one", async () => {
    const { engine, docker } = fakeEngine();
    const watch = new EngineWatch(docker, 10).start();
    engine.state = "slow";
    await tick();
    watch.stop();
    expect(watch.outages).toEqual([]);
    expect(isConnectionError("socket hang up")).toBe(true);
    expect(isConnectionError("(HTTP code 500) server error - driver failed")).toBe(false);
  });

  it("gives up waiting after the time it was given", async () => {
    const { engine, docker } = fakeEngine();
    const watch = new EngineWatch(docker, 10).start();
    engine.state = "gone";
    await tick();
    expect(await watch.waitUntilAnswering(50)).toBe(false);
    watch.stop();
  });
});
