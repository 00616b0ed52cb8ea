import type Docker from "dockerode";

/**
 * Stops a container whose writable layer grows past `limitMb` (checked twice a second) and keeps
 * what it saw, so that the checks that follow can say why the container stopped.
 */
export class DiskWatch {
  private timer?: NodeJS.Timeout;
  exceeded?: { writtenMb: number; limitMb: number };

  constructor(docker: Docker, containerId: string, limitMb: number) {
    const container = docker.getContainer(containerId);
    this.timer = setInterval(async () => {
      const info = (await container
        .inspect({ size: true } as Docker.ContainerInspectOptions)
        .catch(() => undefined)) as { SizeRw?: number } | undefined;
      const written = (info?.SizeRw ?? 0) / 1e6;
      if (written <= limitMb) return;
      this.stop();
      this.exceeded = { writtenMb: Math.round(written), limitMb };
      await container.kill().catch(() => undefined);
    }, 500);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
