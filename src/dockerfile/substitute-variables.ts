/** The result of substituting build arguments into a word of a Dockerfile. */
export interface Substitution {
  text: string;
  /** Variables the word uses that have no value (Docker substitutes an empty string). */
  missing: string[];
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Substitutes variables as the builder does in FROM and ARG: `$NAME`, `${NAME}`,
 * `${NAME:-default}` (unset or empty), `${NAME-default}` (unset), `${NAME:+alt}` (set and not
 * empty), `${NAME+alt}` (set). The escape character (`\` or the one the `# escape=` directive
 * names) before `$` keeps it literal.
 */
export function substituteVariables(
  word: string,
  values: ReadonlyMap<string, string>,
  escapeCharacter = "\\",
): Substitution {
  const missing: string[] = [];
  let text = "";
  let index = 0;
  while (index < word.length) {
    const char = word[index]!;
    if (char === escapeCharacter && word[index + 1] === "$") {
      text += "$";
      index += 2;
      continue;
    }
    if (char !== "$") {
      text += char;
      index += 1;
      continue;
    }
    VARIABLE.lastIndex = index;
    const match = VARIABLE.exec(word);
    if (!match || match.index !== index) {
      text += char;
      index += 1;
      continue;
    }
    const [whole, braced, operator, operand = "", bare] = match;
    const name = (braced ?? bare)!;
    const value = values.get(name);
    const set = value !== undefined;
    const nonEmpty = set && value !== "";
    if (operator === ":-") text += nonEmpty ? value : substituteVariables(operand, values, escapeCharacter).text;
    else if (operator === "-") text += set ? value : substituteVariables(operand, values, escapeCharacter).text;
    else if (operator === ":+") text += nonEmpty ? substituteVariables(operand, values, escapeCharacter).text : "";
    else if (operator === "+") text += set ? substituteVariables(operand, values, escapeCharacter).text : "";
    else {
      if (!set) missing.push(name);
      text += value ?? "";
    }
    index += whole.length;
  }
  return { text, missing };
}

/** `"3.11"` or `'3.11'` as the builder reads an ARG or ENV value: without its quotes. */
export function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && (trimmed[0] === '"' || trimmed[0] === "'") && trimmed.at(-1) === trimmed[0]) {
    return trimmed.slice(1, -1);
  }
  return trimmed;
}
