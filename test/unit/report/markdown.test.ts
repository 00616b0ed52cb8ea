import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/report/index.js";
import { markdownCell } from "../../../src/report/markdown.js";
import { classRun, HOSTILE, submission } from "./sample-run.js";

/** The rows of the first table of a Markdown document, split into cells on unescaped pipes. */
function firstTable(markdown: string): string[][] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.startsWith("|"));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith("|"));
  return lines.slice(start, end).map((line) => line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim()));
}

describe("markdown format", () => {
  it("gives each submission a table of its checks: status emoji, title, points", () => {
    const markdown = renderReport("markdown", { results: [classRun().results[5]!] }, { lang: "fr" });
    expect(markdown).toContain("### tag-oublie — Construire, taguer et versionner une image : 6/12");
    expect(firstTable(markdown)).toEqual([
      ["", "Vérification", "Points"],
      [":-:", "---", "--:"],
      ["✅", "L'image de base est épinglée sur une version", "2/2"],
      ["❌", "Les trois tags existent et désignent la même image", "0/6"],
      ["✅", "L'image ajoute au plus 3 couches à son image de base", "2/2"],
      ["✅", "L'image pèse au plus 200 Mo", "2/2"],
    ]);
    expect(markdown).toContain("#### Détails");
    expect(markdown).toContain("> 💡 Piste :");
  });

  it("keeps a table row on one line and in three columns whatever the title holds", () => {
    const markdown = renderReport("markdown", { results: [submission({ checks: [submission().checks[1]!].map((check) => ({ ...check, title: "a | b\nc <b>" })) })] }, { lang: "en" });
    const rows = firstTable(markdown);
    expect(rows[2]).toEqual(["❌", "a \\| b<br>c &lt;b&gt;", "0/6"]);
    expect(markdownCell("x|y\r\nz")).toBe("x\\|y<br>z");
  });

  it("shows learners only visible checks, and details (message, hint) for failures only", () => {
    const markdown = renderReport("markdown", { results: [submission()] }, { lang: "en" });
    expect(markdown).not.toContain("Santé");
    expect(markdown).not.toContain("Taille");
    expect(markdown).toContain(": 2/10");
    // The failure's message goes in a fenced block the message cannot close, then its hint.
    expect(markdown).toContain(`\`\`\`text\n${HOSTILE}\n\`\`\``);
    expect(markdown).toContain("> 💡 Hint: docker tag mon-app:v1 mon-app:latest");
    expect(markdown).not.toContain("build failed\n```");
  });

  it("shows the build log when the build failed", () => {
    const markdown = renderReport("markdown", { results: [classRun().results[1]!] }, { lang: "en" });
    expect(markdown).toContain("**The image build failed**\n\n```text\nStep 1/8 : FROM python");
  });
});
