#!/usr/bin/env node
// Grades the accuracy corpus with the built CLI, one variant at a time, and compares each
// verdict with the variant's expected.yaml.
//
//   node test/accuracy/grade.mjs                    every variant
//   node test/accuracy/grade.mjs 02-couches         one exercise
//   node test/accuracy/grade.mjs 02-couches/ok-env  variants whose "exercise/variant" contains the text
//   node test/accuracy/grade.mjs --table            print the Markdown table from results.json
//
// Needs `npm run build` (dist/) and DOCKER_HOST pointing at an engine with the base images.
// Results are merged into test/accuracy/results.json (one entry per variant).
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const resultsPath = join(here, "results.json");
const exercisesDir = join(root, "exercises", "03-images-conteneurs");

function variants() {
  return readdirSync(here, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(exercisesDir, entry.name, "exercise.yaml")))
    .flatMap((exercise) =>
      readdirSync(join(here, exercise.name), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(here, exercise.name, entry.name, "expected.yaml")))
        .map((entry) => ({ exercise: exercise.name, variant: entry.name })),
    )
    .sort((a, b) => `${a.exercise}/${a.variant}`.localeCompare(`${b.exercise}/${b.variant}`));
}

function loadResults() {
  return existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, "utf8")) : {};
}

function grade({ exercise, variant }) {
  const json = `/tmp/corpus-${exercise}-${variant}.json`;
  const args = [
    "dist/src/cli/main.js", "grade",
    `exercises/03-images-conteneurs/${exercise}`,
    relative(root, join(here, exercise, variant)),
    "--format", `json=${json}`,
  ];
  const began = Date.now();
  return new Promise((done) => {
    execFile("node", args, { cwd: root, env: { ...process.env, DOCKGRADE_RESULT_CACHE: "off" }, maxBuffer: 16e6 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      const seconds = (Date.now() - began) / 1000;
      let result;
      try {
        result = JSON.parse(readFileSync(json, "utf8")).results[0];
      } catch {
        result = undefined;
      }
      done({ exitCode, seconds, result, stderr: stderr.slice(-2000) });
    });
  });
}

function compare(expected, run) {
  const checks = run.result?.checks ?? [];
  const ids = (status) => checks.filter((check) => check.status === status).map((check) => check.id).sort();
  const fails = ids("fail");
  const skips = ids("skip");
  const errors = ids("error");
  const expectedFails = [...(expected.fails ?? [])].sort();
  const sameFails = JSON.stringify(fails) === JSON.stringify(expectedFails);
  // A correct variant must pass every check; a wrong one may have checks skipped when its build fails.
  const match = run.exitCode !== 2 && errors.length === 0 && sameFails && (expected.verdict !== "pass" || skips.length === 0);
  return { fails, skips, errors, expectedFails, match };
}

function table(results) {
  const lines = [
    "| exercise | variant | verdict | expected fails | actual fails | match | seconds |",
    "|---|---|---|---|---|---|---:|",
  ];
  for (const key of Object.keys(results).sort()) {
    const r = results[key];
    const list = (items) => (items.length ? items.join(", ") : "—");
    const actual = list(r.fails) + (r.skips.length ? ` (skipped: ${r.skips.join(", ")})` : "") + (r.errors.length ? ` (error: ${r.errors.join(", ")})` : "");
    const debatable = r.debatable ? " (debatable)" : "";
    lines.push(`| ${r.exercise} | ${r.variant} | ${r.verdict}${debatable} | ${list(r.expectedFails)} | ${actual} | ${r.match ? "yes" : "**no**"} | ${r.seconds.toFixed(1)} |`);
  }
  return lines.join("\n");
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes("--table")) {
    console.log(table(loadResults()));
    return;
  }
  const filters = argv.filter((arg) => !arg.startsWith("--"));
  const chosen = variants().filter(({ exercise, variant }) => filters.length === 0 || filters.some((f) => `${exercise}/${variant}`.includes(f)));
  for (const entry of chosen) {
    const expected = parse(readFileSync(join(here, entry.exercise, entry.variant, "expected.yaml"), "utf8"));
    const run = await grade(entry);
    const verdict = compare(expected, run);
    const results = loadResults();
    results[`${entry.exercise}/${entry.variant}`] = {
      ...entry,
      verdict: expected.verdict,
      debatable: expected.debatable ?? null,
      exitCode: run.exitCode,
      seconds: run.seconds,
      ...verdict,
      messages: Object.fromEntries((run.result?.checks ?? []).filter((c) => c.status !== "pass").map((c) => [c.id, `${c.status}: ${c.message}`])),
      stderrTail: run.result ? undefined : run.stderr,
    };
    writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    const flag = verdict.match ? "match   " : "MISMATCH";
    console.log(`${flag} ${entry.exercise}/${entry.variant}  expected [${verdict.expectedFails}] actual [${verdict.fails}]${verdict.skips.length ? ` skipped [${verdict.skips}]` : ""}${verdict.errors.length ? ` error [${verdict.errors}]` : ""}  exit ${run.exitCode}  ${run.seconds.toFixed(1)} s`);
  }
}

await main();
