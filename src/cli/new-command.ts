import { readdir, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { SCAFFOLD_FIXTURE, scaffoldFiles, writeScaffold } from "../authoring/scaffold.js";
import { UsageError } from "../errors.js";
import { exerciseSchema } from "../exercise/exercise-schema.js";
import type { Lang } from "../i18n.js";
import { packageRoot } from "../package-root.js";

export interface NewOptions {
  /** `<chapter>/<exercise>`; default: the folder's parent and its own name. */
  id?: string;
  title?: string;
  /** Language of README.md and of what the command prints. */
  lang?: Lang;
}

const say = (lang: Lang, fr: string, en: string) => (lang === "fr" ? fr : en);

/** The folder's parent and name as an id, with what the id may not hold turned into dashes. */
export function defaultExerciseId(dir: string): string {
  const absolute = resolve(dir);
  const part = (name: string) => name.replace(/[^\w.-]+/g, "-") || "exercice";
  return `${part(basename(dirname(absolute)))}/${part(basename(absolute))}`;
}

/** The schema line's target: dockgrade's own schema file, relative to the new exercise. */
function schemaRef(dir: string): string {
  const schema = join(packageRoot(), "schema", "exercise.schema.json");
  return relative(resolve(dir), schema).split(sep).join("/");
}

/**
 * `dockgrade new <dir>`: a new exercise that passes verification as it is (the solution earns
 * every point, the starter fails, the fixture fails what its expected.yaml says), to edit from.
 */
export async function newCommand(
  dir: string,
  write: (text: string) => void,
  options: NewOptions = {},
): Promise<number> {
  const lang = options.lang ?? "fr";
  const kind = await stat(dir).then(
    (found) => (found.isDirectory() ? "folder" : "file"),
    () => "none",
  );
  if (kind === "file")
    throw new UsageError(say(lang, `${dir} : c'est un fichier, pas un dossier`, `${dir}: is a file, not a folder`));
  const existing = kind === "folder" ? await readdir(dir) : [];
  if (existing.length > 0)
    throw new UsageError(
      say(
        lang,
        `${dir} : le dossier existe et n'est pas vide ; donnez un dossier nouveau ou vide`,
        `${dir}: folder exists and is not empty; give a new or empty folder`,
      ),
    );
  const id = options.id ?? defaultExerciseId(dir);
  if (!exerciseSchema.shape.id.safeParse(id).success)
    throw new UsageError(
      say(
        lang,
        `--id ${id} : attendu <chapitre>/<exercice>, par exemple 03-images-conteneurs/06-utilisateur`,
        `--id ${id}: expected <chapter>/<exercise>, e.g. 03-images-conteneurs/06-utilisateur`,
      ),
    );
  if (options.title !== undefined && options.title.trim() === "")
    throw new UsageError(say(lang, "--title : le titre est vide", "--title: the title is empty"));
  const title =
    options.title?.trim() ?? say(lang, "Une application qui ne tourne pas en root", "An application not run as root");
  const files = scaffoldFiles({ id, title, lang, schemaRef: schemaRef(dir) });
  await writeScaffold(dir, files);
  const inside = relative(process.cwd(), dir);
  const shown = inside.startsWith("..") || isAbsolute(inside) ? dir : inside || ".";
  const fixture = `fixtures/${SCAFFOLD_FIXTURE.name}`;
  write(
    say(
      lang,
      `${id} : exercice créé dans ${shown}
  exercise.yaml   les vérifications (des exemples à remplacer), leurs points et leurs indices
  README.md       l'énoncé pour les apprenant·e·s (README.en.md : en anglais)
  solution/       doit obtenir tous les points ; starter/ : ce que reçoivent les apprenant·e·s
  ${fixture}/  une erreur typique ; expected.yaml dit quelles vérifications elle fait échouer
Ensuite :
  1. modifiez exercise.yaml, README.md, solution/, starter/ et les fixtures
  2. vérifiez la solution, le starter et chaque fixture :
       dockgrade verify ${shown}
  3. cherchez les erreurs qu'aucune vérification ne voit :
       dockgrade verify --mutants ${shown}
`,
      `${id}: exercise created in ${shown}
  exercise.yaml   the checks (examples to replace), their points and hints
  README.md       the learners' statement (README.fr.md: in French)
  solution/       must earn every point; starter/: what learners receive
  ${fixture}/  a typical mistake; expected.yaml says which checks it fails
Next:
  1. edit exercise.yaml, README.md, solution/, starter/ and the fixtures
  2. verify the solution, the starter and each fixture:
       dockgrade verify ${shown}
  3. look for the mistakes no check sees:
       dockgrade verify --mutants ${shown}
`,
    ),
  );
  // npx keeps what it runs in a cache that npm may clear: the schema line would point there.
  if (packageRoot().split(sep).includes("_npx"))
    write(
      say(
        lang,
        `  Attention : la ligne $schema d'exercise.yaml pointe dans le cache de npx ; \`dockgrade schema > exercise.schema.json\` en donne une copie à garder.\n`,
        `  Note: exercise.yaml's $schema line points into npx's cache; \`dockgrade schema > exercise.schema.json\` writes a copy to keep.\n`,
      ),
    );
  return 0;
}
