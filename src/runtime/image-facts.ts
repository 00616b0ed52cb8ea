import type Docker from "dockerode";
import type { HistoryEntry, ImageFacts } from "../grading/context.js";

/** A step makes a filesystem layer unless it is metadata (`#(nop)` other than ADD/COPY). */
export function stepMakesLayer(createdBy: string): boolean {
  const nop = /#\(nop\)\s*(\S+)/.exec(createdBy);
  if (!nop) return createdBy.trim() !== "";
  return /^(ADD|COPY)$/i.test(nop[1]!);
}

function portsOf(map: Record<string, unknown> | undefined | null): string[] {
  return Object.keys(map ?? {}).sort();
}

/** Reads what graders need of an image: config, layers and history. Undefined when absent. */
export async function readImageFacts(docker: Docker, ref: string): Promise<ImageFacts | undefined> {
  const image = docker.getImage(ref);
  const inspect = await image.inspect().catch(() => undefined);
  if (!inspect) return undefined;
  const rawHistory = (await image.history()) as { Id?: string; CreatedBy: string; Size: number }[];
  const history: HistoryEntry[] = rawHistory.map((step) => ({
    id: step.Id,
    createdBy: step.CreatedBy ?? "",
    sizeBytes: step.Size ?? 0,
    isLayer: stepMakesLayer(step.CreatedBy ?? "") || (step.Size ?? 0) > 0,
  }));
  const config = inspect.Config;
  const health = (
    config as { Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number } }
  ).Healthcheck;
  return {
    id: inspect.Id,
    sizeBytes: inspect.Size,
    layers: inspect.RootFS?.Layers ?? [],
    history,
    config: {
      env: config.Env ?? [],
      labels: config.Labels ?? {},
      exposedPorts: portsOf(config.ExposedPorts),
      user: config.User ?? "",
      workdir: config.WorkingDir ?? "",
      cmd: (config.Cmd as string[] | null) ?? null,
      entrypoint: (config.Entrypoint as string[] | null) ?? null,
      volumes: Object.keys(config.Volumes ?? {}),
      healthcheck: health?.Test
        ? { test: health.Test, intervalNs: health.Interval, timeoutNs: health.Timeout, retries: health.Retries }
        : null,
    },
  };
}
