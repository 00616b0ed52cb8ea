import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const SANTE = "exercises/03-images-conteneurs/04-sante";

// Deliberately weak: the application must answer, nothing asks for its health.
const WEAK_SPEC = `id: essai/sante-faible
title: { fr: Santé (spec faible), en: Health (weak spec) }
points: 2
baseImages: [python:3.11-slim]
build: { dockerfile: Dockerfile, context: ., tag: mon-app:sante }
run: { ports: [8000] }
checks:
  - id: repond
    kind: container.http
    points: 2
    port: 8000
    path: /health
    status: 200
    title: { fr: L'application répond, en: The application answers }
    hint: { fr: Gardez le CMD., en: Keep the CMD. }
`;

interface JsonMutant {
  name: string;
  outcome: string;
  killedBy: string[];
  description: { fr: string; en: string };
}

describe("dockgrade verify --mutants", () => {
  let root: string;
  let exercise: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "dockgrade-mutants-test-"));
    exercise = join(root, "sante-faible");
    await cp(join(SANTE, "solution"), join(exercise, "solution"), { recursive: true });
    await writeFile(join(exercise, "exercise.yaml"), WEAK_SPEC);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("kills a mutant a check sees, reports a survivor of a weak spec with its mutation; exit 1", async () => {
    const run = await runCli([
      "verify",
      exercise,
      "--mutants",
      "--mutant",
      "change-cmd",
      "--mutant",
      "remove-healthcheck",
      "--format",
      "json",
    ]);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as {
      exercises: { baseline: { status: string }; mutants: JsonMutant[]; counts: Record<string, number> }[];
    };
    const [only] = report.exercises;
    expect(only!.baseline.status).toBe("passed");
    const outcome = Object.fromEntries(only!.mutants.map((mutant) => [mutant.name, mutant]));
    expect(outcome["change-cmd:line-10"]).toMatchObject({ outcome: "killed", killedBy: ["repond"] });
    expect(outcome["remove-healthcheck:line-7"]).toMatchObject({
      outcome: "survived",
      description: { fr: "HEALTHCHECK supprimé (ligne 7)", en: "HEALTHCHECK removed (line 7)" },
    });
    expect(only!.counts).toMatchObject({ generated: 2, killed: 1, survived: 1, score: 0.5 });
  });

  it("reports a mutant that does not build apart, out of the score; exit 0 without a survivor (text)", async () => {
    // No registry answers here: python:latest cannot be pulled, the mutant does not build.
    const run = await runCli(["verify", exercise, "--mutants", "--mutant", "from-latest", "--lang", "en"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "not-built from-latest:line-1: unpinned base image: python:3.11-slim → python:latest (",
    );
    expect(run.stdout).toContain("1 mutants: 0 killed, 0 survived, 1 not built, 0 identical, 0 errors; score -");
  });
});
