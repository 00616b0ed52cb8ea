import { readFile, writeFile } from "node:fs/promises";
import type { Machine } from "../bench/machine.js";
import type { Leftovers } from "./leftovers.js";
import type { VerdictChange } from "./verdicts.js";

type Statuses = { passed: number; failed: number; error: number };

export interface SoakReport {
  machine: Machine;
  class: { learners: number; submissions: number; concurrency: number };
  engineCommands: { kill: string; start: string; downSeconds: number };
  reference: { date: string; wallMs: number; peakRssMb: number };
  disturbed: {
    runId: string;
    wallMs: number;
    exitCode: number;
    peakRssMb: number;
    killAfterMs: number;
    /** From the kill to the engine answering again. */
    engineDownMs?: number;
    statuses: Statuses;
    /** Results in error whose `error` names the engine. */
    errorsNamingEngine: number;
    errors?: { key: string; error: string }[];
  };
  clean: { exitCode: number; output: string; leftovers: Leftovers };
  resume: {
    runId: string;
    wallMs: number;
    exitCode: number;
    peakRssMb: number;
    reused: number;
    regraded: number;
    notice: string;
    statuses: Statuses;
    /** What the resume graded again, and how long each took. */
    graded?: { key: string; status: string; durationMs: number }[];
  };
  final: { leftovers: Leftovers; engineAlive: boolean };
  verdicts: {
    compared: number;
    /** Submissions in error after the kill, graded again by the resume; how many got the undisturbed run's verdict. */
    regraded: number;
    regradedAsReference: number;
    changed: VerdictChange[];
    timingDependentChanges: number;
  };
  sources: { pack: string; hostile: string };
}

const START = "<!-- soak:start -->";
const END = "<!-- soak:end -->";
const s = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
const mb = (value: number) => `${value.toFixed(0)} MB`;
const left = (leftovers: Leftovers) =>
  `${leftovers.total} (labelled ${leftovers.labelled}, containers ${leftovers.containers}, unnamed images ${leftovers.danglingImages}, journals ${leftovers.journals})`;

/** The BENCHMARKS.md section of `npm run soak`. */
export function soakMarkdown(report: SoakReport): string {
  const { disturbed, resume, final, verdicts, machine } = report;
  const mark = (ok: boolean | undefined) => (ok ? "as its expected.yaml" : "**not** as its expected.yaml");
  const changed = verdicts.changed.map(
    (change) =>
      `  - ${change.key}${change.regraded ? " (in error after the kill)" : ""}: ${change.reference ? `${change.reference.status} ${change.reference.score} [${change.reference.notPassed.join(", ")}]` : "absent"} (${mark(change.referenceAsExpected)}) → ${change.now ? `${change.now.status} ${change.now.score} [${change.now.notPassed.join(", ")}]` : "absent"} (${mark(change.nowAsExpected)})`,
  );
  const betterNow = verdicts.changed.filter((change) => change.nowAsExpected && !change.referenceAsExpected).length;
  return [
    START,
    "## Soak: a class of 100 with the engine killed in the middle (`npm run soak`)",
    "",
    `${report.class.submissions} submissions (${report.class.learners} learners × the five chapter exercises and one hostile case each: solutions, every fixture, every case of test/hostile) graded with \`dockgrade grade <pack> <learners…> --concurrency ${report.class.concurrency} --build-network none\`; the engine killed ${s(disturbed.killAfterMs)} in (\`${report.engineCommands.kill}\`), started again ${report.engineCommands.downSeconds} s later (\`${report.engineCommands.start}\`); then \`dockgrade clean --run <id>\`, then the same command again (resume). Measured ${machine.date.slice(0, 16).replace("T", " ")} UTC, ${machine.cores} cores shared with other work, Docker ${machine.engine}. Raw figures: [\`bench/soak-results.json\`](bench/soak-results.json).`,
    "",
    "| run | wall time | dockgrade peak RSS | passed / failed / error | exit |",
    "|---|---:|---:|---|---:|",
    `| undisturbed reference (${report.reference.date.slice(0, 10)}) | ${s(report.reference.wallMs)} | ${mb(report.reference.peakRssMb)} | | |`,
    `| engine killed at ${s(disturbed.killAfterMs)}, answering again ${disturbed.engineDownMs === undefined ? "never" : s(disturbed.engineDownMs)} later | ${s(disturbed.wallMs)} | ${mb(disturbed.peakRssMb)} | ${disturbed.statuses.passed} / ${disturbed.statuses.failed} / ${disturbed.statuses.error} | ${disturbed.exitCode} |`,
    `| rerun (resume): ${resume.reused} reused, ${resume.regraded} graded | ${s(resume.wallMs)} | ${mb(resume.peakRssMb)} | ${resume.statuses.passed} / ${resume.statuses.failed} / ${resume.statuses.error} | ${resume.exitCode} |`,
    "",
    `- Errors after the kill: ${disturbed.statuses.error}, of which ${disturbed.errorsNamingEngine} name the engine; after the resume: ${resume.statuses.error}. The rerun said: “${resume.notice.trim()}”.`,
    `- \`clean --run ${disturbed.runId}\`: exit ${report.clean.exitCode}; objects left after it: ${left(report.clean.leftovers)}.`,
    `- At the end: objects left ${left(final.leftovers)}; the engine ${final.engineAlive ? "answers" : "**does not answer**"}.`,
    `- Verdicts compared with the undisturbed run: ${verdicts.compared}; changed: ${verdicts.changed.length}${verdicts.timingDependentChanges > 0 ? ` (and ${verdicts.timingDependentChanges} only in checks the hostile corpus marks as depending on the moment)` : ""}; in ${betterNow} of them the undisturbed run was the one off its fixture's expected.yaml. The ${verdicts.regraded} submissions in error after the kill (${resume.regraded} graded again by the resume; the others have the same content as a submission graded in that run, whose verdict the resume reused): ${verdicts.regradedAsReference} with the undisturbed run's verdict.`,
    ...changed,
    "",
    "Reading the changed verdicts: each is checked against its fixture's expected.yaml (a solution fails nothing). On 2 cores shared with other work, checks bounded by time (health within N s with a 2 s probe timeout, a process killed for memory, a flood of logs, a build's time limit) also vary between two undisturbed runs; a change where the undisturbed run is the one off its expected.yaml is that, not the engine's death.",
    END,
    "",
  ].join("\n");
}

/** Puts the section in place of the previous one, or at the end; `npm run bench` keeps it (bench/soak.md). */
export async function writeSoakSection(file: string, section: string): Promise<void> {
  const text = await readFile(file, "utf8").catch(() => "");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section.trimEnd()}${text.slice(end + END.length)}`
      : `${text.trimEnd()}\n\n${section}`;
  await writeFile(file, next);
  await writeFile(file.replace(/BENCHMARKS\.md$/, "bench/soak.md"), section);
}
