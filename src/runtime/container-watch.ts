import type Docker from "dockerode";
import type { StartedTestContainer } from "testcontainers";
import { localized, type Localized } from "../i18n.js";
import { wrapContainer } from "./running-container.js";

/**
 * Stops a container whose writable layer grows past `limitMb` (checked twice a second) and keeps
 * the reason, so that the checks that follow can say why the container stopped.
 */
export class DiskWatch {
  private timer?: NodeJS.Timeout;
  reason?: Localized;

  constructor(docker: Docker, containerId: string, limitMb: number) {
    const container = docker.getContainer(containerId);
    this.timer = setInterval(async () => {
      const info = (await container.inspect({ size: true } as Docker.ContainerInspectOptions).catch(() => undefined)) as { SizeRw?: number } | undefined;
      const written = (info?.SizeRw ?? 0) / 1e6;
      if (written <= limitMb) return;
      this.stop();
      this.reason = localized(
        `le conteneur a écrit ${written.toFixed(0)} Mo, plus que la limite de ${limitMb} Mo : il a été arrêté`,
        `the container wrote ${written.toFixed(0)} MB, over the ${limitMb} MB limit: it was stopped`,
      );
      await container.kill().catch(() => undefined);
    }, 500);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Why a container cannot be read, when it has stopped: state, exit code, OOM, last log lines. */
export async function describeStoppedContainer(docker: Docker, started: StartedTestContainer, outputLimitBytes: number, reason?: Localized): Promise<Localized | undefined> {
  const container = wrapContainer(docker, started, outputLimitBytes);
  const state = await container.state().catch(() => undefined);
  if (!state || state.running) return undefined;
  const tail = (await container.logs().catch(() => [])).slice(-3).map((line) => line.text).join(" | ");
  const why = reason ? { fr: ` : ${reason.fr}`, en: `: ${reason.en}` } : { fr: "", en: "" };
  const oom = state.oomKilled ? { fr: " (mémoire épuisée)", en: " (out of memory)" } : { fr: "", en: "" };
  return localized(
    `Le conteneur s'est arrêté (état ${state.status}, code ${state.exitCode})${oom.fr}${why.fr}${tail ? ` ; dernières lignes : ${tail}` : ""}.`,
    `The container stopped (status ${state.status}, exit code ${state.exitCode})${oom.en}${why.en}${tail ? `; last lines: ${tail}` : ""}.`,
  );
}
