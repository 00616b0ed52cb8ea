import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { ImageConfig } from "../src/grading/context.js";
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
    within: z.number().positive().default(60).describe("Seconds allowed to become healthy."),
    afterFailure: z
      .object({
        exec: z.array(z.string().min(1)).min(1).describe("Command run in the container to make the app fail (argv)."),
        within: z.number().positive().default(60).describe("Seconds allowed to become unhealthy after it."),
      })
      .strict()
      .optional()
      .describe("Proves the healthcheck detects failure: a check that always says yes fails here."),
  },
  async run({ within, afterFailure }, context) {
    const image = await context.image();
    if (!image.config.healthcheck || image.config.healthcheck.test[0] === "NONE") {
      return failed(
        localized("L'image n'a pas d'instruction HEALTHCHECK : Docker ne peut pas connaître sa santé.", "The image has no HEALTHCHECK instruction: Docker cannot tell its health."),
        { expected: "healthy", actual: "none" },
      );
    }
    const container = await context.container();
    const healthy = await container.waitForHealth("healthy", within * 1000);
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
      return passed(localized(`healthy en ${seconds(healthy.waitedMs)} s.`, `healthy after ${seconds(healthy.waitedMs)} s.`), { expected: "healthy", actual: "healthy" });
    }
    const trigger = await container.exec(afterFailure.exec, { timeoutMs: 30_000 });
    if (trigger.exitCode !== 0) {
      throw new Error(`failure trigger \`${afterFailure.exec.join(" ")}\` exited ${trigger.exitCode}: ${trigger.stderr.trim()}`);
    }
    const unhealthy = await container.waitForHealth("unhealthy", Math.min(afterFailure.within * 1000, failureDetectionBudgetMs(image.config.healthcheck)));
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
