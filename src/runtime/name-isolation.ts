/** `docker.io/library/x` and `docker.io/x` are `x`; `docker.io/alice/x` is `alice/x`. */
function shortDockerHubName(ref: string): string {
  const rest = /^(?:index\.)?docker\.io\/(.+)$/.exec(ref)?.[1];
  if (!rest) return ref;
  const official = /^library\/([^/]+)$/.exec(rest.split(/[:@]/)[0]!) ? rest.slice("library/".length) : undefined;
  return official ?? rest;
}

/**
 * Gives each submission its own image namespace: the learner's `mon-app:v1` becomes
 * `dockgrade-<session>/mon-app:v1` on the engine, so two submissions graded at once never see
 * each other's images and an image the instructor already has is never overwritten.
 */
export class NameIsolation {
  private readonly repositories = new Set<string>();
  private readonly containers = new Map<string, string>();

  /**
   * @param containerScope A label filter (`key=value`) that every container of the submission
   *   carries: what `docker ps` may list.
   */
  constructor(
    readonly prefix: string,
    readonly containerScope?: string,
  ) {}

  /**
   * Splits `repo[:tag][@digest]`; a colon inside a registry host (`host:5000/x`) is not a tag.
   * Docker Hub's long forms name the same image as the short one (`docker.io/library/mon-app` is
   * `mon-app`): the repository is given in its short form.
   */
  static split(ref: string): { repository: string; suffix: string } {
    ref = shortDockerHubName(ref);
    const at = ref.indexOf("@");
    const withoutDigest = at >= 0 ? ref.slice(0, at) : ref;
    const digest = at >= 0 ? ref.slice(at) : "";
    const colon = withoutDigest.lastIndexOf(":");
    const hasTag = colon > withoutDigest.lastIndexOf("/");
    return hasTag
      ? { repository: withoutDigest.slice(0, colon), suffix: withoutDigest.slice(colon) + digest }
      : { repository: withoutDigest, suffix: digest };
  }

  /** The engine-side name for a name the learner writes to (build -t, tag target). */
  isolate(ref: string): string {
    const { repository, suffix } = NameIsolation.split(ref);
    this.repositories.add(repository);
    return `${this.prefix}/${repository.replaceAll(":", "-")}${suffix}`;
  }

  /** For names the learner reads: their own images are isolated, anything else (a base image) is left as is. */
  resolve(ref: string): string {
    const { repository } = NameIsolation.split(ref);
    return this.repositories.has(repository) ? this.isolate(ref) : ref;
  }

  owns(ref: string): boolean {
    return this.repositories.has(NameIsolation.split(ref).repository);
  }

  /** Lets the learner call a container of this submission by the name the exercise gives it. */
  bindContainer(learnerName: string, engineName: string): void {
    this.containers.set(learnerName, engineName);
  }

  /** The engine name of a container the learner names, or undefined when it is not theirs. */
  resolveContainer(name: string): string | undefined {
    return this.containers.get(name.replace(/^\//, ""));
  }

  /** Puts the learner's names back into engine output. */
  restore(text: string): string {
    let restored = text.replaceAll(`${this.prefix}/`, "");
    for (const [learnerName, engineName] of this.containers) restored = restored.replaceAll(engineName, learnerName);
    return restored;
  }
}
