import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { importCst } from "../../../src/authoring/import-cst/import-cst.js";
import { loadExercise } from "../../../src/exercise/load-exercise.js";

const REAL = "test/fixtures/cst/real";
const scratch = await mkdtemp(join(tmpdir(), "import-cst-real-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Tests in a CST file, counted from its YAML alone: one per test, one per metadata assertion group. */
function countTests(text: string): number {
  const file = parse(text) as Record<string, unknown[] | Record<string, unknown> | undefined>;
  const length = (key: string) => ((file[key] as unknown[] | undefined) ?? []).length;
  const meta = (file.metadataTest ?? {}) as Record<string, unknown>;
  const present = (key: string) =>
    Array.isArray(meta[key]) ? (meta[key] as unknown[]).length > 0 : meta[key] !== undefined && meta[key] !== "";
  const groups = [
    present("envVars"),
    present("unboundEnvVars"),
    present("labels"),
    present("exposedPorts") || present("unexposedPorts"),
    present("volumes") || present("unmountedVolumes"),
    meta.entrypoint !== undefined && meta.entrypoint !== null,
    meta.cmd !== undefined && meta.cmd !== null,
    present("workdir"),
    present("user"),
  ].filter(Boolean).length;
  return (
    length("commandTests") + length("fileExistenceTests") + length("fileContentTests") + length("licenseTests") + groups
  );
}

// converted / not converted, per file (SOURCES.md says where each comes from).
const EXPECTED: Record<string, { converted: number; notConverted: number }> = {
  "bazel-toolchains-bazel.yaml": { converted: 2, notConverted: 0 },
  "cst-ubuntu-22-04-test.yaml": { converted: 10, notConverted: 1 },
  "cst-ubuntu-22-04-metadata-test.yaml": { converted: 5, notConverted: 0 },
  "cst-ubuntu-22-04-containeropts-test.yaml": { converted: 0, notConverted: 2 },
  "cst-ubuntu-22-04-containeropts-user-test.yaml": { converted: 1, notConverted: 0 },
  "cst-ubuntu-22-04-containeropts-env-test.yaml": { converted: 0, notConverted: 1 },
  "hadolint-action.yaml": { converted: 1, notConverted: 0 },
  "privacyidea-docker.yaml": { converted: 7, notConverted: 0 },
};

describe("import-cst on real CST files from public projects", () => {
  it.each(Object.entries(EXPECTED))("%s: every test converted or named with a reason", async (name, expected) => {
    const file = join(REAL, name);
    const target = join(scratch, name.replace(/\.yaml$/, ""));
    const result = await importCst(file, target, { force: false, lang: "en" });
    const converted = result.items.filter((item) => item.check);
    const left = result.items.filter((item) => item.notConverted);
    expect({ converted: converted.length, notConverted: left.length }).toEqual(expected);
    expect(result.items.length).toBe(countTests(await readFile(file, "utf8")));
    for (const item of result.items) {
      expect(Boolean(item.check) !== Boolean(item.notConverted)).toBe(true);
      expect(item.line).toBeGreaterThan(0);
      if (item.notConverted) {
        expect(item.notConverted.fr.length).toBeGreaterThan(10);
        expect(item.notConverted.en.length).toBeGreaterThan(10);
        expect(result.report).toContain(`${file}:${item.line} ${item.source}`);
      }
    }
    if (converted.length === 0) {
      expect(result.written).toEqual([]);
      return;
    }
    const { spec } = await loadExercise(target);
    expect(spec.points).toBe(converted.length);
    expect(spec.checks.map((check) => check.title.en)).toEqual(
      converted.map((item) => (item.source.startsWith("metadataTest") ? item.check!.title.en : item.name)),
    );
    expect(spec.checks.every((check) => check.points === 1)).toBe(true);
  });

  it("refuses a schemaVersion 1.0.0 file (distroless) with its line and how to rewrite it", async () => {
    await expect(
      importCst(join(REAL, "distroless-python3-v1.yaml"), join(scratch, "v1"), { force: false, lang: "en" }),
    ).rejects.toThrow(
      /distroless-python3-v1\.yaml:1 schemaVersion: "1\.0\.0": dockgrade imports schemaVersion "2\.0\.0" only \(in 1\.0\.0 a command is one list/,
    );
  });
});
