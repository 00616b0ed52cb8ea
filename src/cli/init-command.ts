import { cp, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { UsageError } from "../errors.js";
import type { Lang } from "../i18n.js";
import { bundledExercisesDir, packageRoot } from "../package-root.js";
import { loadExercise } from "../exercise/load-exercise.js";
import { WORKSPACE_MACHINERY, WORKSPACE_TEST_FILE } from "../workspace/workspace-files.js";
import { writeWorkspaceDockerignore, writeWorkspaceGitignore } from "../workspace/workspace-ignores.js";
import { resolveExerciseDir } from "./resolve-exercise.js";

export { WORKSPACE_TEST_FILE };

/** Workflow files per CI, copied from src/cli/ci-templates (see README for their contents). */
const CI_TEMPLATES = {
  github: { template: "github.yml", target: ".github/workflows/classroom.yml" },
  gitlab: { template: "gitlab.yml", target: ".gitlab-ci.yml" },
} as const;

export interface InitOptions {
  ci?: keyof typeof CI_TEMPLATES;
  /**
   * The dependency to write for dockgrade: a version range (registry), a git URL, a tarball's
   * URL or `file:` path (relative to the current folder). Default: the copy of dockgrade running.
   */
  dockgradeSpec?: string;
  /** Language of what init prints. */
  lang?: Lang;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** How a workspace names its exercise: by id when bundled with dockgrade, else by absolute path. */
function exerciseReference(exerciseDir: string, id: string): string {
  const bundled = join(bundledExercisesDir(), id);
  return resolve(exerciseDir) === resolve(bundled) ? id : resolve(exerciseDir);
}

/**
 * The devDependency to write. A relative `file:` path is typed from the current folder, but npm
 * reads it from the workspace's: it is rewritten relative to the workspace.
 */
export function dockgradeDependency(spec: string | undefined, workspace: string): string {
  if (spec === undefined) return `file:${packageRoot()}`;
  const path = spec.startsWith("file:") ? spec.slice("file:".length) : /^\.\.?[\\/]/.test(spec) ? spec : undefined;
  if (path === undefined || isAbsolute(path) || path.startsWith("~")) return spec;
  return `file:${relative(resolve(workspace), resolve(path)).split(sep).join("/") || "."}`;
}

function say(lang: Lang, fr: string, en: string): string {
  return lang === "fr" ? fr : en;
}

/**
 * `dockgrade init <exercise> <dir>`: a folder a learner can live in. The starter files, the
 * exercise's statement as README.md, a package.json whose `npm test` grades the folder, a
 * `.dockerignore` and a `.gitignore` that keep the workspace's own files out of the image and
 * of git, and with `ci`, a workflow that grades every push.
 */
export async function initCommand(
  exerciseRef: string,
  dir: string,
  write: (text: string) => void,
  options: InitOptions = {},
): Promise<number> {
  const lang = options.lang ?? "fr";
  const exerciseDir = await resolveExerciseDir(exerciseRef);
  const { spec } = await loadExercise(exerciseDir);
  const existing = await readdir(dir).catch(() => []);
  if (existing.length > 0)
    throw new UsageError(
      say(lang, `${dir} : le dossier existe et n'est pas vide`, `${dir}: folder exists and is not empty`),
    );
  const starter = join(exerciseDir, "starter");
  if (
    !(await stat(starter).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    throw new UsageError(say(lang, `${starter} : pas de dossier starter`, `${starter}: no starter folder`));
  // The workspace's own files would overwrite the starter's, and stay out of the learner's build.
  const clashes = (await readdir(starter)).filter(
    (name) => WORKSPACE_MACHINERY.includes(name) && name !== ".gitignore",
  );
  if (clashes.length > 0)
    throw new UsageError(
      `${starter}: ${clashes.join(", ")}: ${say(lang, "noms réservés à l'espace de travail de dockgrade", "names reserved for dockgrade's workspace")}`,
    );
  await mkdir(dir, { recursive: true });
  await cp(starter, dir, { recursive: true });
  const statement = join(exerciseDir, "README.md");
  if ((await exists(statement)) && !(await exists(join(dir, "README.md")))) await cp(statement, join(dir, "README.md"));
  await writeWorkspaceDockerignore(dir);
  await writeWorkspaceGitignore(dir);
  const manifest = {
    name: spec.id.replace(/[^a-z0-9]+/gi, "-").toLowerCase(),
    private: true,
    type: "module",
    scripts: { test: "dockgrade test" },
    devDependencies: { dockgrade: dockgradeDependency(options.dockgradeSpec, dir) },
    dockgrade: { exercise: exerciseReference(exerciseDir, spec.id) },
  };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    join(dir, WORKSPACE_TEST_FILE),
    `// Généré par dockgrade : chaque vérification de l'exercice devient un test.\nimport { gradeWorkspace } from "dockgrade/vitest";\n\nawait gradeWorkspace(new URL(".", import.meta.url));\n`,
  );
  if (options.ci) {
    const { template, target } = CI_TEMPLATES[options.ci];
    await mkdir(dirname(join(dir, target)), { recursive: true });
    await cp(join(packageRoot(), "src", "cli", "ci-templates", template), join(dir, target));
  }
  const shown = relative(process.cwd(), dir) || ".";
  write(
    say(
      lang,
      `${spec.id} : espace de travail prêt dans ${shown} (consignes : README.md)\n  cd ${shown} && npm install && npm test\n`,
      `${spec.id}: workspace ready in ${shown} (instructions: README.md)\n  cd ${shown} && npm install && npm test\n`,
    ),
  );
  // npx keeps what it runs in a cache that npm may clear: the workspace should not point there.
  if (options.dockgradeSpec === undefined && packageRoot().split(sep).includes("_npx"))
    write(
      say(
        lang,
        `  Attention : ce dockgrade vient du cache de npx ; donnez --dockgrade-spec (la version, l'URL git ou l'archive utilisée).\n`,
        `  Note: this dockgrade comes from npx's cache; pass --dockgrade-spec (the version, git URL or tarball you used).\n`,
      ),
    );
  return 0;
}
