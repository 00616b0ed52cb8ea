import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSubmission, type OpenSubmission } from "../../src/grading/open-submission.js";
import type { SubmissionContext } from "../../src/grading/submission-context.js";
import { loadExercise } from "../../src/exercise/load-exercise.js";
import { docker, runId } from "../support/engine.js";

const SANTE = "exercises/03-images-conteneurs/04-sante";

/** The real grading context on a real engine: what the fake one stands in for in unit tests. */
describe("SubmissionContext (the real grading context)", () => {
  let opened: OpenSubmission;
  let session: SubmissionContext;

  beforeAll(async () => {
    const { spec } = await loadExercise(SANTE);
    const exercise = {
      ...spec,
      build: { ...spec.build, tag: "mon-app:sante" },
      run: { ...spec.run, ports: [8000], name: "web" },
    };
    opened = await openSubmission({ spec: exercise, dir: SANTE, file: `${SANTE}/exercise.yaml` }, `${SANTE}/solution`, {
      docker,
      runId,
      buildNetwork: "none",
    });
    session = opened.context;
  });
  afterAll(() => opened[Symbol.asyncDispose]());

  it("reads the running container: state, processes, changes, logs, HTTP", async () => {
    const container = await session.container();
    expect((await container.waitForHealth("healthy", 60_000)).reached).toBe(true);
    const state = await container.state();
    expect(state).toMatchObject({ status: "running", running: true, health: "healthy" });
    expect(state.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const top = await container.processes();
    expect(top.titles).toContain("PID");
    expect(top.processes.some((row) => row.join(" ").includes("python app.py"))).toBe(true);
    await container.exec(["touch", "/tmp/trace"]);
    expect(await container.changes()).toContainEqual({ kind: "added", path: "/tmp/trace" });
    const logs = await container.logs();
    expect(logs[0]).toMatchObject({ stream: "stdout", text: "mon-app écoute sur le port 8000" });
    expect(logs[0]!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    expect(await container.httpGet(8000, "/health", 5000)).toEqual({ status: 200, body: "ok\n" });
  });

  it("runs a learner's answer with the exercise's names, and refuses other containers", async () => {
    const status = await session.runLearnerCommand(
      "docker inspect -f '{{.State.Status}} {{.Name}} {{.Config.Image}}' web",
    );
    expect(status).toMatchObject({ exitCode: 0, output: "running /web mon-app:sante\n" });
    const history = await session.runLearnerCommand("docker history mon-app:sante");
    expect(history.exitCode).toBe(0);
    expect(history.output).toContain("HEALTHCHECK");
    const other = await session.runLearnerCommand("docker logs some-other-container");
    expect(other.refused?.en).toContain("no container `some-other-container`");
  });

  it("reads files and layers of the image without running it", async () => {
    const app = await session.imageFile("/app/app.py");
    expect(app).toMatchObject({ type: "file", mode: 0o644, uid: 0 });
    expect(app?.content).toContain("ThreadingHTTPServer");
    expect(await session.imageFile("/app/absent.txt")).toBeUndefined();
    const layers = await session.imageLayerFiles();
    expect(layers[0]?.fromBase).toBe(true);
    const copy = layers.find((layer) => layer.files.some((file) => file.path === "/app/app.py"));
    expect(copy).toMatchObject({ fromBase: false });
    expect(copy?.createdBy).toMatch(/COPY/);
  });

  it("rebuilds after a change and says which steps came from the cache", async () => {
    const report = await session.rebuildAfterChange({ file: "app.py", append: "\n# changement\n" });
    expect(report.ok).toBe(true);
    expect(report.steps.find((step) => step.instruction.startsWith("WORKDIR"))?.cached).toBe(true);
    expect(report.steps.find((step) => step.instruction.startsWith("COPY"))?.cached).toBe(false);
  });

  it("gives other states of the container under the learner's names, for answers that must read the state", async () => {
    const live = await (await session.container()).state();
    const created = await session.otherState("never-started");
    expect((await created.container.state()).status).toBe("created");
    const status = await created.runLearnerCommand("docker inspect -f '{{.State.Status}} {{.Name}}' web");
    expect(status).toMatchObject({ exitCode: 0, output: "created /web\n" });
    // The learner's image name stands for an image with one more layer there.
    const image = await session.image();
    expect((await created.image()).history.length).toBe(image.history.length + 1);
    const history = await created.runLearnerCommand("docker history -q mon-app:sante");
    expect(history.output.trim().split("\n")).toHaveLength(image.history.length + 1);

    const later = await session.otherState("started-later");
    expect((await later.container.waitForHealth("unhealthy", 30_000)).reached).toBe(true);
    const other = await later.container.state();
    expect(other).toMatchObject({ running: true, health: "unhealthy" });
    expect(other.ipAddress).not.toBe(live.ipAddress);
    expect(await later.container.changes()).toContainEqual({ kind: "added", path: "/dockgrade-autre-etat.txt" });
    const ip = await later.runLearnerCommand(
      "docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' web",
    );
    expect(ip.output.trim()).toBe(other.ipAddress);
  });
});
