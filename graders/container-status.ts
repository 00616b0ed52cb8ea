import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { ContainerState, RunningContainer } from "../src/grading/context.js";
import { localized } from "../src/i18n.js";
import { poll } from "./support/container-polling.js";

interface Wanted {
  status: string;
  exitCode?: number;
  oomKilled?: boolean;
}

function describeState(state: ContainerState): string {
  const exit = state.running ? "" : ` (code ${state.exitCode})`;
  const oom = state.oomKilled ? ", OOMKilled" : "";
  const restarts = state.restartCount > 0 ? `, ${state.restartCount} restart(s)` : "";
  return `${state.status}${exit}${oom}${restarts}`;
}

function describeWanted(wanted: Wanted): string {
  const exit = wanted.exitCode !== undefined ? ` (code ${wanted.exitCode})` : "";
  const oom = wanted.oomKilled === undefined ? "" : wanted.oomKilled ? ", OOMKilled" : ", not OOMKilled";
  return `${wanted.status}${exit}${oom}`;
}

function matches(state: ContainerState, wanted: Wanted): boolean {
  return (
    state.status === wanted.status &&
    (wanted.exitCode === undefined || state.exitCode === wanted.exitCode) &&
    (wanted.oomKilled === undefined || state.oomKilled === wanted.oomKilled)
  );
}

/** What the learner can do about an unexpected state. */
function advice(state: ContainerState) {
  if (state.oomKilled) {
    return localized(
      " Le noyau l'a tué faute de mémoire (OOM) : réduisez sa consommation.",
      " The kernel killed it for lack of memory (OOM): make it use less.",
    );
  }
  if (!state.running) {
    return localized(
      " Lisez `docker logs` pour savoir pourquoi il s'est arrêté.",
      " Read `docker logs` to find out why it stopped.",
    );
  }
  return localized("", "");
}

/** How long a "running" container without a process may take for the engine to record its end. */
const ENGINE_CATCH_UP_MS = 15_000;

/**
 * Whether a process runs in the container. A loaded engine records an exit seconds late (seen:
 * a process that ended after 0.1 s still "running" 5 s later), so its word alone is not enough to
 * say that a container kept running; `docker top` reads the container's processes themselves.
 */
async function hasProcess(container: RunningContainer): Promise<boolean> {
  return container.processes().then(
    (table) => table.processes.length > 0,
    () => false,
  );
}

/**
 * A container the engine calls running, looked at until a process shows in it (it runs) or the
 * engine records its end (it does not): a `docker top` that fails once on a loaded engine does not
 * fail a container that runs.
 */
async function confirmRunning(container: RunningContainer): Promise<{ process: boolean; state: ContainerState }> {
  const watch = await poll(
    async () => ({ process: await hasProcess(container), state: await container.state() }),
    (seen) => seen.process || !seen.state.running,
    { intervalMs: 250, timeoutMs: ENGINE_CATCH_UP_MS },
  );
  return watch.value;
}

export default defineGrader({
  kind: "container.status",
  description: "The shared container is in the expected state (running, or exited with a code), and stays in it.",
  needs: "container",
  concurrent: true,
  options: {
    status: z
      .string()
      .min(1)
      .default("running")
      .describe("Expected status: created, running, paused, restarting, exited, dead."),
    exitCode: z.number().int().optional().describe("Expected exit code (meaningful once the container has exited)."),
    stableForSeconds: z
      .number()
      .min(0)
      .default(0)
      .describe("Seconds the state must hold, checked every 250 ms: catches an app that crashes after a few seconds."),
    oomKilled: z
      .boolean()
      .optional()
      .describe("Whether the kernel must (true) or must not (false) have killed it for lack of memory."),
  },
  async run({ status, exitCode, stableForSeconds, oomKilled }, context) {
    const wanted: Wanted = { status, exitCode, oomKilled };
    const expected = describeWanted(wanted);
    const container = await context.container();
    const first = await container.state();
    if (!matches(first, wanted)) {
      const actual = describeState(first);
      const why = advice(first);
      return failed(
        localized(
          `Le conteneur est ${actual}, attendu : ${expected}.${why.fr}`,
          `The container is ${actual}, expected: ${expected}.${why.en}`,
        ),
        { expected, actual },
      );
    }
    if (stableForSeconds > 0) {
      const watch = await poll(
        () => container.state(),
        (state) => !matches(state, wanted),
        {
          intervalMs: Math.min(250, stableForSeconds * 1000),
          timeoutMs: stableForSeconds * 1000,
        },
      );
      if (watch.done) {
        const actual = describeState(watch.value);
        const after = (watch.elapsedMs / 1000).toFixed(1);
        const why = advice(watch.value);
        return failed(
          localized(
            `Le conteneur était ${expected}, mais il est passé à ${actual} après ${after} s (il devait le rester ${stableForSeconds} s).${why.fr}`,
            `The container was ${expected}, but became ${actual} after ${after} s (it had to stay so for ${stableForSeconds} s).${why.en}`,
          ),
          { expected, actual },
        );
      }
    }
    const confirmed = status === "running" ? await confirmRunning(container) : undefined;
    if (confirmed && !(confirmed.process && confirmed.state.running)) {
      const ended = confirmed.state;
      const why = advice(ended);
      const state = ended.running
        ? localized("le moteur le dit encore en marche", "the engine still calls it running")
        : localized(`il est ${describeState(ended)}`, `it is ${describeState(ended)}`);
      return failed(
        localized(
          `Le conteneur semblait ${expected}, mais aucun processus n'y tourne : ${state.fr}.${why.fr}`,
          `The container seemed ${expected}, but no process runs in it: ${state.en}.${why.en}`,
        ),
        { expected, actual: ended.running ? "running (no process)" : describeState(ended) },
      );
    }
    const held = stableForSeconds > 0 ? ` pendant ${stableForSeconds} s` : "";
    const heldEn = stableForSeconds > 0 ? ` for ${stableForSeconds} s` : "";
    return passed(localized(`Conteneur ${expected}${held}.`, `Container ${expected}${heldEn}.`), {
      expected,
      actual: describeState(first),
    });
  },
});
