import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { ImageConfig } from "../src/grading/context.js";
import { setTimeout as sleep } from "node:timers/promises";
import { localized } from "../src/i18n.js";

function lastProbe(outputs: string[]): string {
  const last = outputs.at(-1)?.trim();
  return last ? ` Dernière sonde / last probe: «${last.slice(0, 200)}»` : "";
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * How long Docker can take to call a failing app unhealthy with this healthcheck: `retries`
 * failed probes, each up to interval + timeout (Docker's defaults: 30 s, 30 s, 3), plus one probe
 * already under way and a margin. Waiting longer cannot change the verdict.
 */
export function failureDetectionBudgetMs(healthcheck: ImageConfig["healthcheck"]): number {
  const intervalMs = (healthcheck?.intervalNs || 30e9) / 1e6;
  const timeoutMs = (healthcheck?.timeoutNs || 30e9) / 1e6;
  const retries = healthcheck?.retries || 3;
  return (intervalMs + timeoutMs) * (retries + 1) + 3000;
}

export default defineGrader({
  kind: "container.health",
  description: "The container becomes healthy in time and, after a simulated failure, unhealthy.",
  needs: "container",
  disruptsContainer: true,
  options: {
    within: z
      .number()
      .positive()
      .default(60)
      .describe("Seconds after the container's start allowed to become healthy."),
    afterFailure: z
      .object({
        exec: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe("Command run in the container to make the app fail (argv), e.g. [touch, /tmp/panne]."),
        signal: z
          .enum(["SIGSTOP", "SIGKILL", "SIGTERM"])
          .optional()
          .describe(
            "Signal sent to the container's main process from the host instead: SIGSTOP freezes the app, which then answers nothing, a failure a probe can only see by asking it.",
          ),
        within: z.number().positive().default(60).describe("Seconds allowed to become unhealthy after it."),
      })
      .strict()
      .refine((failure) => (failure.exec === undefined) !== (failure.signal === undefined), {
        message: "give exactly one of exec and signal",
      })
      .optional()
      .describe("Proves the healthcheck detects failure: a check that always says yes fails here."),
  },
  async run({ within, afterFailure }, context) {
    const image = await context.image();
    if (!image.config.healthcheck || image.config.healthcheck.test[0] === "NONE") {
      return failed(
        localized(
          "L'image n'a pas d'instruction HEALTHCHECK : Docker ne peut pas connaître sa santé.",
          "The image has no HEALTHCHECK instruction: Docker cannot tell its health.",
        ),
        { expected: "healthy", actual: "none" },
      );
    }
    const container = await context.container();
    // Counted from the container's start: a second health check does not wait the whole time again.
    const healthy = await container.waitForHealth("healthy", Math.max(0, within * 1000 - container.sinceStartMs()));
    if (!healthy.reached) {
      const stopped = healthy.running ? "" : " Le conteneur s'est arrêté. / The container stopped.";
      return failed(
        localized(
          `Le conteneur n'est pas devenu healthy en ${within} s (état : ${healthy.status}).${stopped}${lastProbe(healthy.probeOutputs)}`,
          `The container did not become healthy within ${within} s (status: ${healthy.status}).${stopped}${lastProbe(healthy.probeOutputs)}`,
        ),
        { expected: "healthy", actual: healthy.status },
      );
    }
    if (!afterFailure) {
      return passed(
        localized(
          `healthy ${seconds(container.sinceStartMs())} s après le démarrage.`,
          `healthy ${seconds(container.sinceStartMs())} s after the start.`,
        ),
        { expected: "healthy", actual: "healthy" },
      );
    }
    if (afterFailure.signal) await container.signal(afterFailure.signal);
    else {
      const trigger = await container.exec(afterFailure.exec!, { timeoutMs: 30_000 });
      if (trigger.exitCode !== 0) {
        throw new Error(
          `failure trigger \`${afterFailure.exec!.join(" ")}\` exited ${trigger.exitCode}: ${trigger.stderr.trim()}`,
        );
      }
    }
    const budgetMs = Math.min(afterFailure.within * 1000, failureDetectionBudgetMs(image.config.healthcheck));
    const began = Date.now();
    let unhealthy = await container.waitForHealth("unhealthy", budgetMs);
    // A probe that ran out of time is a failure to Docker; on a loaded machine even `CMD true`
    // can. After a command-made failure, the probe itself must say no (exit code 1) at least once.
    while (
      unhealthy.reached &&
      !afterFailure.signal &&
      !unhealthy.probes.some((probe) => probe.exitCode > 0) &&
      Date.now() - began < budgetMs
    ) {
      await sleep(1000);
      unhealthy = await container.waitForHealth("unhealthy", 0);
    }
    if (unhealthy.reached && !afterFailure.signal && !unhealthy.probes.some((probe) => probe.exitCode > 0)) {
      return failed(
        localized(
          `Le conteneur est passé unhealthy seulement parce que ses sondes ont dépassé leur délai (machine chargée) : la sonde elle-même n'a jamais signalé la panne.${lastProbe(unhealthy.probeOutputs)}`,
          `The container turned unhealthy only because its probes ran out of time (a loaded machine): the probe itself never reported the failure.${lastProbe(unhealthy.probeOutputs)}`,
        ),
        { expected: "unhealthy (probe exit code 1)", actual: "unhealthy (timeouts only)" },
      );
    }
    if (!unhealthy.reached) {
      return failed(
        localized(
          `L'application a été mise en panne, mais le conteneur est resté ${unhealthy.status} pendant ${seconds(unhealthy.waitedMs)} s : le HEALTHCHECK ne détecte pas la panne.${lastProbe(unhealthy.probeOutputs)}`,
          `The application was made to fail, but the container stayed ${unhealthy.status} for ${seconds(unhealthy.waitedMs)} s: the HEALTHCHECK does not detect the failure.${lastProbe(unhealthy.probeOutputs)}`,
        ),
        { expected: "unhealthy", actual: unhealthy.status },
      );
    }
    return passed(
      localized(
        `healthy, puis unhealthy ${seconds(unhealthy.waitedMs)} s après la panne.`,
        `healthy, then unhealthy ${seconds(unhealthy.waitedMs)} s after the failure.`,
      ),
      { expected: "healthy → unhealthy", actual: "healthy → unhealthy" },
    );
  },
});
