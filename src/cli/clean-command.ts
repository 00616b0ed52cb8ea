import { addOutcome, emptyOutcome } from "../runtime/clean-outcome.js";
import { createDockerClient, requireEngine } from "../runtime/docker-client.js";
import { engineIdentity, sameEngine, type EngineIdentity } from "../runtime/engine-identity.js";
import { removeJournalObjects } from "../runtime/journal-cleanup.js";
import { journalDirs } from "../runtime/journal-location.js";
import {
  deleteJournal,
  findJournal,
  listJournals,
  runUnderWay,
  type JournalRecord,
} from "../runtime/journal-records.js";
import { cleanManagedObjects, type SparedRuns } from "../runtime/remove-managed.js";
import { leftObjectsHelp, removedSummary } from "./left-objects-help.js";

function otherEngineNote(record: JournalRecord, engine: EngineIdentity): string {
  const theirs = record.engines.at(-1) ?? { ...record.runs.at(-1)!.engine, id: "?", version: "?" };
  return [
    `run ${record.runId}: corrigé sur un autre moteur / graded on another engine: ${theirs.endpoint} (${theirs.version}, ID ${theirs.id});`,
    `  ce moteur-ci / this one: ${engine.endpoint} (${engine.version}, ID ${engine.id}). Pour ce run / for that run:`,
    `  DOCKER_HOST=${theirs.endpoint} dockgrade clean --run ${record.runId}`,
  ].join("\n");
}

/**
 * The journal was written for this engine: by its identity, or by its address when the run died
 * before the engine's identity was read.
 */
function journalOfEngine(record: JournalRecord, engine: EngineIdentity): boolean {
  if (record.engines.length > 0) return record.engines.some((known) => sameEngine(known, engine));
  return record.runs.some((run) => run.engine.endpoint === engine.endpoint);
}

/** Which journals a clean walks, and which runs it leaves alone (decided before touching the engine). */
export interface CleanPlan {
  walk: JournalRecord[];
  spared: SparedRuns;
  notes: string[];
  /** `--run` names a run graded on another engine: its journal is kept for that engine. */
  elsewhere: boolean;
}

/**
 * `--run <id>` walks that run's journal whatever its state (the user asked for it); a plain clean
 * walks every journal of this engine except those of runs still under way, whose labels and names
 * it spares too. A journal of another engine is never walked here: its ids mean nothing to this one.
 */
export function planClean(
  records: JournalRecord[],
  engine: EngineIdentity,
  runId: string | undefined,
  underWay: (record: JournalRecord) => boolean = runUnderWay,
): CleanPlan {
  const plan: CleanPlan = { walk: [], spared: { runIds: new Set(), namespaces: [] }, notes: [], elsewhere: false };
  for (const record of records) {
    if (!runId && underWay(record)) {
      plan.spared.runIds.add(record.runId);
      plan.spared.namespaces.push(...record.sessions.map((session) => session.namespace));
      plan.notes.push(
        `run ${record.runId}: toujours en cours (pid ${record.runs.at(-1)!.pid}), laissé tel quel / still under way, left alone (--run ${record.runId} to clean it anyway)`,
      );
    } else if (!journalOfEngine(record, engine)) {
      plan.notes.push(otherEngineNote(record, engine));
      plan.elsewhere ||= runId !== undefined;
    } else plan.walk.push(record);
  }
  return plan;
}

/**
 * `dockgrade clean [--run <id>]`: removes what killed runs left. It reads the run journals (what
 * each run created, build steps included, as it created them) of this engine, then removes
 * everything with dockgrade's labels; plain `clean` leaves runs still under way alone. Exit code:
 * 0 nothing of dockgrade's is left, 1 some objects are left (named, with the remedy), 2 no engine.
 */
export async function cleanCommand(write: (line: string) => void, runId?: string): Promise<number> {
  const docker = createDockerClient();
  const [, engine] = await Promise.all([requireEngine(docker), engineIdentity(docker)]);
  const records = runId
    ? [await findJournal(runId)].flatMap((record) => (record ? [record] : []))
    : await listJournals();
  const plan = planClean(records, engine, runId);
  const total = emptyOutcome();
  for (const record of plan.walk) addOutcome(total, await removeJournalObjects(docker, record));
  addOutcome(total, await cleanManagedObjects(docker, runId, plan.spared));
  // A journal goes once nothing of its run is left; otherwise it is what the next clean reads.
  const runsLeft = new Set(total.left.map((object) => object.runId));
  for (const record of plan.walk) if (!runsLeft.has(record.runId)) await deleteJournal(record);
  write(removedSummary(total));
  if (records.length > 0) write(`journaux lus / journals read: ${records.length} (${journalDirs().join(", ")})\n`);
  for (const note of plan.notes) write(`${note}\n`);
  write(leftObjectsHelp(total, runId));
  return total.left.length > 0 || plan.elsewhere ? 1 : 0;
}
