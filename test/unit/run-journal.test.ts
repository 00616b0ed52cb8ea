import { appendFile, mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planClean } from "../../src/cli/clean-command.js";
import { BuildStepReader, type BuildStep } from "../../src/runtime/build-step-reader.js";
import { createdImageIds } from "../../src/runtime/created-images.js";
import { journalDirs, journalFileName } from "../../src/runtime/journal-location.js";
import { readJournal, type JournalRecord } from "../../src/runtime/journal-records.js";
import { RunJournal } from "../../src/runtime/run-journal.js";

const ENGINE = { endpoint: "unix:///run/docker.sock", id: "AAAA:BBBB", version: "28.0.1" };
const BUILD_LOG = [
  "Step 1/4 : FROM python:3.11-slim",
  " ---> 591fe86d039d",
  "Step 2/4 : WORKDIR /app",
  " ---> Using cache",
  " ---> 64c375451695",
  "Step 3/4 : RUN pip install flask",
  " ---> Running in 0a1b2c3d4e5f",
  "Removing intermediate container 0a1b2c3d4e5f",
  " ---> 41c4ff919a52",
  "Step 4/4 : LABEL \"io.dockgrade.build\"='r/s'",
  " ---> Running in 2a2b3c4d5e6f",
  " ---> 222222222222",
];

describe("BuildStepReader", () => {
  it("names each step container and image as the stream brings them, never the base image nor a cached step", () => {
    const steps: BuildStep[] = [];
    const reader = new BuildStepReader((step) => steps.push(step));
    // The docker client's output arrives in chunks that cut lines anywhere.
    const text = `${BUILD_LOG.join("\n")}\n`;
    for (let at = 0; at < text.length; at += 7) reader.chunk(text.slice(at, at + 7));
    reader.end();
    expect(steps).toEqual([
      { kind: "container", id: "0a1b2c3d4e5f" },
      { kind: "image", id: "41c4ff919a52", own: false },
      { kind: "container", id: "2a2b3c4d5e6f" },
      { kind: "image", id: "222222222222", own: true },
    ]);
    expect(reader.created).toEqual(createdImageIds(BUILD_LOG));
    expect(reader.baseImageId).toBe("591fe86d039d");
  });
});

describe("run journal", () => {
  let state: string;
  const previous = process.env.DOCKGRADE_STATE_DIR;
  beforeEach(async () => {
    state = await mkdtemp(join(tmpdir(), "dockgrade-state-"));
    process.env.DOCKGRADE_STATE_DIR = state;
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.DOCKGRADE_STATE_DIR;
    else process.env.DOCKGRADE_STATE_DIR = previous;
  });

  it("writes each object as it appears, reads back past a line cut short, and goes when the run left nothing", async () => {
    const journal = RunJournal.open("run-1", ENGINE);
    const session = journal.session("s1", { namespace: "dockgrade-s1", containers: ["dockgrade-s1-main"] });
    session.step({ kind: "container", id: "0a1b2c3d4e5f" });
    session.step({ kind: "image", id: "41c4ff919a52", own: false });
    session.container("9f9f9f9f9f9f", "inspector");
    const file = journal.file!;
    // Already on disk, before the run ends: what a killed process leaves.
    await appendFile(file, '{"t":"image","session":"s1","id":"trunc');
    const record = (await readJournal(file))!;
    expect(record.runId).toBe("run-1");
    expect(record.engines).toEqual([ENGINE]);
    expect(record.sessions).toEqual([
      { t: "session", session: "s1", namespace: "dockgrade-s1", containers: ["dockgrade-s1-main"] },
    ]);
    expect(record.containers.map((entry) => [entry.id, entry.role])).toEqual([
      ["0a1b2c3d4e5f", "step"],
      ["9f9f9f9f9f9f", "inspector"],
    ]);
    expect(record.images.map((entry) => [entry.id, entry.role])).toEqual([["41c4ff919a52", "cache"]]);
    expect(record.ended).toBe(false);
    journal.close(0);
    await expect(stat(file)).rejects.toThrow();
  });

  it("is kept when objects are left, and a second run with the same id never deletes what the first one listed", async () => {
    const first = RunJournal.open("ci-42", ENGINE);
    first.session("s1", { namespace: "dockgrade-s1", containers: [] }).step({ kind: "container", id: "0a1b2c3d4e5f" });
    first.close(1);
    const again = RunJournal.open("ci-42", ENGINE);
    again.close(0);
    const record = (await readJournal(join(state, "runs", journalFileName("ci-42"))))!;
    expect(record.runs).toHaveLength(2);
    expect(record.containers).toHaveLength(1);
    expect(record.ended).toBe(true);
    expect((await readFile(record.file, "utf8")).trim().split("\n")).toHaveLength(6);
  });

  it("takes the engine's identity when it comes, and the address alone for a run that died before", async () => {
    const journal = RunJournal.open("late", { endpoint: ENGINE.endpoint });
    const early = (await readJournal(journal.file!))!;
    expect(early.engines).toEqual([]);
    expect(planClean([early], ENGINE, undefined, () => false).walk).toHaveLength(1);
    expect(planClean([early], { ...ENGINE, endpoint: "unix:///other.sock" }, undefined, () => false).walk).toHaveLength(
      0,
    );
    journal.write({ t: "engine", engine: ENGINE });
    expect((await readJournal(journal.file!))!.engines).toEqual([ENGINE]);
    journal.close(0);
  });

  it("lives in the user's state folder, whatever the current folder, or where DOCKGRADE_STATE_DIR says", () => {
    expect(journalDirs({ DOCKGRADE_STATE_DIR: "/srv/dg" })).toEqual(["/srv/dg/runs"]);
    const dirs = journalDirs({ XDG_STATE_HOME: "/home/prof/.state" });
    expect(dirs[0]).toBe("/home/prof/.state/dockgrade/runs");
    expect(dirs[1]).toMatch(/dockgrade-\d+\/runs$/);
    expect(journalFileName("job 12/3")).toBe("job_12_3.jsonl");
  });
});

describe("planClean", () => {
  const record = (runId: string, engineId: string, pid = 1): JournalRecord => ({
    file: `/tmp/${runId}.jsonl`,
    runId,
    runs: [
      {
        t: "run",
        runId,
        at: "2026-12-01T00:00:00.000Z",
        pid,
        host: "h",
        cwd: "/",
        engine: { ...ENGINE, id: engineId },
      },
    ],
    engines: [{ ...ENGINE, id: engineId }],
    sessions: [{ t: "session", session: `${runId}s`, namespace: `dockgrade-${runId}s`, containers: [] }],
    containers: [],
    images: [],
    ended: false,
  });
  const live = (r: JournalRecord) => r.runId === "live";

  it("walks this engine's journals, spares runs under way, and leaves another engine's for that engine", () => {
    const plan = planClean(
      [record("dead", ENGINE.id), record("live", ENGINE.id), record("podman", "PODMAN")],
      ENGINE,
      undefined,
      live,
    );
    expect(plan.walk.map((r) => r.runId)).toEqual(["dead"]);
    expect([...plan.spared.runIds]).toEqual(["live"]);
    expect(plan.spared.namespaces).toEqual(["dockgrade-lives"]);
    expect(plan.notes.join("\n")).toContain("DOCKER_HOST=unix:///run/docker.sock dockgrade clean --run podman");
    expect(plan.elsewhere).toBe(false);
  });

  it("with --run, walks that run even under way, and says so when it was graded on another engine", () => {
    expect(planClean([record("live", ENGINE.id)], ENGINE, "live", live).walk).toHaveLength(1);
    expect(planClean([record("podman", "PODMAN")], ENGINE, "podman", live).elsewhere).toBe(true);
  });
});
