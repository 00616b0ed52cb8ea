import { cp, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
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
export async function initCommand(exerciseDir: string, dir: string, write: (text: string) => void): Promise<number> {
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
    devDependencies: { dockgrade: `file:${packageRoot()}` },
    dockgrade: { exercise: exerciseReference(exerciseDir, spec.id) },
  };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    join(dir, WORKSPACE_TEST_FILE),
    `// Généré par dockgrade : chaque vérification de l'exercice devient un test.\nimport { gradeWorkspace } from "dockgrade/vitest";\n\nawait gradeWorkspace(new URL(".", import.meta.url));\n`,
  );
  write(`${spec.id}: workspace ready in ${relative(process.cwd(), dir) || "."}\n  cd ${dir} && npm install && npm test\n`);
  return 0;
}
