import { code } from "./conversion.js";

/**
 * Go regular expressions (RE2, what container-structure-test compiles) rewritten for JavaScript,
 * which dockgrade's checks use. Most of the syntax is shared; the differences handled here are
 * the ones CST files use: flags `(?i)`, `(?s)`, `(?m)` (leading, or scoped as `(?i:…)`),
 * `(?P<name>`, `\A`, `\z`, `\Q…\E` and POSIX classes such as `[[:digit:]]`. Flags are written out
 * (`[hH]`, `[\s\S]`, lookarounds) rather than as JavaScript modifier groups, which Node.js 22 does
 * not read: a converted spec loads on every Node.js line dockgrade supports. Anything else that
 * JavaScript reads differently is refused, with the reason, rather than converted to a pattern
 * that would judge otherwise.
 */
export type GoRegexResult = { pattern: string } | { problem: string };

const POSIX_CLASSES: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  blank: "\\t ",
  digit: "0-9",
  lower: "a-z",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

interface Flags {
  ignoreCase: boolean;
  dotAll: boolean;
  multiline: boolean;
}

const NO_FLAGS: Flags = { ignoreCase: false, dotAll: false, multiline: false };

function withFlags(flags: Flags, letters: string): Flags {
  return {
    ignoreCase: flags.ignoreCase || letters.includes("i"),
    dotAll: flags.dotAll || letters.includes("s"),
    multiline: flags.multiline || letters.includes("m"),
  };
}

const isLetter = (char: string) => /^[A-Za-z]$/.test(char);
const otherCase = (char: string) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase());
const SPECIAL = /[\\^$.*+?()[\]{}|/-]/;

/** One literal character outside a class, as JavaScript reads it under `flags`. */
function literal(char: string, flags: Flags): string {
  if (flags.ignoreCase && isLetter(char)) return `[${char}${otherCase(char)}]`;
  return SPECIAL.test(char) ? `\\${char}` : char;
}

/** A class member `a` or range `a-z` with its other case added under (?i). */
function classMember(from: string, to: string | undefined, flags: Flags): string {
  const written = to === undefined ? from : `${from}-${to}`;
  if (!flags.ignoreCase) return written;
  if (to === undefined) return isLetter(from) ? `${from}${otherCase(from)}` : from;
  const sameCaseLetters = isLetter(from) && isLetter(to) && (from === from.toLowerCase()) === (to === to.toLowerCase());
  return sameCaseLetters ? `${written}${otherCase(from)}-${otherCase(to)}` : written;
}

export function goRegexToJs(source: string): GoRegexResult {
  let pattern = source;
  let flags = NO_FLAGS;
  const leading = /^\(\?([imsU]+)\)/.exec(pattern);
  if (leading) {
    if (leading[1]!.includes("U")) return { problem: `the (?U) flag (ungreedy) has no JavaScript equivalent` };
    flags = withFlags(flags, leading[1]!);
    pattern = pattern.slice(leading[0].length);
  }
  const groupFlags: Flags[] = [];
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i]!;
    const rest = pattern.slice(i);
    if (char === "\\") {
      const next = pattern[i + 1] ?? "";
      if (next === "Q") {
        const end = pattern.indexOf("\\E", i + 2);
        const quoted = pattern.slice(i + 2, end === -1 ? undefined : end);
        out += [...quoted]
          .map((c) => (inClass ? classMember(SPECIAL.test(c) ? `\\${c}` : c, undefined, flags) : literal(c, flags)))
          .join("");
        i = end === -1 ? pattern.length : end + 1;
        continue;
      }
      if (!inClass && next === "A") out += "(?<![\\s\\S])";
      else if (!inClass && next === "z") out += "(?![\\s\\S])";
      else if (next === "p" || next === "P")
        return { problem: `Unicode classes (\\${next}) need a flag dockgrade does not set` };
      else if (next === "x" && pattern[i + 2] === "{") return { problem: "\\x{…} escapes are Go-only" };
      else if (next === "C") return { problem: "\\C (any byte) is Go-only" };
      else out += char + next;
      i += 1;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest);
      if (posix) {
        const range = POSIX_CLASSES[posix[2]!];
        if (!range || posix[1]) return { problem: `the POSIX class [:${posix[1]}${posix[2]}:] is not converted` };
        const folded = flags.ignoreCase && (posix[2] === "upper" || posix[2] === "lower");
        out += folded ? "A-Za-z" : range;
        i += posix[0].length - 1;
        continue;
      }
      if (char === "]") {
        inClass = false;
        out += char;
        continue;
      }
      const range = /^([^\\\]])-([^\\\]])/.exec(rest);
      if (range) {
        out += classMember(range[1]!, range[2]!, flags);
        i += 2;
      } else {
        out += classMember(char, undefined, flags);
      }
      continue;
    }
    if (char === "[") {
      inClass = true;
      out += char;
      // A `]` right after `[` or `[^` is a literal in both languages; copy it so it does not close the class.
      const literalClose = /^\[\^?\]/.exec(rest);
      if (literalClose) {
        out += literalClose[0].slice(1);
        i += literalClose[0].length - 1;
      } else if (rest.startsWith("[^")) {
        out += "^";
        i += 1;
      }
      continue;
    }
    const named = /^\(\?P?<(\w+)>/.exec(rest);
    if (named) {
      groupFlags.push(flags);
      out += `(?<${named[1]}>`;
      i += named[0].length - 1;
      continue;
    }
    const scoped = /^\(\?([ims]+):/.exec(rest);
    if (scoped) {
      groupFlags.push(flags);
      flags = withFlags(flags, scoped[1]!);
      out += "(?:";
      i += scoped[0].length - 1;
      continue;
    }
    if (/^\(\?[imsU-]+[):]/.test(rest)) {
      return { problem: "flags set in the middle of a pattern are read differently by JavaScript" };
    }
    if (char === "(") groupFlags.push(flags);
    if (char === ")") flags = groupFlags.pop() ?? flags;
    if (char === "." && flags.dotAll) out += "[\\s\\S]";
    else if (char === "^" && flags.multiline) out += "(?<![^\\n])";
    else if (char === "$" && flags.multiline) out += "(?![^\\n])";
    else if (flags.ignoreCase && isLetter(char)) out += literal(char, flags);
    else out += char;
  }
  try {
    new RegExp(out);
  } catch (error) {
    return { problem: `not a valid JavaScript regular expression (${(error as Error).message})` };
  }
  return { pattern: out };
}

/**
 * One JavaScript pattern for "matches each of `expected` and none of `excluded`", as CST judges a
 * list: each expected pattern is searched anywhere, each excluded one must be found nowhere.
 */
export function combinePatterns(expected: string[], excluded: string[]): string | undefined {
  if (expected.length === 0 && excluded.length === 0) return undefined;
  if (expected.length === 1 && excluded.length === 0) return expected[0];
  const all = [
    ...expected.map((pattern) => `(?=[\\s\\S]*?(?:${pattern}))`),
    ...excluded.map((pattern) => `(?![\\s\\S]*?(?:${pattern}))`),
  ];
  return `^${all.join("")}`;
}

/** Converts lists of Go patterns; the first problem stops, naming the pattern. */
export function convertPatternLists(
  expected: readonly string[] | null | undefined,
  excluded: readonly string[] | null | undefined,
): { pattern?: string; problem?: string } {
  const convert = (list: readonly string[] | null | undefined) => {
    const patterns: string[] = [];
    for (const source of list ?? []) {
      const result = goRegexToJs(source);
      if ("problem" in result) return { problem: `${code(`/${source}/`)}: ${result.problem}` };
      patterns.push(result.pattern);
    }
    return { patterns };
  };
  const wanted = convert(expected);
  if ("problem" in wanted) return { problem: wanted.problem };
  const unwanted = convert(excluded);
  if ("problem" in unwanted) return { problem: unwanted.problem };
  const pattern = combinePatterns(wanted.patterns, unwanted.patterns);
  if (pattern === undefined) return {};
  try {
    new RegExp(pattern);
  } catch (error) {
    return { problem: `the patterns do not combine into one (${(error as Error).message})` };
  }
  return { pattern };
}
