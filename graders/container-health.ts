import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import { localized } from "../src/i18n.js";

function lastProbe(outputs: string[]): string {
  const last = outputs.at(-1)?.trim();
  return last ? ` Dernière sonde / last probe: «${last.slice(0, 200)}»` : "";
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
      return passed(localized(`healthy en ${(healthy.waitedMs / 1000).toFixed(1)} s.`, `healthy after ${(healthy.waitedMs / 1000).toFixed(1)} s.`), { expected: "healthy", actual: "healthy" });
    }
    const trigger = await container.exec(afterFailure.exec, { timeoutMs: 30_000 });
    if (trigger.exitCode !== 0) {
      throw new Error(`failure trigger \`${afterFailure.exec.join(" ")}\` exited ${trigger.exitCode}: ${trigger.stderr.trim()}`);
    }
    const unhealthy = await container.waitForHealth("unhealthy", afterFailure.within * 1000);
    if (!unhealthy.reached) {
      return failed(
        localized(
          `L'application a été mise en panne, mais le conteneur est resté ${unhealthy.status} pendant ${afterFailure.within} s : le HEALTHCHECK ne détecte pas la panne.${lastProbe(unhealthy.probeOutputs)}`,
          `The application was made to fail, but the container stayed ${unhealthy.status} for ${afterFailure.within} s: the HEALTHCHECK does not detect the failure.${lastProbe(unhealthy.probeOutputs)}`,
        ),
        { expected: "unhealthy", actual: unhealthy.status },
      );
    }
    return passed(
      localized(
        `healthy, puis unhealthy ${(unhealthy.waitedMs / 1000).toFixed(1)} s après la panne.`,
        `healthy, then unhealthy ${(unhealthy.waitedMs / 1000).toFixed(1)} s after the failure.`,
      ),
      { expected: "healthy → unhealthy", actual: "healthy → unhealthy" },
    );
  },
});
