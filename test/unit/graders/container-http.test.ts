import { describe, expect, it, vi } from "vitest";
import grader from "../../../graders/container-http.js";
import type { HttpAnswer } from "../../../src/grading/context.js";
import { containerState, fakeContext } from "../../support/fake-context.js";

/** Successive answers, the last one repeated. */
function answers(...sequence: HttpAnswer[]) {
  let calls = 0;
  const httpGet = vi.fn(async () => sequence[Math.min(calls++, sequence.length - 1)] as HttpAnswer);
  return { httpGet, context: fakeContext({ container: { httpGet, state: async () => containerState() } }) };
}
const options = { port: 8000, path: "/health", status: 200, bodyPattern: undefined, retries: 3, intervalMs: 1 };
const refused = { error: "ECONNREFUSED" };

describe("container.http", () => {
  it("passes on the expected status and body", async () => {
    const { httpGet, context } = answers({ status: 200, body: '{"status":"ok"}' });
    const outcome = await grader.run({ ...options, bodyPattern: '"status":\\s*"ok"' }, context);
    expect(outcome).toMatchObject({ status: "pass", actual: "200" });
    expect(httpGet).toHaveBeenCalledWith(8000, "/health", expect.any(Number));
  });

  it("retries while the app starts", async () => {
    const { httpGet, context } = answers(refused, { status: 503, body: "" }, { status: 200, body: "ok" });
    expect((await grader.run(options, context)).status).toBe("pass");
    expect(httpGet).toHaveBeenCalledTimes(3);
  });

  it("fails after the retries on connection errors, with the 0.0.0.0 hint", async () => {
    const { httpGet, context } = answers(refused);
    const outcome = await grader.run(options, context);
    expect(outcome).toMatchObject({ status: "fail", actual: "ECONNREFUSED" });
    expect(outcome.message.en).toContain("no answer after 4 attempt(s)");
    expect(outcome.message.en).toContain("0.0.0.0:8000");
    expect(httpGet).toHaveBeenCalledTimes(4);
  });

  it("stops retrying once the container has stopped: the runner then says why it stopped", async () => {
    const httpGet = vi.fn(async (): Promise<HttpAnswer> => refused);
    const context = fakeContext({
      container: { httpGet, state: async () => containerState({ status: "exited", running: false, exitCode: 1 }) },
    });
    await expect(grader.run({ ...options, retries: 20 }, context)).rejects.toThrow(
      "the container stopped before GET :8000/health answered",
    );
    expect(httpGet).toHaveBeenCalledTimes(2);
  });

  it("fails on a wrong status, showing the body", async () => {
    const outcome = await grader.run({ ...options, retries: 0 }, answers({ status: 404, body: "Not Found" }).context);
    expect(outcome).toMatchObject({ status: "fail", expected: "200", actual: "404" });
    expect(outcome.message.fr).toContain("statut 404 après 1 essai(s), attendu 200");
    expect(outcome.message.fr).toContain("Not Found");
  });

  it("fails when the body does not match, without retrying", async () => {
    const { httpGet, context } = answers({ status: 200, body: "Hello" });
    const outcome = await grader.run({ ...options, bodyPattern: "Bonjour" }, context);
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("the body does not match /Bonjour/");
    expect(httpGet).toHaveBeenCalledTimes(1);
  });

  it("rejects a path without a leading slash", () => {
    expect(grader.options.path.safeParse("health").success).toBe(false);
  });
});
