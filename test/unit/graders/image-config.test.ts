import { describe, expect, it } from "vitest";
import grader, { configMismatches, isRootUser } from "../../../graders/image-config.js";
import type { ImageConfig } from "../../../src/grading/context.js";
import { fakeContext, imageFacts } from "../../support/fake-context.js";
import { checkOptions } from "./option-schema.js";

const config: ImageConfig = {
  env: ["PATH=/usr/local/bin:/usr/bin", "PYTHONUNBUFFERED=1", "EMPTY="],
  labels: { "org.opencontainers.image.version": "1.2.0" },
  exposedPorts: ["8000/tcp"],
  user: "app",
  workdir: "/app",
  cmd: ["python", "app.py"],
  entrypoint: null,
  volumes: ["/data"],
  healthcheck: { test: ["CMD", "curl", "-f", "http://localhost:8000/"] },
};
const image = imageFacts({ id: "img", config });
const root = imageFacts({ id: "root", config: { ...config, user: "", cmd: null, healthcheck: null, exposedPorts: [] } });

describe("image.config", () => {
  it("passes when every given field matches", async () => {
    const outcome = await grader.run(
      {
        env: { PYTHONUNBUFFERED: "^1$", EMPTY: "^$" },
        labels: { "org.opencontainers.image.version": "^\\d+\\.\\d+\\.\\d+$" },
        exposedPorts: ["8000"],
        user: "^app$",
        notRoot: true,
        workdir: "/app",
        cmd: ["python", "app.py"],
        entrypoint: null,
        volumes: ["/data"],
        healthcheck: true,
      },
      fakeContext({ image }),
    );
    expect(outcome.status).toBe("pass");
  });

  it("fails with one message listing every mismatch: field, expected, found", async () => {
    const outcome = await grader.run(
      { env: { PYTHONUNBUFFERED: "^1$", DEBUG: "0" }, exposedPorts: ["8000/tcp"], notRoot: true, cmd: ["python", "app.py"], healthcheck: true },
      fakeContext({ image: root }),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("5 difference(s)");
    expect(outcome.message.en).toContain("env.DEBUG: expected /0/, found (absent)");
    expect(outcome.message.en).toContain('exposedPorts: expected ["8000/tcp"], found []');
    expect(outcome.message.en).toContain('user: expected ≠ root, found ""');
    expect(outcome.message.en).toContain('cmd: expected ["python","app.py"], found null');
    expect(outcome.message.en).toContain("healthcheck: expected HEALTHCHECK, found (absent)");
    expect(outcome.message.fr).toContain("env.DEBUG : attendu /0/, trouvé (absent)");
    expect(outcome.expected).toContain("env.DEBUG: /0/");
  });

  it("treats empty, root and 0 as root; user \"\" asks for root", () => {
    expect(["", "root", "0", "0:0", "root:root"].every(isRootUser)).toBe(true);
    expect(["app", "1000", "1000:0", "rooted"].some(isRootUser)).toBe(false);
    expect(configMismatches({ user: "" }, root.config)).toEqual([]);
    expect(configMismatches({ user: "" }, config)).toEqual([{ field: "user", expected: "root", actual: '"app"' }]);
    expect(configMismatches({ notRoot: false }, config)).toHaveLength(1);
  });

  it("compares ports and volumes as sets, cmd and entrypoint as exact lists", () => {
    expect(configMismatches({ exposedPorts: ["8000/udp"] }, config)).toHaveLength(1);
    expect(configMismatches({ volumes: [] }, config)).toHaveLength(1);
    expect(configMismatches({ cmd: ["app.py", "python"] }, config)).toHaveLength(1);
    expect(configMismatches({ entrypoint: [] }, config)).toEqual([]);
    expect(configMismatches({ entrypoint: ["python"] }, config)).toHaveLength(1);
    expect(configMismatches({ workdir: "/app/" }, config)).toHaveLength(1);
  });

  it("a HEALTHCHECK NONE counts as absent", () => {
    const disabled = { ...config, healthcheck: { test: ["NONE"] } };
    expect(configMismatches({ healthcheck: false }, disabled)).toEqual([]);
    expect(configMismatches({ healthcheck: false }, config)).toHaveLength(1);
  });

  it("rejects bad regexes and ports when the spec is loaded", () => {
    expect(checkOptions(grader, { env: { A: "(" } }).success).toBe(false);
    expect(checkOptions(grader, { user: "[" }).success).toBe(false);
    expect(checkOptions(grader, { exposedPorts: ["http"] }).success).toBe(false);
    expect(checkOptions(grader, { env: { A: "^x" }, exposedPorts: ["53/udp"], entrypoint: null }).success).toBe(true);
  });
});
