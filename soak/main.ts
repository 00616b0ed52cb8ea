import { Command } from "commander";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describeMachine } from "../bench/machine.js";
import type { SubmissionResult } from "../src/grading/result.js";
import { packageRoot } from "../src/package-root.js";
import { createDockerClient, probeEngine } from "../src/runtime/docker-client.js";
import { newId } from "../src/runtime/labels.js";
import { HOSTILE_FOLDER, makeSoakClass, PACK } from "./class.js";
import { runShell, waitForEngine } from "./engine-control.js";
import { gradeChild, type GradeRun } from "./grade-child.js";
import { countLeftovers } from "./leftovers.js";
import { soakMarkdown, writeSoakSection, type SoakReport } from "./report.js";
import { asExpected, changedVerdicts, verdictKey, verdictsOf, type Verdict } from "./verdicts.js";

const root = packageRoot();
const log = (line: string) => process.stderr.write(`[soak] ${line}\n`);
const docker = createDockerClient();

interface Reference {
  date: string;
  learners: number;
  concurrency: number;
  wallMs: number;
  peakRssMb: number;
  verdicts: Record<string, Verdict>;
}

const statuses = (results: SubmissionResult[]) => ({
  passed: results.filter((result) => result.status === "passed").length,
  failed: results.filter((result) => result.status === "failed").length,
  error: results.filter((result) => result.status === "error").length,
});

interface Options {
  learners: number;
  concurrency: number;
  killAfter?: number;
  downSeconds: number;
  engineKillCmd: string;
  engineStartCmd: string;
  reference: string;
  newReference: boolean;
  json: string;
  markdown: string;
}

async function soak(options: Options): Promise<void> {
  const machine = await describeMachine();
  if (!(await probeEngine(docker))) throw new Error("no engine answers: start one first (dockgrade doctor --fix)");
  const team = await makeSoakClass(root, options.learners);
  const state = await mkdtemp(join(tmpdir(), "soak-state-"));
  const cacheDir = await mkdtemp(join(tmpdir(), "soak-cache-"));
  const since = Math.floor(Date.now() / 1000);
  const before = await countLeftovers(docker, since, state);
  if (before.labelled > 0)
    throw new Error(`${before.labelled} dockgrade objects already on the engine: run \`dockgrade clean\` first`);
  const timingDependent = Object.fromEntries(
    Object.entries(team.timingDependent).map(([key, checks]) => [`${key.split("/")[0]} tests/hostile`, checks]),
  );
  const args = [
    team.packDir,
    ...team.learnerDirs,
    "--concurrency",
    String(options.concurrency),
    "--build-network",
    "none",
  ];
  const env = (runId: string, cache: boolean): NodeJS.ProcessEnv => ({
    DOCKGRADE_RUN_ID: runId,
    DOCKGRADE_STATE_DIR: state,
    DOCKGRADE_RESULT_CACHE: cache ? "on" : "off",
    DOCKGRADE_CACHE_DIR: cacheDir,
  });
  const submissions = Object.keys(team.sources).length;
  log(
    `${submissions} submissions (${options.learners} learners × the pack and the hostile corpus), concurrency ${options.concurrency}`,
  );
  try {
    let reference = await readFile(resolve(root, options.reference), "utf8").then(
      (text) => JSON.parse(text) as Reference,
      () => undefined,
    );
    if (reference && (reference.learners !== options.learners || reference.concurrency !== options.concurrency))
      reference = undefined;
    if (!reference || options.newReference) {
      log("reference run, undisturbed…");
      const run = await gradeChild(args, env(`soak-ref-${newId(3)}`, false), join(state, "reference.json")).exited;
      reference = {
        date: new Date().toISOString(),
        learners: options.learners,
        concurrency: options.concurrency,
        wallMs: run.wallMs,
        peakRssMb: run.peakRssMb,
        verdicts: verdictsOf(run.results),
      };
      await writeFile(resolve(root, options.reference), `${JSON.stringify(reference, null, 2)}\n`);
      log(
        `reference: ${(run.wallMs / 1000).toFixed(0)} s, exit ${run.exitCode}, ${JSON.stringify(statuses(run.results))}`,
      );
    }

    const disturbedId = `soak-${newId(3)}`;
    const killAfterMs = (options.killAfter ?? Math.round((reference.wallMs / 1000) * 0.4)) * 1000;
    log(`disturbed run ${disturbedId}: the engine is killed after ${killAfterMs / 1000} s…`);
    const child = gradeChild(args, env(disturbedId, true), join(state, "disturbed.json"));
    await sleep(killAfterMs);
    const killedAt = Date.now();
    const kill = await runShell(options.engineKillCmd);
    log(`killed (${options.engineKillCmd}): exit ${kill.code} ${kill.output.trim()}`);
    await sleep(options.downSeconds * 1000);
    const start = await runShell(options.engineStartCmd);
    const answeredIn = await waitForEngine(docker, 180_000);
    const engineDownMs = answeredIn === undefined ? undefined : Date.now() - killedAt;
    log(
      `started (${options.engineStartCmd}): exit ${start.code}; engine answers after ${((engineDownMs ?? 0) / 1000).toFixed(1)} s`,
    );
    const disturbed: GradeRun = await child.exited;
    log(
      `disturbed run: ${(disturbed.wallMs / 1000).toFixed(0)} s, exit ${disturbed.exitCode}, ${JSON.stringify(statuses(disturbed.results))}`,
    );
    const engineErrors = disturbed.results.filter((result) => result.status === "error");
    const errorsNamingEngine = engineErrors.filter((result) =>
      /Docker engine|engine failed/.test(result.error ?? ""),
    ).length;

    const clean = await runShell(
      `DOCKGRADE_STATE_DIR=${state} ${process.execPath} ${join(root, "dist/src/cli/main.js")} clean --run ${disturbedId}`,
    );
    const leftAfterClean = await countLeftovers(docker, since, state);
    log(`clean --run ${disturbedId}: exit ${clean.code}; left ${JSON.stringify(leftAfterClean)}`);

    const resumeId = `soak-${newId(3)}`;
    log(`resume run ${resumeId} (same command)…`);
    const resumed = await gradeChild(args, env(resumeId, true), join(state, "resumed.json")).exited;
    const reusedCount = resumed.results.filter((result) => result.reused).length;
    log(
      `resume: ${(resumed.wallMs / 1000).toFixed(0)} s, exit ${resumed.exitCode}, ${reusedCount} reused, ${JSON.stringify(statuses(resumed.results))}`,
    );
    const resumeNotice = resumed.stderr.split("\n").find((line) => / reused| réutilisé/.test(line)) ?? "";
    const final = await countLeftovers(docker, since, state);
    const engineAlive = (await probeEngine(docker)) !== undefined;
    const regraded = new Set(engineErrors.map((result) => verdictKey(result)));
    const changes = changedVerdicts(reference.verdicts, verdictsOf(resumed.results), timingDependent).map((change) => {
      const expected = team.expected[change.key] ?? { fails: [], mayFail: [] };
      return {
        ...change,
        regraded: regraded.has(change.key),
        referenceAsExpected: asExpected(change.reference, expected),
        nowAsExpected: asExpected(change.now, expected),
      };
    });
    const report: SoakReport = {
      machine,
      class: { learners: options.learners, submissions: resumed.results.length, concurrency: options.concurrency },
      engineCommands: { kill: options.engineKillCmd, start: options.engineStartCmd, downSeconds: options.downSeconds },
      reference: { date: reference.date, wallMs: reference.wallMs, peakRssMb: reference.peakRssMb },
      disturbed: {
        runId: disturbedId,
        wallMs: disturbed.wallMs,
        exitCode: disturbed.exitCode,
        peakRssMb: disturbed.peakRssMb,
        killAfterMs,
        engineDownMs,
        statuses: statuses(disturbed.results),
        errorsNamingEngine,
        errors: engineErrors.map((result) => ({ key: verdictKey(result), error: result.error ?? "" })),
      },
      clean: { exitCode: clean.code, output: clean.output.trim(), leftovers: leftAfterClean },
      resume: {
        runId: resumeId,
        wallMs: resumed.wallMs,
        exitCode: resumed.exitCode,
        peakRssMb: resumed.peakRssMb,
        reused: reusedCount,
        regraded: resumed.results.length - reusedCount,
        notice: resumeNotice,
        statuses: statuses(resumed.results),
        graded: resumed.results
          .filter((result) => !result.reused)
          .map((result) => ({ key: verdictKey(result), status: result.status, durationMs: result.durationMs })),
      },
      final: { leftovers: final, engineAlive },
      verdicts: {
        compared: Object.keys(reference.verdicts).length,
        regraded: regraded.size,
        regradedAsReference: [...regraded].filter((key) => !changes.some((change) => change.key === key)).length,
        changed: changes.filter((change) => !change.timingDependent),
        timingDependentChanges: changes.filter((change) => change.timingDependent).length,
      },
      sources: { pack: PACK, hostile: `test/hostile as ${HOSTILE_FOLDER}` },
    };
    await writeFile(resolve(root, options.json), `${JSON.stringify(report, null, 2)}\n`);
    await writeSoakSection(resolve(root, options.markdown), soakMarkdown(report));
    log(`wrote ${options.json} and the soak section of ${options.markdown}`);
    log(soakMarkdown(report));
  } finally {
    await rm(team.dir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
    await rm(state, { recursive: true, force: true });
  }
}

const program = new Command("soak")
  .description(
    "a class of ~100 submissions graded at concurrency 3 with the engine killed and restarted in the middle, then cleaned and resumed (not part of npm test)",
  )
  .option(
    "--learners <n>",
    "learners (6 submissions each: the pack's five exercises and a hostile case)",
    (v) => Number.parseInt(v, 10),
    17,
  )
  .option("--concurrency <n>", "submissions graded at the same time", (v) => Number.parseInt(v, 10), 3)
  .option("--kill-after <seconds>", "when to kill the engine (default: 40% of the reference run's time)", (v) =>
    Number.parseInt(v, 10),
  )
  .option("--down-seconds <s>", "time between the kill and the restart", (v) => Number.parseInt(v, 10), 5)
  .option(
    "--engine-kill-cmd <sh>",
    "how to kill the engine on this machine (env DOCKGRADE_SOAK_KILL_CMD)",
    process.env.DOCKGRADE_SOAK_KILL_CMD ?? "kill -9 $(cat /var/run/docker.pid)",
  )
  .option(
    "--engine-start-cmd <sh>",
    "how to start it again (env DOCKGRADE_SOAK_START_CMD)",
    process.env.DOCKGRADE_SOAK_START_CMD ??
      `${process.execPath} ${join(root, "dist/src/cli/main.js")} doctor --fix --quiet`,
  )
  .option(
    "--reference <path>",
    "verdicts of an undisturbed run of the same class (made when absent)",
    "bench/soak-reference.json",
  )
  .option("--new-reference", "run the undisturbed reference again", false)
  .option("--json <path>", "where the figures go", "bench/soak-results.json")
  .option("--markdown <path>", "where the soak section goes", "BENCHMARKS.md")
  .action(soak);

await program.parseAsync();
