import { describe, expect, it } from "vitest";
import grader from "../../../graders/container-processes.js";
import type { ProcessTable } from "../../../src/grading/context.js";
import { fakeContext } from "../../support/fake-context.js";

const titles = ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"];
const row = (uid: string, pid: string, cmd: string) => [uid, pid, "0", "0", "10:00", "?", "00:00:00", cmd];
const table: ProcessTable = {
  titles,
  processes: [
    row("app", "1", "/usr/local/bin/python /usr/local/bin/gunicorn app:app"),
    row("app", "7", "/usr/local/bin/python /usr/local/bin/gunicorn app:app"),
    row("app", "8", "/usr/local/bin/python /usr/local/bin/gunicorn app:app"),
  ],
};
const context = (processes = table) => fakeContext({ container: { processes: async () => processes } });
const options = { expect: [], forbid: undefined, maxProcesses: undefined };

describe("container.processes", () => {
  it("passes when the expected processes run as the expected user", async () => {
    const outcome = await grader.run(
      { ...options, expect: [{ pattern: "gunicorn", user: "app", min: 3, max: 3 }], forbid: ["sshd"] },
      context(),
    );
    expect(outcome.status).toBe("pass");
    expect(outcome.message.fr).toContain("UID  PID  PPID");
  });

  it("fails when the process runs as another user, showing the table", async () => {
    const outcome = await grader.run(
      { ...options, expect: [{ pattern: "gunicorn", user: "root", min: 1 }] },
      context(),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("/gunicorn/ (UID root): 0 processes, expected >= 1");
    expect(outcome.message.en).toContain("app  1    0");
  });

  it("fails above max, on forbidden processes and above maxProcesses", async () => {
    const outcome = await grader.run(
      { expect: [{ pattern: "gunicorn", min: 1, max: 2 }], forbid: ["python"], maxProcesses: 2 },
      context(),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("3 processes, expected 1..2");
    expect(outcome.message.en).toContain("forbidden process /python/");
    expect(outcome.message.en).toContain("3 processes, at most 2 expected");
  });

  it("finds the CMD column by its title and handles an empty table", async () => {
    const moved: ProcessTable = { titles: ["CMD", "UID"], processes: [["nginx: master", "root"]] };
    expect(
      (await grader.run({ ...options, expect: [{ pattern: "^nginx", user: "root", min: 1 }] }, context(moved))).status,
    ).toBe("pass");
    const empty = await grader.run(
      { ...options, expect: [{ pattern: "nginx", min: 1 }] },
      context({ titles, processes: [] }),
    );
    expect(empty.status).toBe("fail");
  });

  it("rejects a bad regex in the spec", () => {
    expect(grader.options.forbid.safeParse(["("]).success).toBe(false);
  });
});
