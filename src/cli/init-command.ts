import { cp, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { bundledExercisesDir, packageRoot } from "../package-root.js";
import { loadExercise } from "../spec/load-exercise.js";

/** How a workspace names its exercise: by id when bundled with dockgrade, else by absolute path. */
function exerciseReference(exerciseDir: string, id: string): string {
  const bundled = join(bundledExercisesDir(), id);
  return resolve(exerciseDir) === resolve(bundled) ? id : resolve(exerciseDir);
}

export const WORKSPACE_TEST_FILE = "dockgrade.test.mjs";

/** `dockgrade init <exercise> <dir>`: starter files, a package.json whose `npm test` grades them. */
/** Workflow files per CI, copied from src/cli/ci-templates (see README for their contents). */
const CI_TEMPLATES = {
  github: { template: "github.yml", target: ".github/workflows/dockgrade.yml" },
  gitlab: { template: "gitlab.yml", target: ".gitlab-ci.yml" },
} as const;

export interface InitOptions {
  ci?: keyof typeof CI_TEMPLATES;
  /** The dependency to write for dockgrade (a version or git URL for a real class; default this folder). */
  dockgradeSpec?: string;
}

export async function initCommand(exerciseDir: string, dir: string, write: (text: string) => void, options: InitOptions = {}): Promise<number> {
  const { spec } = await loadExercise(exerciseDir);
  const existing = await readdir(dir).catch(() => []);
  if (existing.length > 0) throw new UsageError(`${dir}: folder exists and is not empty`);
  const starter = join(exerciseDir, "starter");
  if (!(await stat(starter).then((s) => s.isDirectory(), () => false))) throw new UsageError(`${starter}: no starter folder`);
  await mkdir(dir, { recursive: true });
  await cp(starter, dir, { recursive: true });
  const manifest = {
    name: spec.id.replace(/[^a-z0-9]+/gi, "-").toLowerCase(),
    private: true,
    type: "module",
    scripts: { test: "dockgrade test" },
    devDependencies: { dockgrade: options.dockgradeSpec ?? `file:${packageRoot()}` },
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
  write(`${spec.id}: workspace ready in ${relative(process.cwd(), dir) || "."}\n  cd ${dir} && npm install && npm test\n`);
  return 0;
}
