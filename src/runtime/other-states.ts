import { pack } from "tar-stream";
import type { RunningContainer } from "../grading/context.js";
import { removeOwnImage } from "./created-images.js";
import { buildLabels, LABEL_SESSION } from "./labels.js";
import { NameIsolation } from "./name-isolation.js";
import { createdOnly, wrapContainer } from "./running-container.js";
import { containerRequest } from "./runtime-plan.js";
import type { BuildScope, SubmissionBuild } from "./submission-build.js";
import { tagImage } from "./tag-image.js";

/**
 * A container of the submission's image in another state than the shared one, under the same
 * learner names: a learner's answer run against it must print that state, not the shared one's.
 */
export interface OtherState {
  container: RunningContainer;
  /** The learner's names mapped to this state's objects (`web`, and the image's own name). */
  isolation: NameIsolation;
  /** The image the learner's image name stands for here, when it differs from the built one. */
  imageId?: string;
}

/** A file of its own, so that this state's filesystem differs from the shared container's. */
const MARKER = "/dockgrade-autre-etat.txt";

function markerArchive(text: string): NodeJS.ReadableStream {
  const archive = pack();
  archive.entry({ name: MARKER.slice(1), mode: 0o644 }, text);
  archive.finalize();
  return archive as unknown as NodeJS.ReadableStream;
}

/**
 * The other states an answer is checked against, made on demand and removed with the submission:
 * - `created`: a container never started (status `created`), holding a file of its own, and an
 *   image committed from it (one more layer), which the learner's image name stands for there;
 * - `running`: a second container started after the shared one (another address, other
 *   processes, other log times), with a file of its own and a health probe that always fails.
 */
export class OtherStates {
  private created?: Promise<OtherState>;
  private running?: Promise<OtherState>;

  constructor(
    private readonly scope: BuildScope,
    private readonly build: SubmissionBuild,
  ) {}

  private isolationFor(suffix: string, containerName: string): NameIsolation {
    const isolation = new NameIsolation(
      `dockgrade-${this.scope.sessionId}-${suffix}`,
      `${LABEL_SESSION}=${this.scope.sessionId}`,
    );
    const learnerName = this.scope.plan.container.name;
    if (learnerName) isolation.bindContainer(learnerName, containerName);
    return isolation;
  }

  neverStarted(): Promise<OtherState> {
    this.created ??= this.scope.track(this.createNeverStarted());
    return this.created;
  }

  startedLater(): Promise<OtherState> {
    this.running ??= this.scope.track(this.startLater());
    return this.running;
  }

  private async createNeverStarted(): Promise<OtherState> {
    const { docker, stack, labels, plan, sessionId } = this.scope;
    const image = await this.build.image();
    const name = `dockgrade-${sessionId}-created`;
    const container = await docker.createContainer({
      Image: image.id,
      name,
      Labels: labels,
      NetworkDisabled: true,
      HostConfig: { NetworkMode: "none" },
    });
    stack.defer(() => container.remove({ force: true, v: true }));
    await container.putArchive(markerArchive(`${sessionId}\n`), { path: "/" });
    const isolation = this.isolationFor("created", name);
    const committed = (await container.commit({
      changes: Object.entries(buildLabels(plan.runId, sessionId)).map(([key, value]) => `LABEL ${key}=${value}`),
    })) as { Id: string };
    stack.defer(() => removeOwnImage(docker, committed.Id, `dockgrade-${sessionId}`));
    if (plan.build.tag) await tagImage(docker, committed.Id, isolation.isolate(plan.build.tag));
    return {
      container: wrapContainer(docker, createdOnly(container.id), plan.limits.outputKb * 1024),
      isolation,
      imageId: committed.Id,
    };
  }

  private async startLater(): Promise<OtherState> {
    const { docker, stack, labels, plan, sessionId } = this.scope;
    const { limits } = plan;
    await this.build.image();
    const name = `dockgrade-${sessionId}-later`;
    const { startSandboxedContainer } = await import("./sandboxed-container.js");
    const started = await startSandboxedContainer(
      {
        ...containerRequest(plan, this.build.runnableRef, name, labels),
        healthCheck: { test: ["CMD-SHELL", "exit 1"], interval: 1000, timeout: 1000, retries: 1 },
        files: [{ content: `${sessionId}\n`, target: MARKER }],
      },
      docker,
    );
    stack.defer(() => docker.getContainer(started.getId()).remove({ force: true, v: true }));
    const isolation = this.isolationFor("later", name);
    // The learner's image name stands for the built image here too.
    if (plan.build.tag) await tagImage(docker, (await this.build.image()).id, isolation.isolate(plan.build.tag));
    return { container: wrapContainer(docker, started, limits.outputKb * 1024), isolation };
  }
}
