import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/report/index.js";
import { codeSpan, literal } from "../../../src/report/markdown-text.js";
import { classRun, HOSTILE, submission } from "./sample-run.js";
import { CONTROL_CHARACTERS, HOSTILE_MARKDOWN, hostileSubmission, markdownProblems, renderGfm } from "./validators.js";

/** The rows of the first table after `from` in a Markdown document, split into cells on unescaped pipes. */
function firstTable(markdown: string, from = 0): string[][] {
  const lines = markdown.slice(from).split("\n");
  const start = lines.findIndex((line) => line.startsWith("|"));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith("|"));
  return lines.slice(start, end).map((line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim()),
  );
}

const decodeEntities = (html: string) =>
  html
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

describe("markdown format", () => {
  it("gives each submission a table of its checks: status emoji, title, points", () => {
    const markdown = renderReport("markdown", { results: [classRun().results[5]!] }, { lang: "fr" });
    expect(markdown).toContain("### `tag-oublie` — Construire, taguer et versionner une image : 6/12");
    expect(firstTable(markdown)).toEqual([
      ["", "Vérification", "Points"],
      [":-:", "---", "--:"],
      ["✅", "L'image de base est épinglée sur une version", "2/2"],
      ["❌", "Les trois tags existent et désignent la même image", "0/6"],
      ["✅", "L'image ajoute au plus 3 couches à son image de base", "2/2"],
      ["✅", "L'image pèse au plus 200 Mo", "2/2"],
    ]);
    expect(markdown).toContain("#### Détails");
    expect(markdown).toContain("💡 **Piste :** ");
  });

  it("renders learner text as written, with no link, image, HTML, mention or issue reference (remark-gfm)", () => {
    const markdown = renderReport("markdown", { results: [hostileSubmission()] }, { lang: "en" });
    expect(markdownProblems(markdown)).toEqual([]);
    // Every hostile text is there, as text: in code, decoded, exactly as the learner wrote it.
    const code = [...renderGfm(markdown).matchAll(/<code[^>]*>([^]*?)<\/code>/g)].map((match) =>
      decodeEntities(match[1]!),
    );
    expect(code.some((text) => text.includes(HOSTILE_MARKDOWN))).toBe(true);
    expect(code).toContain('@octocat =HYPERLINK("https://evil.example","x") <b>élodie</b>');
    expect(code.join("\n")).toContain("red link  nul bel c1\nnext");
    expect(markdown).not.toContain("\u001b");
    expect(CONTROL_CHARACTERS).toContain("\u001b");
  });

  it("keeps a table row on one line and in three columns whatever the title holds", () => {
    const checks = [submission().checks[1]!].map((check) => ({ ...check, title: "a | b\nc <b> [x](y) *z*" }));
    const markdown = renderReport("markdown", { results: [submission({ status: "failed", checks })] }, { lang: "en" });
    expect(firstTable(markdown)[2]).toEqual(["❌", "a \\| b c \\<b\\> \\[x\\](y) \\*z\\*", "0/6"]);
    expect(markdownProblems(markdown)).toEqual([]);
    expect(renderGfm(markdown)).toContain("<td>a | b c &#x3C;b> [x](y) *z*</td>");
  });

  it("writes code spans that no text can close, in a table too", () => {
    for (const text of ["plain", "a `tick`", "``double``", "`edge`", " spaced ", "pipe | here", "x\ny"]) {
      const html = renderGfm(`| a |\n|---|\n| ${codeSpan(text, { inTable: true })} |\n\n${codeSpan(text)}`);
      const spans = [...html.matchAll(/<code>([^]*?)<\/code>/g)].map((match) => decodeEntities(match[1]!));
      expect(spans).toEqual([text.replace(/\n/g, " "), text.replace(/\n/g, " ")]);
    }
    expect(renderGfm(literal("*a* <b> [l](u) `c` \\ _e_"))).toBe("<p>*a* &#x3C;b> [l](u) `c` \\ _e_</p>");
  });

  it("shows learners only visible checks, and details (message, hint) for failures only", () => {
    const markdown = renderReport("markdown", { results: [submission({ status: "failed" })] }, { lang: "en" });
    expect(markdown).not.toContain("Santé");
    expect(markdown).not.toContain("Taille");
    expect(markdown).toContain(": 2/10");
    // The failure's message goes in a fenced block the message cannot close, then its hint.
    expect(markdown).toContain(`\`\`\`text\n${HOSTILE}\n\`\`\``);
    expect(markdown).toContain("💡 **Hint:** `docker tag mon-app:v1 mon-app:latest`");
    expect(markdown).not.toContain("build failed\n```");
  });

  it("says plainly that a submission could not be graded, with no score", () => {
    const markdown = renderReport("markdown", { results: [submission({ error: "engine lost" })] }, { lang: "en" });
    expect(markdown).toContain(
      "### `élodie` — Construire, taguer et versionner une image: ⚠️ not graded (grading could not complete)",
    );
    expect(markdown).toContain("**Grading could not complete**\n\n```text\nengine lost\n```");
    expect(markdown).not.toMatch(/: \d+\/10/);
  });

  it("shows the build log when the build failed", () => {
    const markdown = renderReport("markdown", { results: [classRun().results[1]!] }, { lang: "en" });
    expect(markdown).toContain("**The image build failed**\n\n```text\nStep 1/8 : FROM python");
  });

  it("starts a class report with each check's pass rate, hardest first", () => {
    const run = classRun();
    const alice = run.results[0]!;
    const checks = alice.checks.map((check) => (check.id === "tags" ? { ...check, status: "error" as const } : check));
    run.results.push({ ...alice, learner: "zed", status: "error", error: "engine lost", checks });
    const markdown = renderReport("markdown", run, { lang: "en" });
    expect(markdown).toMatch(
      /^## The class: where it struggles\n\n### Construire, taguer et versionner une image `03-images-conteneurs\/01-tags`\n/,
    );
    expect(markdown).toContain(
      "7 submissions graded, median score 6/12; 1 to grade again (grading could not complete).",
    );
    expect(firstTable(markdown)).toEqual([
      ["Check", "Passed", "", ""],
      ["---", "--:", "--:", "---"],
      ["Les trois tags existent et désignent la même image `tags`", "43%", "3/7", "████░░░░░░"],
      ["L'image ajoute au plus 3 couches à son image de base `couches`", "63%", "5/8", "██████░░░░"],
      ["L'image pèse au plus 200 Mo `taille`", "63%", "5/8", "██████░░░░"],
      ["L'image de base est épinglée sur une version `base-epinglee`", "75%", "6/8", "████████░░"],
    ]);
    expect(markdownProblems(markdown)).toEqual([]);
  });
});
