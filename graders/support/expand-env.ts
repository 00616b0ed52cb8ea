/**
 * `$NAME` and `${NAME}` replaced the way Go's `os.Expand` does (what container-structure-test
 * applies to a command before running it): a name is letters, digits and `_`, or one of the
 * shell's special characters (`$*#@!?-` or a digit); an unset name becomes empty; a `$` that no
 * name follows stays as written.
 */
export function expandLikeGo(text: string, lookup: (name: string) => string): string {
  let result = "";
  let index = 0;
  while (index < text.length) {
    const dollar = text.indexOf("$", index);
    if (dollar === -1 || dollar === text.length - 1) return result + text.slice(index);
    result += text.slice(index, dollar);
    const { name, width } = shellName(text.slice(dollar + 1));
    if (name !== "") result += lookup(name);
    else if (width === 0) result += "$";
    // name "" with a width: bad syntax such as `${}`; Go drops it.
    index = dollar + 1 + width;
  }
  return result;
}

/** The names `expandLikeGo` would look up in `text`. */
export function referencedNames(text: string): string[] {
  const names: string[] = [];
  expandLikeGo(text, (name) => {
    names.push(name);
    return "";
  });
  return names;
}

function shellName(rest: string): { name: string; width: number } {
  if (rest.startsWith("{")) {
    if (rest.length > 2 && isSpecial(rest[1]!) && rest[2] === "}") return { name: rest[1]!, width: 3 };
    const close = rest.indexOf("}");
    if (close === -1) return { name: "", width: 1 };
    if (close === 1) return { name: "", width: 2 };
    return { name: rest.slice(1, close), width: close + 1 };
  }
  if (isSpecial(rest[0]!)) return { name: rest[0]!, width: 1 };
  const width = /^[A-Za-z0-9_]*/.exec(rest)![0].length;
  return { name: rest.slice(0, width), width };
}

const isSpecial = (char: string) => "*#$@!?-".includes(char) || /^[0-9]$/.test(char);
