import { describe, expect, it } from "vitest";
import { cleanStrings, cleanText } from "../../../src/report/clean-text.js";
import { renderReport, reporters, type ReportFormat } from "../../../src/report/index.js";
import { CONTROL_CHARACTERS, hostileSubmission } from "./validators.js";

describe("cleanText", () => {
  it("removes terminal escapes and control characters, keeps tabs, line breaks and text", () => {
    expect(cleanText(CONTROL_CHARACTERS)).toBe("red link  nul bel c1\nnext");
    expect(cleanText("a\tb\r\nc\rd\u007fe\u0085f\ufffeg")).toBe("a\tb\nc\ndefg");
    // An OSC 8 hyperlink ended by ST, a DCS string, a charset selection, an unterminated OSC.
    expect(
      cleanText("\u001b]8;;https://x\u001b\\txt\u001b]8;;\u001b\\ \u001bPq#0\u001b\\ \u001b(Bok \u001b]0;never ended"),
    ).toBe("txt  ok ");
    expect(cleanText("été 日本 🐳 <b>")).toBe("été 日本 🐳 <b>");
  });

  it("cleans every string of a result, keeping its shape", () => {
    const value = { a: ["x\u0000", { b: "\u001b[1my" }], n: 3, t: true, u: undefined, z: null };
    expect(cleanStrings(value)).toEqual({ a: ["x", { b: "y" }], n: 3, t: true, u: undefined, z: null });
  });

  it("reaches no report: every format is rendered from cleaned text", () => {
    const result = hostileSubmission({ status: "failed" });
    for (const format of Object.keys(reporters) as ReportFormat[]) {
      if (reporters[format].scope === "submission" || format === "github-classroom") continue;
      const report = renderReport(format, { results: [result] }, { lang: "en" });
      expect(report, format).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
      expect(report, format).not.toMatch(/\\u00[01][0-9a-f]/);
    }
    const classroom = renderReport("github-classroom", { results: [result] }, { lang: "en" }).split("\n")[0]!;
    expect(Buffer.from(classroom.slice("result=".length), "base64").toString()).not.toMatch(/\\u00[01][0-9a-f]/);
  });
});
