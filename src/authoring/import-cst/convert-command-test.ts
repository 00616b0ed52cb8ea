import { referencedNames } from "../../../graders/support/expand-env.js";
import { localized, type Localized } from "../../i18n.js";
import type { CstCommandTest, CstContainerRunOptions, CstEnvVar } from "./cst-schema.js";
import { code, listed, shownArgv, type ConvertedCheck } from "./conversion.js";
import { convertPatternLists } from "./go-regex.js";

export interface CommandContext {
  globalEnvVars: CstEnvVar[];
  runOptions: CstContainerRunOptions | undefined;
}

type Outcome = { check: ConvertedCheck; notes: Localized[] } | { notConverted: Localized };

const refuse = (fr: string, en: string): Outcome => ({ notConverted: localized(fr, en) });

/** The run options dockgrade's sandbox never grants, or that depend on the host at grading time. */
function unsupportedRunOptions(options: CstContainerRunOptions | undefined): string | undefined {
  if (!options) return undefined;
  const used = [
    options.privileged && "privileged",
    options.capabilities?.length && "capabilities",
    options.bindMounts?.length && "bindMounts",
    options.envVars?.length && "envVars",
    options.envFile && "envFile",
    options.allocateTty && "allocateTty",
  ].filter((name): name is string => typeof name === "string");
  return used.length > 0 ? used.map((name) => `containerRunOptions.${name}`).join(", ") : undefined;
}

/** A final newline matched on purpose (`…\n$`): dockgrade matches output without its final newline. */
const matchesFinalNewline = (pattern: string) => /(\\n|\n)[*+?]?\$?\)*$/.test(pattern);

/**
 * commandTests[i] → image.command. CST runs `command args…` in a new container of the image, its
 * entrypoint cleared (`--entrypoint ""`), after replacing `$NAME` in them with the image's ENV;
 * `envVars` are added to the container's environment as written; `globalEnvVars` are committed
 * into the image first, their values expanded from the image's ENV.
 */
export function convertCommandTest(test: CstCommandTest, context: CommandContext): Outcome {
  const runOption = unsupportedRunOptions(context.runOptions);
  if (runOption) {
    return refuse(
      `${runOption} : dockgrade lance chaque commande sans privilège, sans montage, sans variable de l'hôte ni terminal`,
      `${runOption}: dockgrade runs each command without privileges, mounts, host variables or a terminal`,
    );
  }
  if (test.setup?.length) {
    return refuse(
      "commandes setup : CST les exécute chacune dans un conteneur qu'il fige en image avant le test ; dockgrade lance chaque commande dans un nouveau conteneur de l'image du Dockerfile, et une enveloppe `sh -c` exigerait un shell dans l'image et garderait en vie ce que setup démarre",
      "setup commands: CST runs each in a container it commits to an image before the test; dockgrade runs each command in a fresh container of the Dockerfile's image, and a `sh -c` wrapper would need a shell in the image and would keep alive what setup starts",
    );
  }
  const globalWithRefs = context.globalEnvVars.filter((envVar) => referencedNames(envVar.value).length > 0);
  if (globalWithRefs.length > 0) {
    return refuse(
      `globalEnvVars ${globalWithRefs.map((e) => e.key).join(", ")} : CST développe $NOM dans leur valeur avec l'ENV de l'image, que l'import ne connaît pas`,
      `globalEnvVars ${globalWithRefs.map((e) => e.key).join(", ")}: CST expands $NAME in their values from the image's ENV, which the import cannot know`,
    );
  }
  const argv = [test.command, ...(test.args ?? [])];
  const names = argv.flatMap(referencedNames);
  const globalNames = new Set(context.globalEnvVars.map((envVar) => envVar.key));
  const fromGlobal = names.filter((name) => globalNames.has(name));
  if (fromGlobal.length > 0) {
    return refuse(
      `la commande utilise $${fromGlobal[0]}, que CST prend dans globalEnvVars ; dockgrade ne le remplace que par l'ENV de l'image`,
      `the command uses $${fromGlobal[0]}, which CST takes from globalEnvVars; dockgrade replaces it from the image's ENV only`,
    );
  }
  const stdout = convertPatternLists(test.expectedOutput, test.excludedOutput);
  const stderr = convertPatternLists(test.expectedError, test.excludedError);
  const problem = stdout.problem ?? stderr.problem;
  if (problem) return refuse(`expression régulière ${problem}`, `regular expression ${problem}`);
  const finalNewline = [...(test.expectedOutput ?? []), ...(test.expectedError ?? [])].find(matchesFinalNewline);
  if (finalNewline !== undefined) {
    return refuse(
      `${code(`/${finalNewline}/`)} attend le saut de ligne final ; dockgrade compare la sortie sans lui`,
      `${code(`/${finalNewline}/`)} expects the final newline; dockgrade matches the output without it`,
    );
  }

  const env = Object.fromEntries(
    [...context.globalEnvVars, ...(test.envVars ?? [])].map((envVar) => [envVar.key, envVar.value]),
  );
  const notes: Localized[] = [];
  if (names.length > 0) {
    notes.push(
      localized(
        `${names.map((n) => `$${n}`).join(", ")} remplacé(s) par l'ENV de l'image avant l'exécution (expandEnv), comme CST.`,
        `${names.map((n) => `$${n}`).join(", ")} replaced from the image's ENV before the run (expandEnv), as CST does.`,
      ),
    );
  }
  if (test.teardown?.length) {
    notes.push(
      localized(
        "teardown ignoré : le pilote docker de CST ne l'exécute pas non plus (un conteneur par test).",
        "teardown ignored: CST's docker driver does not run it either (a container per test).",
      ),
    );
  }
  const user = context.runOptions?.user;
  const options: Record<string, unknown> = {
    command: argv,
    ...(user ? { user } : {}),
    exitCode: test.exitCode,
    ...(stdout.pattern !== undefined ? { stdout: stdout.pattern } : {}),
    ...(stderr.pattern !== undefined ? { stderr: stderr.pattern } : {}),
    ...(Object.keys(env).length > 0 ? { env } : {}),
    ...(names.length > 0 ? { expandEnv: true } : {}),
  };
  return {
    check: { kind: "image.command", title: localized(test.name, test.name), hint: hint(test, argv), options },
    notes,
  };
}

function hint(test: CstCommandTest, argv: string[]): Localized {
  const fr = [`\`${shownArgv(argv)}\` doit se terminer avec le code ${test.exitCode}`];
  const en = [`\`${shownArgv(argv)}\` must exit with code ${test.exitCode}`];
  const add = (list: readonly string[] | null | undefined, frText: string, enText: string) => {
    if (list?.length) {
      fr.push(`${frText} ${listed(list)}`);
      en.push(`${enText} ${listed(list)}`);
    }
  };
  add(test.expectedOutput, "sa sortie standard doit contenir", "its standard output must contain");
  add(test.excludedOutput, "sa sortie standard ne doit pas contenir", "its standard output must not contain");
  add(test.expectedError, "sa sortie d'erreur doit contenir", "its error output must contain");
  add(test.excludedError, "sa sortie d'erreur ne doit pas contenir", "its error output must not contain");
  return localized(
    `${fr.join(" ; ")} (dans un nouveau conteneur de l'image, ${code('--entrypoint ""')}).`,
    `${en.join("; ")} (in a new container of the image, ${code('--entrypoint ""')}).`,
  );
}
