import type { CheckKind } from "../../../graders/index.js";
import type { Localized } from "../../i18n.js";

/** A check written for one CST test: the common fields other than the id, and the kind's options. */
export interface ConvertedCheck {
  kind: Extract<CheckKind, "image.command" | "image.file" | "image.config">;
  title: Localized;
  hint: Localized;
  options: Record<string, unknown>;
}

/** What became of one CST test (or one assertion group of metadataTest, or one top-level field). */
export interface ConversionItem {
  /** Where it is in the CST file, e.g. `commandTests[2]` or `metadataTest.labels`. */
  source: string;
  /** The test's name, or the field's name when it has none. */
  name: string;
  /** What the check's id is made from, when not the name (metadata groups). */
  idBase?: string;
  line: number;
  /** Set when the test became a check. */
  check?: ConvertedCheck;
  /** Set when it did not: why, in words an instructor can act on. */
  notConverted?: Localized;
  /** What the instructor should know about a converted check (a difference in judgement). */
  notes: Localized[];
}

/** A Markdown code span, so that `*` or `_` in a pattern is not read as emphasis. */
export const code = (text: string) => (text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``);
export const listed = (patterns: readonly string[]) => patterns.map((p) => code(`/${p}/`)).join(", ");

/** argv as a shell would show it: words with spaces or quotes in single quotes. */
export const shownArgv = (argv: readonly string[]) =>
  argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)).join(" ");
