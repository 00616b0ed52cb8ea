import { Command, CommanderError, Option } from "commander";
import { availableParallelism } from "node:os";
import { DockgradeError, InterruptedError, SpecError } from "../errors.js";
import { LANGS, type Lang } from "../i18n.js";
import { packageVersion } from "../package-root.js";
import { installInterruptCleanup } from "../runtime/interrupts.js";

const write = (text: string) => process.stdout.write(text);
const defaultLang: Lang = process.env.DOCKGRADE_LANG === "en" ? "en" : "fr";
const langOption = () =>
  new Option("--lang <lang>", "language of learner-facing text").choices(LANGS).default(defaultLang);

/** Two submissions per core at most, never more than 4: builds and health waits share the engine. */
function defaultConcurrency(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

const ROSTER_HELP =
  "class roster mapping submission folders to students for the gradebooks (csv, canvas, moodle): GitHub Classroom's export or folder,id,name";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The command table; each command module is imported only when it runs. */
function program(setExit: (code: number) => void): Command {
  const cli = new Command("dockgrade")
    .version(packageVersion(), "-V, --version")
    .description("Grades Docker course exercises on a real Docker engine.")
    .exitOverride();

  cli
    .command("grade")
    .description("grade submission folders against an exercise")
    .argument("<exercise-dir>", "folder holding exercise.yaml (or a pack, a workspace, a bundled exercise's id)")
    .argument("<submission-dir...>", "learner submission folders, or a class folder holding one folder per learner")
    .option(
      "--concurrency <n>",
      "submissions graded at the same time",
      (value) => Number.parseInt(value, 10),
      defaultConcurrency(),
    )
    .option("--format <name[=path]>", "output format, to stdout or to a file (repeatable)", collect, [])
    .addOption(langOption())
    .addOption(
      new Option("--build-network <mode>", "network for RUN steps")
        .choices(["default", "none"])
        .default(process.env.CI ? "none" : "default"),
    )
    .option(
      "--shard <i/n>",
      "grade only the i-th of n deterministic slices (CI matrices); join them with `dockgrade merge`",
    )
    .option("--force", "grade every submission again, even those unchanged since the last run", false)
    .option("--only-failed", "keep each learner's latest passing result and grade only the others", false)
    .option("--keep-cache", "keep the build cache (unlabelled intermediate images) for faster reruns", false)
    .option(
      "--engine-wait <seconds>",
      "how long a batch waits for an engine that stopped answering before it goes on",
      (value) => Number.parseInt(value, 10),
      60,
    )
    .option(
      "--limit <name=value>",
      "override one of the exercise's limits, e.g. memoryMb=256 (repeatable)",
      collect,
      [],
    )
    .option("--roster <csv>", ROSTER_HELP)
    .action(
      async (
        exerciseDir: string,
        submissions: string[],
        options: {
          format: string[];
          lang: Lang;
          buildNetwork: "default" | "none";
          limit: string[];
          keepCache: boolean;
          engineWait: number;
          concurrency: number;
          shard?: string;
          force: boolean;
          onlyFailed: boolean;
          roster?: string;
        },
      ) => {
        installInterruptCleanup();
        const { gradeCommand } = await import("./grade-command.js");
        setExit(
          (
            await gradeCommand(exerciseDir, submissions, {
              ...options,
              engineWaitSeconds: options.engineWait,
              write,
              progress: process.stderr,
              notice: (text) => process.stderr.write(text),
              began: performance.timeOrigin,
            })
          ).exitCode,
        );
      },
    );

  cli
    .command("merge")
    .description("join the JSON results of several runs (e.g. shards) into one gradebook")
    .argument("<results.json...>", "JSON results written by `dockgrade grade --format json=...`")
    .option("--format <name[=path]>", "output format, to stdout or to a file (repeatable; default json)", collect, [])
    .addOption(langOption())
    .option("--roster <csv>", ROSTER_HELP)
    .action(async (files: string[], options: { format: string[]; lang: Lang; roster?: string }) => {
      const { mergeCommand } = await import("./merge-command.js");
      setExit(await mergeCommand(files, { ...options, write, notice: (text) => process.stderr.write(text) }));
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
    .argument("<exercise>", "folder holding exercise.yaml, or the id of a bundled exercise")
    .argument("<dir>", "workspace folder to create")
    .addOption(new Option("--ci <provider>", "add a CI workflow that grades every push").choices(["github", "gitlab"]))
    .option(
      "--dockgrade-spec <spec>",
      "dependency to write for dockgrade (a version, git URL, tarball URL or file: path); default: this copy",
    )
    .addOption(langOption())
    .action(
      async (
        exerciseDir: string,
        dir: string,
        options: { ci?: "github" | "gitlab"; dockgradeSpec?: string; lang: Lang },
      ) => {
        const { initCommand } = await import("./init-command.js");
        setExit(await initCommand(exerciseDir, dir, write, options));
      },
    );

  cli
    .command("new")
    .description("write a new exercise to edit: spec, statement, starter, solution and a fixture")
    .argument("<dir>", "exercise folder to create (new or empty)")
    .option("--id <chapter/exercise>", "exercise id (default: the folder's parent and name)")
    .option("--title <text>", "exercise title")
    .addOption(langOption())
    .action(async (dir: string, options: { id?: string; title?: string; lang: Lang }) => {
      const { newCommand } = await import("./new-command.js");
      setExit(await newCommand(dir, write, options));
    });

  cli
    .command("test")
    .description("grade the learner workspace in the current folder with vitest (what `npm test` runs)")
    .addOption(langOption())
    .option("--watch", "grade again each time a file of the workspace is saved", false)
    .action(async (options: { lang: Lang; watch: boolean }) => {
      installInterruptCleanup();
      const { testCommand } = await import("./test-command.js");
      setExit(await testCommand(process.cwd(), options.lang, { watch: options.watch }));
    });

  cli
    .command("verify")
    .description(
      "check an exercise: the solution earns every point, the starter fails, each fixture gets what it declares; --mutants looks for blind spots. Exit 0 ok, 1 a case differs or a mutant survives, 2 could not verify",
    )
    .argument("<exercise-or-pack>", "folder holding exercise.yaml, a pack of them, or a bundled exercise's id")
    .addOption(new Option("--format <name>", "report format").choices(["text", "json"]).default("text"))
    .addOption(langOption())
    .option(
      "--concurrency <n>",
      "gradings at the same time",
      (value) => Number.parseInt(value, 10),
      defaultConcurrency(),
    )
    .option("--mutants", "grade mutants of each solution; those that earn full marks survive", false)
    .option("--mutant <name>", "only this mutation family or mutant (repeatable)", collect, [])
    .option("--max-mutants <n>", "at most n mutants per exercise", (value) => Number.parseInt(value, 10))
    .action(
      async (
        target: string,
        options: {
          format: "text" | "json";
          lang: Lang;
          concurrency: number;
          mutants: boolean;
          mutant: string[];
          maxMutants?: number;
        },
      ) => {
        installInterruptCleanup();
        const { verifyCommand } = await import("./verify-command.js");
        setExit(await verifyCommand(target, { ...options, write, notice: (text) => process.stderr.write(text) }));
      },
    );

  cli
    .command("schema")
    .description("print the JSON Schema of exercise.yaml (for yaml-language-server)")
    .action(async () => {
      const { schemaCommand } = await import("./schema-command.js");
      write(schemaCommand());
    });

  cli
    .command("import-cst")
    .description(
      "turn a container-structure-test file (schemaVersion 2.0.0) into an exercise, with a conversion report",
    )
    .argument("<cst-file>", "container-structure-test YAML file")
    .argument("<exercise-dir>", "folder to write the exercise to (exercise.yaml, README.md, starter/)")
    .option("--force", "write into a folder that is not empty", false)
    .addOption(langOption())
    .action(async (cstFile: string, exerciseDir: string, options: { force: boolean; lang: Lang }) => {
      const { importCstCommand } = await import("./import-cst-command.js");
      setExit(await importCstCommand(cstFile, exerciseDir, { ...options, write }));
    });

  cli
    .command("clean")
    .description(
      "remove what killed runs left behind (their journals and dockgrade's labels); exit 0 all clean, 1 some left",
    )
    .option("--run <id>", "only the objects of this run (its journal, label io.dockgrade.run)")
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
      const detail =
        process.env.DOCKGRADE_DEBUG && error instanceof Error
          ? error.stack
          : String(error instanceof Error ? error.message : error);
      process.stderr.write(`dockgrade: internal error: ${detail}\n(set DOCKGRADE_DEBUG=1 for details)\n`);
      exitCode = 2;
    }
  }
  process.exitCode = exitCode;
}

await main();
