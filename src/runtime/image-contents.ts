import type Docker from "dockerode";
import { posix } from "node:path";
import type { Readable } from "node:stream";
import { extract, type Header } from "tar-stream";
import type { ImageFacts, ImageFile, LayerFile, LayerFiles } from "../grading/context.js";
import { layerSteps } from "../grading/layer-steps.js";
import { readOverlayLayerFiles } from "./overlay-layers.js";

const CONTENT_LIMIT = 64 * 1024;

/** Walks a tar stream; `onEntry` sees each header and may read the body (it is drained otherwise). */
async function walkTar(
  stream: NodeJS.ReadableStream,
  onEntry: (header: Header, body: Readable) => Promise<void>,
): Promise<void> {
  const reader = extract();
  reader.on("entry", (header, source, next) => {
    // Entry bodies are streamx streams (no readableEnded): listen for the end from the start.
    const body = source as unknown as Readable;
    let advanced = false;
    body.on("end", () => {
      if (!advanced) {
        advanced = true;
        next();
      }
    });
    onEntry(header, body)
      .then(() => body.resume())
      .catch((error: Error) => reader.destroy(error));
  });
  await new Promise<void>((resolve, reject) => {
    reader.on("finish", resolve);
    reader.on("error", reject);
    stream.on("error", reject);
    stream.pipe(reader);
  });
}

async function readLimited(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < limit) chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return Buffer.concat(chunks).subarray(0, limit).toString("utf8");
}

const TYPES: Record<string, ImageFile["type"]> = { file: "file", directory: "directory", symlink: "symlink" };

/** One file of an image, read through a created (never started) container's archive API. */
export async function readFileFromContainer(container: Docker.Container, path: string): Promise<ImageFile | undefined> {
  const archive = await container.getArchive({ path }).catch((error: { statusCode?: number }) => {
    if (error.statusCode === 404) return undefined;
    throw error;
  });
  if (!archive) return undefined;
  let found: ImageFile | undefined;
  await walkTar(archive, async (header, body) => {
    if (found) return;
    found = {
      path,
      type: TYPES[header.type ?? ""] ?? "other",
      mode: (header.mode ?? 0) & 0o7777,
      uid: header.uid ?? 0,
      gid: header.gid ?? 0,
      sizeBytes: header.size ?? 0,
      linkTarget: header.linkname ?? undefined,
      content: header.type === "file" ? await readLimited(body, CONTENT_LIMIT) : undefined,
    };
  });
  return found;
}

function layerFile(header: Header): LayerFile {
  const name = `/${header.name.replace(/^\.?\//, "").replace(/\/$/, "")}`;
  const base = posix.basename(name);
  const whiteout = base.startsWith(".wh.");
  return {
    path: whiteout ? posix.join(posix.dirname(name), base.slice(4)) : name,
    sizeBytes: header.type === "file" ? (header.size ?? 0) : 0,
    whiteout,
    isDirectory: header.type === "directory",
  };
}

/**
 * The files of each layer of an image, in RootFS order, from `docker save` (one tar per layer),
 * the way dive reads them. Opaque-directory markers are left out.
 */
export async function readLayerFiles(docker: Docker, imageId: string): Promise<LayerFile[][]> {
  const byLayerTar = new Map<string, LayerFile[]>();
  let manifest: { Layers: string[] }[] = [];
  const saved = await docker.getImage(imageId).get();
  await walkTar(saved, async (header, body) => {
    if (header.name === "manifest.json") {
      manifest = JSON.parse(await readLimited(body, 1024 * 1024)) as { Layers: string[] }[];
    } else if (header.name.endsWith("layer.tar") && header.type === "file") {
      const files: LayerFile[] = [];
      await walkTar(body, async (inner) => {
        if (!posix.basename(inner.name).startsWith(".wh..wh.")) files.push(layerFile(inner));
      });
      byLayerTar.set(header.name, files);
    }
  });
  return (manifest[0]?.Layers ?? []).map((name) => byLayerTar.get(name) ?? []);
}

/**
 * Every layer of an image with the step that made it and whether it is the base's; the files of
 * the layers `scope` selects (the others' lists are empty): from the engine's layer folders
 * when they can be read, else from `docker save`.
 */
export async function readImageLayers(
  docker: Docker,
  image: ImageFacts,
  base: ImageFacts | undefined,
  scope: "all" | "added" = "all",
): Promise<LayerFiles[]> {
  const isBase = (index: number) => base?.layers[index] === image.layers[index];
  const files =
    (await readOverlayLayerFiles(docker, image.id, (index) => scope === "all" || !isBase(index))) ??
    (await readLayerFiles(docker, image.id));
  const steps = layerSteps(image.history, image.layers.length);
  return image.layers.map((diffId, index) => ({
    diffId,
    createdBy: steps[index]?.createdBy ?? "",
    sizeBytes: (files[index] ?? []).reduce((sum, file) => sum + file.sizeBytes, 0),
    fromBase: isBase(index),
    files: files[index] ?? [],
  }));
}
