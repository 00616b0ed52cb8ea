import type Docker from "dockerode";
import { addOutcome, emptyOutcome, shortId, type CleanOutcome, type LeftObject } from "./clean-outcome.js";
import { removeContainer } from "./container-removal.js";
import type { JournalRecord } from "./journal-records.js";
import { LABEL_MANAGED, LABEL_SESSION } from "./labels.js";
import { cleanManagedObjects } from "./remove-managed.js";

const engineMessage = (error: unknown) =>
  ((error as { json?: { message?: string } }).json?.message ?? (error as Error).message ?? String(error)).trim();

/** Containers the journal names (by id, by name, by session label) that are still on the engine. */
async function journalContainers(docker: Docker, record: JournalRecord): Promise<Docker.ContainerInfo[]> {
  const ids = record.containers.map((entry) => entry.id);
  const names = new Set(record.sessions.flatMap((session) => session.containers.map((name) => `/${name}`)));
  const sessions = new Set(record.sessions.map((session) => session.session));
  const all = await docker.listContainers({ all: true });
  return all.filter(
    (container) =>
      ids.some((id) => container.Id.startsWith(id)) ||
      // A name alone is not enough: only a container that also carries dockgrade's label.
      (container.Labels?.[LABEL_MANAGED] === "true" &&
        (container.Names.some((name) => names.has(name)) || sessions.has(container.Labels[LABEL_SESSION] ?? ""))),
  );
}

/** Tags in the run's sessions' namespaces (`dockgrade-<session>...`), on any image. */
async function removeSessionTags(docker: Docker, record: JournalRecord): Promise<void> {
  const namespaces = record.sessions.map((session) => session.namespace);
  for (const image of await docker.listImages({ all: false })) {
    for (const tag of image.RepoTags ?? [])
      if (namespaces.some((namespace) => tag.startsWith(namespace)))
        await docker
          .getImage(tag)
          .remove({ noprune: true })
          .catch(() => undefined);
  }
}

const dangling = (image: Docker.ImageInfo) => (image.RepoTags ?? []).every((tag) => tag === "<none>:<none>");

/**
 * A step the engine committed after the process stopped reading the build (killed mid-step): its
 * id never reached the journal, but it rests on a journalled image and was committed from a step
 * container the journal names (the image's `Container`; engines before API 1.45 report it).
 */
async function strayStepImages(
  docker: Docker,
  images: Docker.ImageInfo[],
  journalled: Set<string>,
  stepContainers: string[],
): Promise<string[]> {
  const strays: string[] = [];
  const known = new Set(journalled);
  for (let found = true; found;) {
    found = false;
    for (const image of images) {
      const id = shortId(image.Id);
      if (known.has(id) || !image.ParentId || !known.has(shortId(image.ParentId)) || !dangling(image)) continue;
      const info = (await docker
        .getImage(image.Id)
        .inspect()
        .catch(() => undefined)) as { Container?: string } | undefined;
      if (!info?.Container || !stepContainers.some((container) => info.Container!.startsWith(container))) continue;
      strays.push(id);
      known.add(id);
      found = true;
    }
  }
  return strays;
}

/**
 * Removes the images the journal lists that are still there, newest first, again while each pass
 * removes something (a step goes once the step above it has gone). Never forced: an image that
 * someone named, or built on, or runs a container from, is no longer dockgrade's alone.
 */
async function removeJournalImages(
  docker: Docker,
  record: JournalRecord,
  leftContainers: Set<string>,
  keepCache: boolean,
): Promise<Pick<CleanOutcome, "left" | "kept"> & { removed: number }> {
  const images = await docker.listImages({ all: true });
  const present = new Map(images.map((image) => [shortId(image.Id), image] as const));
  const stepContainers = record.containers.filter((entry) => entry.role === "step").map((entry) => entry.id);
  const journalled = new Set(record.images.map((entry) => entry.id).filter((id) => present.has(id)));
  const pending = new Map<string, string>();
  for (const id of (await strayStepImages(docker, images, journalled, stepContainers)).reverse()) pending.set(id, "");
  for (const entry of [...record.images].reverse())
    if (present.has(entry.id) && !(keepCache && entry.role === "cache")) pending.set(entry.id, "");
  const kept: LeftObject[] = [];
  let removed = 0;
  let progress = true;
  while (progress && pending.size > 0) {
    progress = false;
    for (const id of [...pending.keys()]) {
      const foreignTags = (present.get(id)?.RepoTags ?? []).filter(
        (tag) => tag !== "<none>:<none>" && !tag.startsWith("dockgrade-"),
      );
      if (foreignTags.length > 0) {
        pending.delete(id);
        kept.push({ kind: "image", id, reason: `tagged ${foreignTags.join(", ")}`, heldByEngine: false });
        continue;
      }
      try {
        await docker.getImage(id).remove({ noprune: true });
        removed += 1;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 404) {
          pending.set(id, engineMessage(error));
          continue;
        }
      }
      pending.delete(id);
      progress = true;
    }
  }
  const left: LeftObject[] = [];
  for (const [id, reason] of pending) {
    const user = /being used by (?:running|stopped) container ([0-9a-f]+)/.exec(reason)?.[1];
    const ours = user && [...leftContainers].some((container) => container.startsWith(user.slice(0, 12)));
    const object = { kind: "image" as const, id, runId: record.runId, reason, heldByEngine: false };
    // Someone's image rests on this step, or their container runs it: it is theirs to remove now.
    if (/dependent child images/.test(reason) || (user && !ours)) kept.push(object);
    else left.push(object);
  }
  return { removed, left, kept };
}

/**
 * Removes what a run's journal lists and the engine still has: the step containers and the images
 * of builds cut short (which no label names), the session's containers and tags. Only what the
 * journal names, and only while it is still dockgrade's: a user's image is never touched.
 */
export async function removeJournalObjects(
  docker: Docker,
  record: JournalRecord,
  options: { keepCache?: boolean } = {},
): Promise<CleanOutcome> {
  const outcome = emptyOutcome();
  const containers = await journalContainers(docker, record);
  const stuck = await Promise.all(containers.map((container) => removeContainer(docker, container.Id)));
  outcome.removed.containers = stuck.filter((left) => !left).length;
  for (const left of stuck) if (left) outcome.left.push({ ...left, runId: record.runId });
  await removeSessionTags(docker, record);
  const leftContainers = new Set(outcome.left.map((left) => left.id));
  const images = await removeJournalImages(docker, record, leftContainers, options.keepCache ?? false);
  outcome.removed.images = images.removed;
  outcome.left.push(...images.left);
  outcome.kept.push(...images.kept);
  return outcome;
}

/**
 * Everything one run left: what its journal lists (read back from the file, when it has one),
 * then whatever carries the run's labels.
 */
export async function removeRunObjects(
  docker: Docker,
  runId: string,
  record: JournalRecord | undefined,
  options: { keepCache?: boolean } = {},
): Promise<CleanOutcome> {
  const outcome = record ? await removeJournalObjects(docker, record, options) : emptyOutcome();
  return addOutcome(outcome, await cleanManagedObjects(docker, runId));
}
