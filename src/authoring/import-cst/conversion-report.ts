import { localized, pick, type Lang, type Localized } from "../../i18n.js";
import type { ConversionItem } from "./conversion.js";

/** What a dockgrade check judges otherwise than CST, whatever the file, by the kind it concerns. */
const GENERAL_DIFFERENCES: { kind: string; text: Localized }[] = [
  {
    kind: "image.command",
    text: localized(
      "les commandes tournent sans réseau, avec les limites de l'exercice ; CST leur donne le réseau par défaut",
      "commands run without network, within the exercise's limits; CST gives them the default network",
    ),
  },
  {
    kind: "image.command",
    text: localized(
      "la sortie d'une commande est comparée sans ses blancs finaux (un motif qui finit par $ est donc plus tolérant)",
      "a command's output is matched without its trailing whitespace (a pattern ending in $ is therefore more lenient)",
    ),
  },
  {
    kind: "image.file",
    text: localized(
      "le contenu d'un fichier : ses 64 premiers Kio ; un lien relatif est suivi depuis son dossier (CST lit tout le fichier et part de /)",
      "a file's content: its first 64 KiB; a relative link is followed from its folder (CST reads the whole file and starts from /)",
    ),
  },
];

export interface ReportContext {
  cstFile: string;
  targetDir: string;
  written: string[];
  ids: Map<ConversionItem, string>;
}

/** The conversion report printed on stdout: every test, converted or not, with its line. */
export function conversionReport(items: ConversionItem[], context: ReportContext, lang: Lang): string {
  const t = (fr: string, en: string) => (lang === "fr" ? fr : en);
  const converted = items.filter((item) => item.check);
  const left = items.filter((item) => item.notConverted);
  const differences = GENERAL_DIFFERENCES.filter((difference) =>
    converted.some((item) => item.check!.kind === difference.kind),
  );
  const where = (item: ConversionItem) =>
    `${context.cstFile}:${item.line} ${item.source}${item.name === item.source ? "" : ` "${item.name}"`}`;
  const lines = [
    t(
      `Import de ${context.cstFile} : ${converted.length} test(s) converti(s), ${left.length} non converti(s), sur ${items.length}.`,
      `Import of ${context.cstFile}: ${converted.length} test(s) converted, ${left.length} not converted, of ${items.length}.`,
    ),
    "",
    t("Convertis (1 point chacun) :", "Converted (1 point each):"),
    ...converted.flatMap((item) => [
      `  ✓ ${where(item)} → ${item.check!.kind} [${context.ids.get(item)}]`,
      ...item.notes.map((note) => `      ${t("remarque :", "note:")} ${pick(note, lang)}`),
    ]),
    ...(converted.length === 0 ? [t("  (aucun)", "  (none)")] : []),
    "",
    t("Non convertis :", "Not converted:"),
    ...left.map((item) => `  ✗ ${where(item)}: ${pick(item.notConverted!, lang)}`),
    ...(left.length === 0 ? [t("  (aucun)", "  (none)")] : []),
    "",
    ...(differences.length > 0
      ? [
          t(
            "Différences de jugement avec CST, pour tous les tests :",
            "Differences from CST's judgement, for every test:",
          ),
          ...differences.map((difference) => `  - ${pick(difference.text, lang)}`),
          "",
        ]
      : []),
  ];
  if (context.written.length > 0) {
    lines.push(
      t(
        `Écrit dans ${context.targetDir} : ${context.written.join(", ")}.`,
        `Written to ${context.targetDir}: ${context.written.join(", ")}.`,
      ),
      t(
        "Pas de solution : l'import ne connaît pas l'image d'origine. Écrivez solution/Dockerfile, complétez baseImages, puis lancez dockgrade verify.",
        "No solution: the import cannot know the original image. Write solution/Dockerfile, fill in baseImages, then run dockgrade verify.",
      ),
    );
  } else {
    lines.push(t("Aucun test convertible : aucun exercice écrit.", "No convertible test: no exercise written."));
  }
  return `${lines.join("\n")}\n`;
}
