#!/usr/bin/env node
import { Command, CommanderError, Option } from "commander";
import { availableParallelism } from "node:os";
import { DockgradeError, InterruptedError, SpecError } from "../errors.js";
import { LANGS, type Lang } from "../i18n.js";
import { installInterruptCleanup } from "../runtime/interrupts.js";

const write = (text: string) => process.stdout.write(text);
const defaultLang: Lang = process.env.DOCKGRADE_LANG === "en" ? "en" : "fr";
const langOption = () => new Option("--lang <lang>", "language of learner-facing text").choices(LANGS).default(defaultLang);

/** Two submissions per core at most, never more than 4: builds and health waits share the engine. */
function defaultConcurrency(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The command table; each command module is imported only when it runs. */
function program(setExit: (code: number) => void): Command {
  const cli = new Command("dockgrade").description("Grades Docker course exercises on a real Docker engine.").exitOverride();

  cli
    .command("grade")
    .description("grade submission folders against an exercise")
    .argument("<exercise-dir>", "folder holding exercise.yaml")
    .argument("<submission-dir...>", "learner submission folders, or a class folder holding one folder per learner")
    .option("--concurrency <n>", "submissions graded at the same time", (value) => Number.parseInt(value, 10), defaultConcurrency())
    .option("--format <name[=path]>", "output format, to stdout or to a file (repeatable)", collect, [])
    .addOption(langOption())
    .addOption(new Option("--build-network <mode>", "network for RUN steps").choices(["default", "none"]).default(process.env.CI ? "none" : "default"))
    .option("--shard <i/n>", "grade only the i-th of n deterministic slices (CI matrices); join them with `dockgrade merge`")
    .option("--force", "grade every submission again, even those unchanged since the last run", false)
    .option("--only-failed", "keep each learner's latest passing result and grade only the others", false)
    .option("--keep-cache", "keep the build cache (unlabelled intermediate images) for faster reruns", false)
    .option("--limit <name=value>", "override one of the exercise's limits, e.g. memoryMb=256 (repeatable)", collect, [])
    .action(async (exerciseDir: string, submissions: string[], options: { format: string[]; lang: Lang; buildNetwork: "default" | "none"; limit: string[]; keepCache: boolean; concurrency: number; shard?: string; force: boolean; onlyFailed: boolean }) => {
      installInterruptCleanup();
      const { gradeCommand } = await import("./grade-command.js");
      setExit((await gradeCommand(exerciseDir, submissions, { ...options, write, progress: process.stderr, notice: (text) => process.stderr.write(text), began: performance.timeOrigin })).exitCode);
    });

  cli
    .command("merge")
    .description("join the JSON results of several runs (e.g. shards) into one gradebook")
    .argument("<results.json...>", "JSON results written by `dockgrade grade --format json=...`")
    .option("--format <name[=path]>", "output format, to stdout or to a file (repeatable; default json)", collect, [])
    .addOption(langOption())
    .action(async (files: string[], options: { format: string[]; lang: Lang }) => {
      const { mergeCommand } = await import("./merge-command.js");
      setExit(await mergeCommand(files, { ...options, write }));
    });

  cli
    .command("doctor")
    .description("check the engine and base images; --fix starts an engine and provides missing images")
    .option("--fix", "install/start an engine and pull or build missing base images", false)
    .option("--quiet", "print only problems", false)
    .option("--exercises <dir>", "exercise folder(s) to prepare base images for")
    .action(async (options: { fix: boolean; quiet: boolean; exercises?: string }) => {
      const { doctorCommand } = await import("./doctor-command.js");
      setExit(await doctorCommand({ fix: options.fix, quiet: options.quiet, exercisesDir: options.exercises, write }));
    });

  cli
    .command("init")
    .description("make a learner workspace: starter files and `npm test` that grades them")
    .argument("<exercise-dir>", "folder holding exercise.yaml")
    .argument("<dir>", "workspace folder to create")
    .addOption(new Option("--ci <provider>", "add a CI workflow that grades every push").choices(["github", "gitlab"]))
    .option("--dockgrade-spec <spec>", "dependency to write for dockgrade (a version or git URL); default: this folder")
    .action(async (exerciseDir: string, dir: string, options: { ci?: "github" | "gitlab"; dockgradeSpec?: string }) => {
      const { initCommand } = await import("./init-command.js");
      setExit(await initCommand(exerciseDir, dir, write, options));
    });

  cli
    .command("test")
    .description("grade the learner workspace in the current folder with vitest (what `npm test` runs)")
    .addOption(langOption())
    .action(async (options: { lang: Lang }) => {
      installInterruptCleanup();
      const { testCommand } = await import("./test-command.js");
      setExit(await testCommand(process.cwd(), options.lang));
    });

  cli
    .command("schema")
    .description("print the JSON Schema of exercise.yaml (for yaml-language-server)")
    .action(async () => {
      const { schemaCommand } = await import("./schema-command.js");
      write(schemaCommand());
    });

  cli
    .command("clean")
    .description("remove every container, image, network and volume a killed run left behind")
    .option("--run <id>", "only the objects of this run (label io.dockgrade.run)")
    .action(async (options: { run?: string }) => {
      const { cleanCommand } = await import("./clean-command.js");
      setExit(await cleanCommand(write, options.run));
    });

  return cli;
}

/**
 * A reader that goes away (`dockgrade grade ... | head -1`) must not end the run before its
 * clean-up: what cannot be written any more is dropped, the grading and its clean-up go on.
 */
function tolerateClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
    });
  }
}

/** The only place that exits: 0 all passed, 1 a check failed, 2 could not grade. */
async function main(): Promise<void> {
  tolerateClosedPipes();
  let exitCode = 0;
  try {
    await program((code) => (exitCode = code)).parseAsync(process.argv);
  } catch (error) {
    if (error instanceof InterruptedError) {
      // The signal handler is removing what was created and sets the exit code (130/143).
      return;
    } else if (error instanceof CommanderError) {
      exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof SpecError) {
      process.stderr.write(`dockgrade: invalid exercise spec\n${error.message}\n`);
      exitCode = 2;
    } else if (error instanceof DockgradeError) {
      process.stderr.write(`dockgrade: ${error.message}\n`);
      exitCode = 2;
    } else {
      const detail = process.env.DOCKGRADE_DEBUG && error instanceof Error ? error.stack : String(error instanceof Error ? error.message : error);
      process.stderr.write(`dockgrade: internal error: ${detail}\n(set DOCKGRADE_DEBUG=1 for details)\n`);
      exitCode = 2;
    }
  }
  process.exitCode = exitCode;
}

await main();
