import { localized, type Localized } from "../../i18n.js";
import type { CstEnvVar, CstMetadataTest } from "./cst-schema.js";
import { code } from "./conversion.js";
import { combinePatterns, goRegexToJs } from "./go-regex.js";

/** One assertion group of metadataTest: the CST fields it reads and what became of them. */
export interface MetadataGroup {
  /** e.g. `envVars` or `exposedPorts`: the first CST field of the group, for its line. */
  field: keyof CstMetadataTest;
  title: Localized;
  hint: Localized;
  options?: Record<string, unknown>;
  notConverted?: Localized;
  notes: Localized[];
}

const exact = (value: string) => `^${value.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")}$`;
const show = (values: readonly string[]) => values.map((value) => code(value)).join(", ");

/** key → one pattern for every entry of that key (CST checks each entry; a key may repeat). */
function keyPatterns(entries: CstEnvVar[]): { patterns?: Record<string, string>; problem?: string } {
  const byKey = new Map<string, string[]>();
  for (const entry of entries) {
    let pattern = exact(entry.value);
    if (entry.isRegex) {
      const result = goRegexToJs(entry.value);
      if ("problem" in result) return { problem: `${entry.key}: ${code(`/${entry.value}/`)}: ${result.problem}` };
      pattern = result.pattern;
    }
    byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), pattern]);
  }
  return { patterns: Object.fromEntries([...byKey].map(([key, list]) => [key, combinePatterns(list, [])!])) };
}

const refusedPorts = (ports: readonly string[]) => ports.filter((port) => !/^\d+$/.test(port));

/**
 * metadataTest → one image.config check per assertion group: env, absent env, labels, exposed
 * ports (exposedPorts and unexposedPorts), volumes (volumes and unmountedVolumes), entrypoint,
 * cmd, workdir, user. CST checks them in one test; grading them apart says which one failed.
 */
export function convertMetadataTest(test: CstMetadataTest): MetadataGroup[] {
  const groups: MetadataGroup[] = [];
  const add = (group: Omit<MetadataGroup, "notes"> & { notes?: Localized[] }) => groups.push({ notes: [], ...group });
  const title = (fr: string, en: string) => localized(`Métadonnées : ${fr}`, `Metadata: ${en}`);

  for (const [field, option, frName, enName] of [
    ["envVars", "env", "variables d'environnement", "environment variables"],
    ["labels", "labels", "labels", "labels"],
  ] as const) {
    const entries = test[field] ?? [];
    if (entries.length === 0) continue;
    const { patterns, problem } = keyPatterns(entries);
    const keys = entries.map((entry) => entry.key);
    add({
      field,
      title: title(frName, enName),
      hint: localized(
        `L'image doit définir ${show(keys)} avec les valeurs attendues (${field === "labels" ? "LABEL" : "ENV"}).`,
        `The image must set ${show(keys)} to the expected values (${field === "labels" ? "LABEL" : "ENV"}).`,
      ),
      ...(problem
        ? { notConverted: localized(`expression régulière ${problem}`, `regular expression ${problem}`) }
        : { options: { [option]: patterns } }),
    });
  }
  const unbound = (test.unboundEnvVars ?? []).map((entry) => entry.key);
  if (unbound.length > 0) {
    add({
      field: "unboundEnvVars",
      title: title("variables absentes", "absent variables"),
      hint: localized(`L'image ne doit pas définir ${show(unbound)}.`, `The image must not set ${show(unbound)}.`),
      options: { envAbsent: unbound },
    });
  }
  for (const [field, excludedField, include, exclude, frName, enName] of [
    ["exposedPorts", "unexposedPorts", "exposedPortsInclude", "exposedPortsExclude", "ports exposés", "exposed ports"],
    ["volumes", "unmountedVolumes", "volumesInclude", "volumesExclude", "volumes", "volumes"],
  ] as const) {
    const wanted = test[field] ?? [];
    const unwanted = test[excludedField] ?? [];
    if (wanted.length === 0 && unwanted.length === 0) continue;
    const badPorts = field === "exposedPorts" ? refusedPorts([...wanted, ...unwanted]) : [];
    add({
      field: wanted.length > 0 ? field : excludedField,
      title: title(frName, enName),
      hint: localized(
        [
          wanted.length ? `L'image doit déclarer ${show(wanted)}` : "",
          unwanted.length ? `ne doit pas déclarer ${show(unwanted)}` : "",
        ]
          .filter(Boolean)
          .join(" et ") + ` (${field === "volumes" ? "VOLUME" : "EXPOSE"}).`,
        [
          wanted.length ? `The image must declare ${show(wanted)}` : "",
          unwanted.length ? `must not declare ${show(unwanted)}` : "",
        ]
          .filter(Boolean)
          .join(" and ") + ` (${field === "volumes" ? "VOLUME" : "EXPOSE"}).`,
      ),
      ...(badPorts.length > 0
        ? {
            notConverted: localized(
              `CST compare les numéros de port seuls : ${show(badPorts)} n'y correspond jamais`,
              `CST compares port numbers only: ${show(badPorts)} never matches there`,
            ),
          }
        : {
            options: {
              ...(wanted.length ? { [include]: wanted } : {}),
              ...(unwanted.length ? { [exclude]: unwanted } : {}),
            },
          }),
    });
  }
  for (const field of ["entrypoint", "cmd"] as const) {
    const list = test[field];
    if (list === undefined || list === null) continue;
    const keyword = field === "cmd" ? "CMD" : "ENTRYPOINT";
    add({
      field,
      title: title(keyword, keyword),
      hint: localized(
        `${keyword} doit être exactement ${code(JSON.stringify(list))} (forme exec).`,
        `${keyword} must be exactly ${code(JSON.stringify(list))} (exec form).`,
      ),
      options: { [field]: list },
    });
  }
  if (test.workdir) {
    add({
      field: "workdir",
      title: title("WORKDIR", "WORKDIR"),
      hint: localized(`WORKDIR doit être ${code(test.workdir)}.`, `WORKDIR must be ${code(test.workdir)}.`),
      options: { workdir: test.workdir },
    });
  }
  if (test.user) {
    add({
      field: "user",
      title: title("USER", "USER"),
      hint: localized(`USER doit être exactement ${code(test.user)}.`, `USER must be exactly ${code(test.user)}.`),
      options: { user: exact(test.user) },
      notes: [
        localized(
          "image.config refuse aussi un USER nommé absent de /etc/passwd (docker run échouerait) ; CST compare le texte seul.",
          "image.config also refuses a named USER missing from /etc/passwd (docker run would fail); CST compares the text only.",
        ),
      ],
    });
  }
  return groups;
}
