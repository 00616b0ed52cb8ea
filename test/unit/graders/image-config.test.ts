import { describe, expect, it } from "vitest";
import grader, { configMismatches, resolveUser } from "../../../graders/image-config.js";
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
const root = imageFacts({
  id: "root",
  config: { ...config, user: "", cmd: null, healthcheck: null, exposedPorts: [] },
});

/** The image's /etc/passwd, as the grader reads it to know who USER names. */
const passwd = {
  "/etc/passwd": {
    path: "/etc/passwd",
    type: "file" as const,
    mode: 0o644,
    uid: 0,
    gid: 0,
    sizeBytes: 60,
    content: "root:x:0:0:root:/root:/bin/bash\napp:x:1000:1000::/home/app:/bin/sh\n",
  },
};

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
      fakeContext({ image, files: passwd }),
    );
    expect(outcome.status).toBe("pass");
  });

  it("fails with one message listing every mismatch: field, expected, found", async () => {
    const outcome = await grader.run(
      {
        env: { PYTHONUNBUFFERED: "^1$", DEBUG: "0" },
        exposedPorts: ["8000/tcp"],
        notRoot: true,
        cmd: ["python", "app.py"],
        healthcheck: true,
      },
      fakeContext({ image: root, files: passwd }),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("5 difference(s)");
    expect(outcome.message.en).toContain("env.DEBUG: expected /0/, found (absent)");
    expect(outcome.message.en).toContain('exposedPorts: expected ["8000/tcp"], found []');
    expect(outcome.message.en).toContain('user: expected ≠ root (uid ≠ 0), found ""');
    expect(outcome.message.en).toContain('cmd: expected ["python","app.py"], found null');
    expect(outcome.message.en).toContain("healthcheck: expected HEALTHCHECK, found (absent)");
    expect(outcome.message.fr).toContain("env.DEBUG : attendu /0/, trouvé (absent)");
    expect(outcome.expected).toContain("env.DEBUG: /0/");
  });

  it('reads USER as Docker does, with the image\'s accounts; user "" asks for root', () => {
    const accounts = new Map([
      ["root", 0],
      ["app", 1000],
      ["toor", 0],
    ]);
    for (const user of ["", "root", "0", "0:0", "root:root", "toor", "toor:users"])
      expect(resolveUser(user, accounts)).toEqual({ uid: 0 });
    expect(resolveUser("app:0", accounts)).toEqual({ uid: 1000 });
    expect(resolveUser("1000", new Map())).toEqual({ uid: 1000 });
    expect(resolveUser("meteo", accounts)).toEqual({ unknownName: "meteo" });
    expect(configMismatches({ user: "" }, root.config, accounts)).toEqual([]);
    expect(configMismatches({ user: "" }, config, accounts)).toEqual([
      { field: "user", expected: "root", actual: '"app" (uid 1000)' },
    ]);
    expect(configMismatches({ notRoot: false }, config, accounts)).toHaveLength(1);
    // Another name for uid 0 is root all the same.
    const alias = { ...config, user: "toor" };
    expect(configMismatches({ notRoot: true }, alias, accounts)).toEqual([
      { field: "user", expected: "≠ root (uid ≠ 0)", actual: '"toor" (uid 0)' },
    ]);
    // A USER the image has no account for: `docker run` would fail.
    const ghost = { ...config, user: "meteo" };
    expect(configMismatches({ notRoot: true }, ghost, accounts)[0]?.actual).toContain("no such account");
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

describe("image.config include and exclude lists (as container-structure-test reads them)", () => {
  it("accepts other ports and volumes beside the listed ones, and compares port numbers only", () => {
    const wide = { ...config, exposedPorts: ["8000/tcp", "9000/udp"], volumes: ["/data", "/cache"] };
    expect(
      configMismatches(
        { exposedPortsInclude: ["8000", "9000"], volumesInclude: ["/data"], envAbsent: ["SECRET"] },
        wide,
      ),
    ).toEqual([]);
  });

  it("names each listed port, volume or variable that is missing or should not be there", () => {
    expect(
      configMismatches(
        {
          exposedPortsInclude: ["443"],
          exposedPortsExclude: ["8000"],
          volumesInclude: ["/srv"],
          volumesExclude: ["/data"],
          envAbsent: ["PYTHONUNBUFFERED"],
        },
        config,
      ).map((m) => `${m.field} ${m.expected}`),
    ).toEqual([
      "env.PYTHONUNBUFFERED (absent)",
      "exposedPorts ⊇ 443",
      "exposedPorts ∌ 8000",
      "volumes ⊇ /srv",
      "volumes ∌ /data",
    ]);
  });
});
