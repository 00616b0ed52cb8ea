import { localized, type Localized } from "../i18n.js";

export type CommandLine =
  { line: number; text: string; argv: string[] } | { line: number; text: string; refused: Localized };

const SHELL_OPERATORS = new Set([";", "|", "&", ">", "<"]);

class Refusal extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

/**
 * Splits one command into argv the way a shell would for plain words and quotes, and refuses
 * everything a shell would interpret (operators, substitutions, variables): nothing the
 * learner wrote is ever handed to a shell.
 */
export function splitArgv(text: string): string[] {
  const argv: string[] = [];
  let current = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
      continue;
    }
    if (char === "`" || (char === "$" && /[({\w]/.test(text[index + 1] ?? ""))) {
      throw new Refusal(
        localized(
          `\`${char === "`" ? "`...`" : "$..."}\` : les substitutions et variables ne sont pas exécutées ; écrivez la valeur elle-même.`,
          `\`${char === "`" ? "`...`" : "$..."}\`: substitutions and variables are not run; write the value itself.`,
        ),
      );
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === "\\" && /["\\$`]/.test(text[index + 1] ?? "")) current += text[++index];
      else current += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === "\\") {
      current += text[++index] ?? "";
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) argv.push(current);
      current = "";
      inWord = false;
    } else if (SHELL_OPERATORS.has(char)) {
      throw new Refusal(
        localized(
          `\`${char}\` : une ligne = une seule commande docker, sans opérateur du shell (; | & > <).`,
          `\`${char}\`: one line = one docker command, without shell operators (; | & > <).`,
        ),
      );
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) throw new Refusal(localized(`guillemet ${quote} non fermé.`, `unclosed ${quote} quote.`));
  if (inWord) argv.push(current);
  return argv;
}

/** Lines of a `commandes.sh`: comments and blank lines dropped, `\` continuations joined. */
export function parseCommandFile(text: string): CommandLine[] {
  const commands: CommandLine[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  for (let index = 0; index < lines.length; index += 1) {
    const start = index + 1;
    let command = lines[index]!;
    while (/\\\s*$/.test(command) && index + 1 < lines.length) {
      command = command.replace(/\\\s*$/, " ") + lines[++index];
    }
    const trimmed = command.trim();
    if (trimmed === "" || trimmed.startsWith("#") || /^set\s+-[euxo]+(\s+pipefail)?$/.test(trimmed)) continue;
    try {
      const argv = splitArgv(stripComment(trimmed));
      if (argv.length > 0) commands.push({ line: start, text: trimmed, argv });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      commands.push({ line: start, text: trimmed, refused: error.reason });
    }
  }
  return commands;
}

/** Drops a trailing ` # comment` that is outside quotes. */
function stripComment(text: string): string {
  let quote: string | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === "#" && /\s/.test(text[index - 1] ?? " ")) return text.slice(0, index);
  }
  return text;
}
