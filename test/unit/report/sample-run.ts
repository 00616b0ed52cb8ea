import { readFileSync } from "node:fs";
import type { CheckResult, RunResult, SubmissionResult } from "../../../src/grading/result.js";

/** A real run of 03-images-conteneurs/01-tags over seven learners (one build failure, one missing Dockerfile). */
export function classRun(): RunResult {
  return JSON.parse(readFileSync(new URL("./fixtures/run-01-tags.json", import.meta.url), "utf8")) as RunResult;
}

/** Text that breaks naive XML, CSV, Markdown and HTML output all at once. */
export const HOSTILE = `<script>alert("x")</script> a < b & c > d "double" 'single' | pipe, comma; été 日本 \`tick\`\nsecond line`;

export function check(overrides: Partial<CheckResult>): CheckResult {
  return {
    id: "tags",
    kind: "image.tags",
    title: "Les trois tags existent",
    status: "pass",
    points: 6,
    maxPoints: 6,
    message: "ok",
    visibility: "visible",
    durationMs: 120,
    ...overrides,
  };
}

/** One learner's submission with one check of each status, the failure carrying hostile text. */
export function submission(overrides: Partial<SubmissionResult> = {}): SubmissionResult {
  const checks = [
    check({
      id: "base",
      title: "Base épinglée",
      points: 2,
      maxPoints: 2,
      message: "FROM python:3.11-slim",
      durationMs: 0,
    }),
    check({
      id: "tags",
      status: "fail",
      points: 0,
      message: HOSTILE,
      expected: "mon-app:v1 & <latest>",
      actual: `"none"`,
      hint: "docker tag mon-app:v1 mon-app:latest",
      durationMs: 4023,
    }),
    check({
      id: "couches",
      kind: "image.layers",
      title: "Au plus 3 couches",
      status: "skip",
      points: 0,
      maxPoints: 2,
      message: "build failed",
      durationMs: 0,
    }),
    check({
      id: "sante",
      kind: "container.health",
      title: "Santé",
      status: "error",
      points: 0,
      maxPoints: 2,
      message: "engine timeout",
      visibility: "hidden",
      durationMs: 30000,
    }),
    check({
      id: "taille",
      kind: "image.size",
      title: "Taille",
      points: 2,
      maxPoints: 2,
      message: "146 MB",
      visibility: "after-due-date",
      durationMs: 12,
    }),
  ];
  return {
    exercise: "03-images-conteneurs/01-tags",
    exerciseTitle: "Construire, taguer et versionner une image",
    learner: "élodie",
    submission: "/tmp/classe/élodie",
    status: "error",
    score: 4,
    maxScore: 14,
    durationMs: 34_567,
    build: { status: "ok", durationMs: 3000, logExcerpt: [] },
    layers: [
      { instruction: "", sizeBytes: 146_006_229, fromBase: true },
      { instruction: "COPY app.py .", sizeBytes: 147, fromBase: false },
    ],
    checks,
    ...overrides,
  };
}

/**
 * A class of `size` learners on the real run's exercise (plain data): scores spread across the
 * range, one build failure, one learner the engine failed, hostile and accented names.
 */
export function syntheticClass(size = 12): RunResult {
  const [alice] = classRun().results;
  const names = ["Zoé", "Émile", "bob", "<img src=x onerror=alert(1)>", "=cmd|' /C calc'!A0", "chloé-ß", "dan"];
  const results = Array.from({ length: size }, (_, index): SubmissionResult => {
    const learner = `${String(index + 1).padStart(2, "0")}-${names[index % names.length]}`;
    // A deterministic spread: each check passed by a different share of the class.
    const shares = [0.85, 0.45, 0.7, 0.3];
    const buildFailed = index === 3;
    const checks = alice!.checks.map((item, position): CheckResult => {
      const draw = (((index + 1) * 7919 * (position + 1)) % 101) / 101;
      const visibility = item.id === "taille" ? ("hidden" as const) : item.visibility;
      if (buildFailed && position > 0)
        return { ...item, visibility, status: "skip" as const, points: 0, message: "build failed" };
      return draw < shares[position]! && !buildFailed
        ? { ...item, visibility, status: "pass" as const, points: item.maxPoints }
        : { ...item, visibility, status: "fail" as const, points: 0, actual: `learner ${index}` };
    });
    const engineFailed = index === size - 1;
    if (engineFailed) checks[2] = { ...checks[2]!, status: "error", points: 0, message: "engine timeout" };
    const score = checks.reduce((sum, item) => sum + item.points, 0);
    return {
      ...alice!,
      ...(buildFailed
        ? {
            build: {
              status: "failed" as const,
              durationMs: 900,
              logExcerpt: [
                "Step 3/6 : RUN pip install -r requirements.txt",
                "ERROR: No matching distribution found for flask==99",
              ],
            },
            layers: [],
          }
        : {}),
      learner,
      submission: `/tmp/classe/${learner}`,
      checks,
      score,
      status: engineFailed ? "error" : checks.every((item) => item.status === "pass") ? "passed" : "failed",
      ...(engineFailed ? { error: "the engine stopped answering" } : {}),
    };
  });
  return { results };
}
