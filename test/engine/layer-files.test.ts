import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LayerFile } from "../../src/grading/context.js";
import { readLayerFiles } from "../../src/runtime/image-contents.js";
import { readOverlayLayerFiles } from "../../src/runtime/overlay-layers.js";
import { openSubmission, type OpenSubmission } from "../../src/grading/open-submission.js";
import { loadExercise } from "../../src/exercise/load-exercise.js";
import { docker, runId } from "../support/engine.js";

const COUCHES = "exercises/03-images-conteneurs/02-couches";

const comparable = (layer: LayerFile[]) =>
  layer.map((file) => `${file.path} ${file.sizeBytes} ${file.whiteout} ${file.isDirectory}`).sort();

/** The fast path (the engine's overlay2 folders) must see exactly what `docker save` shows. */
describe("layer files from the engine's folders", () => {
  let opened: OpenSubmission;

  beforeAll(async () => {
    // A deletion in a later layer: the folders mark it with a device file, the tar with `.wh.`.
    opened = await openSubmission(await loadExercise(COUCHES), `${COUCHES}/fixtures/nettoyage-tardif`, {
      docker,
      runId,
      buildNetwork: "none",
    });
  });
  afterAll(() => opened[Symbol.asyncDispose]());

  it("lists the same files, sizes and deletions as docker save, layer by layer", async () => {
    const image = await opened.context.image();
    const base = await opened.context.baseImage();
    const fromFolders = await readOverlayLayerFiles(docker, image.id, () => true);
    const fromSave = await readLayerFiles(docker, image.id);
    expect(fromFolders, "overlay2 folders readable (local engine, root)").toBeDefined();
    expect(fromFolders).toHaveLength(fromSave.length);
    const baseLayers = base?.layers.length ?? 0;
    // The learner's layers, written by the builder: the same entries, byte for byte.
    expect(fromFolders!.slice(baseLayers).map(comparable)).toEqual(fromSave.slice(baseLayers).map(comparable));
    expect(fromFolders!.flat().some((file) => file.whiteout && file.path === "/tmp/releves.csv")).toBe(true);
    // An imported base layer replays its original tar: the same paths and bytes, but which name
    // of a hard link carries the bytes follows that tar's order.
    for (let index = 0; index < baseLayers; index += 1) {
      const paths = (layer: LayerFile[]) =>
        layer
          .map((file) => file.path)
          .filter((path) => path !== "/")
          .sort();
      const bytes = (layer: LayerFile[]) => layer.reduce((sum, file) => sum + file.sizeBytes, 0);
      expect(paths(fromFolders![index]!)).toEqual(paths(fromSave[index]!));
      expect(bytes(fromFolders![index]!)).toBe(bytes(fromSave[index]!));
    }
  });

  it("reads only the layers asked for", async () => {
    const image = await opened.context.image();
    const base = await opened.context.baseImage();
    const added = await opened.context.imageLayerFiles("added");
    expect(added.filter((layer) => layer.fromBase).every((layer) => layer.files.length === 0)).toBe(true);
    expect(added.filter((layer) => !layer.fromBase).some((layer) => layer.files.length > 0)).toBe(true);
    expect(added).toHaveLength(image.layers.length);
    expect(base?.layers.length).toBeGreaterThan(0);
  });
});
