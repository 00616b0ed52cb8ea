/** An image reference split as Docker reads it: `[registry[:port]/]path[:tag][@digest]`. */
export interface ImageReference {
  /** The repository, registry included (`python`, `ghcr.io/org/app`, `localhost:5000/app`). */
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits a reference; a colon in a registry host (`host:5000/x`) is not a tag. */
export function parseImageReference(reference: string): ImageReference {
  const at = reference.indexOf("@");
  const withoutDigest = at >= 0 ? reference.slice(0, at) : reference;
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const colon = withoutDigest.lastIndexOf(":");
  const hasTag = colon > withoutDigest.lastIndexOf("/");
  return {
    name: hasTag ? withoutDigest.slice(0, colon) : withoutDigest,
    tag: hasTag ? withoutDigest.slice(colon + 1) || undefined : undefined,
    digest: digest || undefined,
  };
}

/** The reference back as text, `latest` spelled out when no tag and no digest is given. */
export function formatImageReference(reference: ImageReference): string {
  if (reference.digest) return `${reference.name}${reference.tag ? `:${reference.tag}` : ""}@${reference.digest}`;
  return `${reference.name}:${reference.tag ?? "latest"}`;
}
