import { describe, expect, it } from "vitest";
import { parseGoPermissions } from "../../../src/authoring/import-cst/convert-file-tests.js";
import { combinePatterns, goRegexToJs } from "../../../src/authoring/import-cst/go-regex.js";
import { expandLikeGo, referencedNames } from "../../../graders/support/expand-env.js";

describe("goRegexToJs", () => {
  it.each([
    ["plain", "a+b", "a+b"],
    ["(?i) written out, letters only", "(?i)gcc-1", "[gG][cC][cC]-1"],
    ["(?i) in classes and ranges", "(?i)[a-cX_]", "[a-cA-CXx_]"],
    ["(?i) scoped to a group", "v(?i:ok)!", "v(?:[oO][kK])!"],
    ["(?s) dot matches newlines", "(?s)a.b", "a[\\s\\S]b"],
    ["(?m) anchors at lines", "(?m)^ok$", "(?<![^\\n])ok(?![^\\n])"],
    ["named groups", "(?P<v>\\d+)", "(?<v>\\d+)"],
    ["named groups under (?i)", "(?i)(?P<v>x)", "(?<v>[xX])"],
    ["POSIX classes", "[[:digit:][:upper:]]+", "[0-9A-Z]+"],
    ["quoted literals", "\\Qa.b*c\\E!", "a\\.b\\*c!"],
    ["\\A and \\z", "\\Aroot\\z", "(?<![\\s\\S])root(?![\\s\\S])"],
    ["] first in a class", "[]a]", "[]a]"],
  ])("%s", (_, go, js) => {
    expect(goRegexToJs(go)).toEqual({ pattern: js });
  });

  it.each([
    ["(?i)Hello", ["hello", "HELLO", "hElLo"], ["help"]],
    ["(?i)[[:upper:]]x", ["ax", "BX"], ["1x"]],
    ["(?s)^a.b$", ["a\nb"], ["ab"]],
    ["(?m)^ok$", ["x\nok\ny"], ["x ok y"]],
    ["a(?i:b)c", ["aBc", "abc"], ["ABC"]],
  ])("%s judges as Go does", (go, matching, notMatching) => {
    const result = goRegexToJs(go);
    if (!("pattern" in result)) throw new Error(result.problem);
    const regex = new RegExp(result.pattern);
    for (const text of matching) expect(regex.test(text), text).toBe(true);
    for (const text of notMatching) expect(regex.test(text), text).toBe(false);
  });

  it.each([["\\pL"], ["\\x{41}"], ["(?U)a+"], ["a(?i)b"], ["[[:punct:]]"], ["(unclosed"]])(
    "refuses %s with a reason",
    (go) => {
      expect(goRegexToJs(go)).toHaveProperty("problem");
    },
  );
});

describe("combinePatterns", () => {
  it("searches each expected pattern anywhere and no excluded one, anchors kept", () => {
    const pattern = new RegExp(combinePatterns(["^root:", "nobody"], ["evil", "^x"])!);
    expect(pattern.test("root:x\nnobody:x\n")).toBe(true);
    expect(pattern.test("nobody\nroot:x\n")).toBe(false);
    expect(pattern.test("root:x\nnobody\nevil\n")).toBe(false);
    expect(pattern.test("root:x\nnobody\nx")).toBe(true); // ^x anchors at the start only, as in Go
  });

  it("keeps a lone expected pattern as written", () => {
    expect(combinePatterns(["Usage"], [])).toBe("Usage");
    expect(combinePatterns([], [])).toBeUndefined();
  });
});

describe("parseGoPermissions (Go's os.FileMode.String)", () => {
  it.each([
    ["-rw-r--r--", { type: "file", mode: "0644" }],
    ["drwxr-xr-x", { type: "directory", mode: "0755" }],
    ["Lrwxrwxrwx", { type: "symlink", mode: "0777" }],
    ["urwsr-xr-x", undefined],
    ["urwxr-xr-x", { type: "file", mode: "4755" }],
    ["dgtrwxrwxrwx", { type: "directory", mode: "3777" }],
    ["rw-r--r--", undefined],
    ["Dcrw-rw-rw-", undefined],
  ])("%s", (text, expected) => {
    expect(parseGoPermissions(text)).toEqual(expected);
  });
});

describe("expandLikeGo (os.Expand)", () => {
  const env: Record<string, string> = { HOME: "/root", A: "x" };
  const lookup = (name: string) => env[name] ?? "";
  it.each([
    ["$HOME/bin", "/root/bin"],
    ["${A}y", "xy"],
    ["$Ay", ""],
    ["$$ $1 $?", "  "],
    ["cost: 5$", "cost: 5$"],
    ["$(pwd) $ x", "$(pwd) $ x"],
    ["${}", ""],
  ])("%s → %s", (text, expanded) => {
    expect(expandLikeGo(text, lookup)).toBe(expanded);
  });

  it("lists the names it would look up", () => {
    expect(referencedNames("echo ${A} $B $(x)")).toEqual(["A", "B"]);
  });
});
