import type { ConversionItem } from "./conversion.js";
import type { ExerciseDraft } from "./exercise-from-cst.js";

/** README.md of an imported exercise: the learner's task and the checks in French, then English. */
export function readmeFromCst(draft: ExerciseDraft, items: ConversionItem[], cstName: string): string {
  const left = items.filter((item) => item.notConverted);
  const checks = (lang: "fr" | "en") =>
    draft.checks
      .map(
        ({ item, id }) =>
          `- \`${id}\` (1 point) — **${item.check!.title[lang]}**${lang === "fr" ? " :" : ":"} ${item.check!.hint[lang]}`,
      )
      .join("\n");
  const notConverted = (lang: "fr" | "en") =>
    left.length === 0
      ? lang === "fr"
        ? "Tous les tests ont été convertis."
        : "Every test was converted."
      : left
          .map((item) =>
            lang === "fr"
              ? `- ${item.source} « ${item.name} » (ligne ${item.line}) : ${item.notConverted!.fr}`
              : `- ${item.source} "${item.name}" (line ${item.line}): ${item.notConverted!.en}`,
          )
          .join("\n");
  const total = draft.checks.length;
  return `# Une image conforme aux tests de \`${cstName}\`

*English below.*

Exercice importé de \`${cstName}\` (container-structure-test) par \`dockgrade import-cst\`.

## Travail demandé

Écrivez un \`Dockerfile\` à la racine de votre dossier. Le correcteur construit l'image et vérifie
chaque point ci-dessous ; une commande est lancée dans un nouveau conteneur de l'image, son
\`ENTRYPOINT\` vidé et sans réseau. Le dossier \`starter/\` ne contient qu'un \`Dockerfile\` à compléter.

## Ce qui est vérifié (${total} point${total > 1 ? "s" : ""})

${checks("fr")}

## Pour l'enseignant (à retirer avant de publier)

- **Pas de solution** : l'import ne connaît pas l'image d'origine. Écrivez \`solution/Dockerfile\`
  (et les fichiers qu'il copie) avant de lancer \`dockgrade verify\`, et complétez \`baseImages\`.
- Tests non convertis :

${notConverted("fr")}

---

# An image that passes \`${cstName}\`

Exercise imported from \`${cstName}\` (container-structure-test) by \`dockgrade import-cst\`.

## Your task

Write a \`Dockerfile\` at the root of your folder. The grader builds the image and checks each
point below; a command runs in a new container of the image, its \`ENTRYPOINT\` cleared and
without network. The \`starter/\` folder only holds a \`Dockerfile\` to complete.

## What is checked (${total} point${total > 1 ? "s" : ""})

${checks("en")}

## For the instructor (remove before publishing)

- **No solution**: the import cannot know the original image. Write \`solution/Dockerfile\` (and
  the files it copies) before running \`dockgrade verify\`, and fill in \`baseImages\`.
- Tests not converted:

${notConverted("en")}
`;
}

export const STARTER_DOCKERFILE = `# Write here the Dockerfile whose image passes the checks of README.md.
# Écrivez ici le Dockerfile dont l'image passe les vérifications du README.md.
FROM scratch
`;
