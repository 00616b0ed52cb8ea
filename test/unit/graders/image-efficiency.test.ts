import { describe, expect, it } from "vitest";
import grader, { measureWaste } from "../../../graders/image-efficiency.js";
import type { LayerFile, LayerFiles } from "../../../src/grading/context.js";
import { fakeContext } from "../../support/fake-context.js";

const file = (path: string, sizeBytes: number): LayerFile => ({ path, sizeBytes, whiteout: false, isDirectory: false });
const whiteout = (path: string): LayerFile => ({ path, sizeBytes: 0, whiteout: true, isDirectory: false });
const dir = (path: string): LayerFile => ({ path, sizeBytes: 0, whiteout: false, isDirectory: true });
const layer = (createdBy: string, files: LayerFile[], fromBase = false): LayerFiles => ({
  diffId: `sha256:${createdBy.length}`,
  createdBy,
  sizeBytes: files.reduce((sum, f) => sum + f.sizeBytes, 0),
  fromBase,
  files,
});

const baseLayer = layer("Imported from -", [file("/usr/lib/libc.so", 5e6), file("/usr/share/doc/README", 1e6)], true);
const update = layer("/bin/sh -c apt-get update", [dir("/var/lib/apt/lists"), file("/var/lib/apt/lists/main", 40e6)]);
const install = layer("/bin/sh -c apt-get install -y curl", [file("/usr/bin/curl", 2e6)]);
const clean = layer("/bin/sh -c rm -rf /var/lib/apt/lists/*", [whiteout("/var/lib/apt/lists/main")]);

describe("measureWaste", () => {
  it("finds no waste in layers that never overwrite or delete", () => {
    expect(measureWaste([baseLayer, install])).toEqual({ wastedBytes: 0, score: 1, worst: [] });
    expect(measureWaste([])).toEqual({ wastedBytes: 0, score: 1, worst: [] });
  });

  it("counts every copy but the last of a file added again", () => {
    const copy = (n: number) => layer(`COPY app ${n}`, [file("/app/app.py", 1000 * n)]);
    const measure = measureWaste([copy(1), copy(2), copy(3)]);
    expect(measure.wastedBytes).toBe(3000);
    expect(measure.score).toBeCloseTo(1 - 3000 / 6000);
    expect(measure.worst).toEqual([{ path: "/app/app.py", wastedBytes: 3000, layers: [0, 1, 2] }]);
  });

  it("counts every copy of a file a later layer deletes (whiteout)", () => {
    const measure = measureWaste([update, install, clean]);
    expect(measure.wastedBytes).toBe(40e6);
    expect(measure.worst).toEqual([{ path: "/var/lib/apt/lists/main", wastedBytes: 40e6, layers: [0, 2] }]);
  });

  it("a whiteout of a folder deletes everything under it, not its namesakes", () => {
    const build = layer("RUN make", [
      file("/tmp/build/a.o", 100),
      file("/tmp/build/sub/b.o", 200),
      file("/tmp/buildlog", 50),
    ]);
    const measure = measureWaste([build, layer("RUN rm -rf /tmp/build", [whiteout("/tmp/build")])]);
    expect(measure.wastedBytes).toBe(300);
    expect(measure.worst.map((entry) => entry.path)).toEqual(["/tmp/build/sub/b.o", "/tmp/build/a.o"]);
  });

  it("a file deleted then added again only wastes the deleted copy; a whiteout never hides its own layer's files", () => {
    const readd = layer("COPY x", [whiteout("/x"), file("/x", 10)]);
    const measure = measureWaste([layer("ADD x", [file("/x", 70)]), readd]);
    expect(measure.wastedBytes).toBe(70);
    expect(measure.worst).toEqual([{ path: "/x", wastedBytes: 70, layers: [0, 1] }]);
  });
});

describe("image.efficiency", () => {
  const context = fakeContext({ layerFiles: [baseLayer, update, install, clean] });

  it("fails on wasted bytes, listing the worst paths with their layers and how to fix it", async () => {
    const outcome = await grader.run({ maxWastedMb: 5, includeBase: false }, context);
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("More than 5 MB wasted.");
    expect(outcome.message.en).toContain(
      "40 MB  /var/lib/apt/lists/main ← layers 2 (RUN apt-get update), 4 (RUN rm -rf /var/lib/apt/lists/*)",
    );
    expect(outcome.message.fr).toContain("/var/lib/apt/lists/main ← couches 2 (RUN apt-get update)");
    expect(outcome.message.fr).toContain("dans la même couche");
    expect(outcome.message.en).toContain("clean up in the same RUN");
  });

  it("fails below minScore and passes a clean image", async () => {
    expect((await grader.run({ minScore: 0.9, includeBase: false }, context)).status).toBe("fail");
    const tidy = fakeContext({ layerFiles: [baseLayer, install] });
    const outcome = await grader.run({ maxWastedMb: 0, minScore: 1, includeBase: false }, tidy);
    expect(outcome.status).toBe("pass");
    expect(outcome.message.en).toContain("0 B wasted, efficiency 100.0 %");
  });

  it("leaves the base image's own waste out unless includeBase", async () => {
    const trimmed = fakeContext({
      layerFiles: [baseLayer, layer("RUN rm -rf /usr/share/doc", [whiteout("/usr/share/doc")])],
    });
    expect((await grader.run({ maxWastedMb: 0, includeBase: false }, trimmed)).status).toBe("pass");
    const outcome = await grader.run({ maxWastedMb: 0, includeBase: true }, trimmed);
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain(
      "/usr/share/doc/README ← layers 1 (Imported from -), 2 (RUN rm -rf /usr/share/doc)",
    );
  });
});
