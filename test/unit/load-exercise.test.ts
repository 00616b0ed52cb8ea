import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SpecError } from "../../src/errors.js";
import { loadExercise } from "../../src/exercise/load-exercise.js";

const VALID = `id: 03-x/01-y
title: {fr: Titre, en: Title}
points: 3
checks:
  - id: base
    kind: dockerfile.base-pinned
    points: 1
    title: {fr: a, en: a}
    hint: {fr: b, en: b}
  - id: couches
    kind: image.layers
    points: 2
    max: 3
    title: {fr: a, en: a}
    hint: {fr: b, en: b}
`;

async function specFolder(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dockgrade-unit-"));
  await writeFile(join(dir, "exercise.yaml"), text);
  return dir;
}

async function problemsOf(text: string): Promise<string[]> {
  try {
    await loadExercise(await specFolder(text));
  } catch (error) {
    if (error instanceof SpecError) return error.problems;
    throw error;
  }
  throw new Error("expected a SpecError");
}

describe("loadExercise", () => {
  it("loads a valid spec with defaults filled in", async () => {
    const { spec } = await loadExercise(await specFolder(VALID));
    expect(spec.build).toEqual({ dockerfile: "Dockerfile", context: "." });
    expect(spec.limits.memoryMb).toBe(512);
    expect(spec.checks[1]).toMatchObject({ kind: "image.layers", max: 3, visibility: "visible" });
  });

  it("names file, line and field of a wrong value", async () => {
    const [problem] = await problemsOf(VALID.replace("max: 3", "max: trois"));
    expect(problem).toMatch(/exercise\.yaml:13 checks\[1\]\.max: Invalid input: expected number, received string$/);
  });

  it("points a missing field at its parent's line", async () => {
    const [problem] = await problemsOf(VALID.replace("    hint: {fr: b, en: b}\n", ""));
    expect(problem).toMatch(/exercise\.yaml:5 checks\[0\]\.hint: /);
  });

  it("rejects unknown kinds, unknown fields, duplicate ids and a wrong total", async () => {
    expect(await problemsOf(VALID.replace("kind: image.layers", "kind: image.colour"))).toEqual([
      expect.stringMatching(/:11 checks\[1\]\.kind: unknown check kind "image.colour" \(known: .*image\.tags/),
    ]);
    expect((await problemsOf(VALID.replace("max: 3", "maxi: 3")))[0]).toMatch(/:13 checks\[1\]\.maxi: unknown field$/);
    expect(await problemsOf(VALID.replace("id: couches", "id: base"))).toEqual([
      expect.stringMatching(/:10 checks\[1\]\.id: duplicate id "base"/),
    ]);
    expect(await problemsOf(VALID.replace("points: 3", "points: 4"))).toEqual([
      expect.stringMatching(/:3 points: is 4 but the checks' points add up to 3/),
    ]);
  });

  it("reports malformed YAML with its line", async () => {
    const [problem] = await problemsOf("id: a/b\ntitle: {fr: a, en: a\npoints: 1\n");
    expect(problem).toMatch(/exercise\.yaml:\d+ /);
  });

  it("says when the folder has no exercise.yaml", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-unit-"));
    await expect(loadExercise(dir)).rejects.toThrow(/exercise\.yaml: not found/);
  });
});
