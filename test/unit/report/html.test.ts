import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/report/index.js";
import { classRun, HOSTILE, submission, syntheticClass } from "./sample-run.js";
import { CONTROL_CHARACTERS } from "./validators.js";

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
const between = (text: string, start: string, end: string) =>
  text.slice(text.indexOf(start), text.indexOf(end, text.indexOf(start)));

describe("html format", () => {
  it("is one self-contained page: class charts, a sortable overview, a section and a layer chart per built learner", () => {
    const run = classRun();
    const page = renderReport("html", run, { lang: "fr" });
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).toContain('<table id="overview">');
    expect(count(page, /<th scope="col"><button type="button">/g)).toBe(5);
    expect(count(page, /<section id="submission-\d+"/g)).toBe(7);
    const built = run.results.filter((result) => (result.layers ?? []).length > 0).length;
    expect(built).toBe(5);
    // Two class charts (pass rates, score distribution), then one layer chart per built image.
    expect(count(page, /<figure class="class-chart">/g)).toBe(2);
    expect(count(page, /<svg /g)).toBe(2 + built);
    // trop-de-couches adds five layers over its base image: one grey bar, five coloured ones.
    const section = page.slice(page.indexOf('<section id="submission-6"'));
    expect(count(section, /fill="#9e9e9e"/g)).toBe(1);
    expect(count(section, /<rect /g)).toBe(6);
    // Self-contained: no external URL, and the policy lets nothing load.
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page).toContain('http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;');
    expect(count(page, /<script>/g)).toBe(1);
  });

  it("charts each check's pass rate, hardest first, and the score distribution, in the page's language", () => {
    const run = syntheticClass(12);
    const page = renderReport("html", run, { lang: "en" });
    const classSection = between(page, '<section class="class">', '<table id="overview">');
    expect(classSection).toContain("<h2>The class: where it struggles</h2>");
    expect(classSection).toContain("11 submissions · median score <strong>4/12</strong>");
    expect(classSection).toContain('<span class="problem">1 not graded</span>');
    const rates = [...classSection.matchAll(/<g class="check-rate">\s*<title>([^<]*)<\/title>/g)].map(
      (match) => match[1],
    );
    expect(rates).toEqual([
      "L&#39;image pèse au plus 200 Mo [taille] (hidden): 3/12",
      "Les trois tags existent et désignent la même image [tags]: 4/12",
      "L&#39;image ajoute au plus 3 couches à son image de base [couches]: 8/11",
      "L&#39;image de base est épinglée sur une version [base-epinglee]: 10/12",
    ]);
    expect(classSection).toContain(">83% (10/12)</text>");
    const bins = [...classSection.matchAll(/<g class="score-bin">\s*<title>([^<]*)<\/title>/g)].map(
      (match) => match[1],
    );
    expect(bins).toHaveLength(10);
    expect(bins[0]).toBe("0–9 %: 1 submissions");
    expect(bins[9]).toBe("90–100 %: 2 submissions");
    const counted = bins.reduce((sum, bin) => sum + Number(/: (\d+) /.exec(bin!)![1]), 0);
    expect(counted).toBe(11);
    expect(classSection).toContain(
      "Distribution of scores (percentage of the maximum) · 1 submission not graded, not counted",
    );
    const french = renderReport("html", run, { lang: "fr" });
    expect(french).toContain("<h2>La classe : où elle bloque</h2>");
    expect(french).toContain("83\u00a0% (10/12)");
    expect(french).toContain("Taux de réussite de chaque vérification");
    expect(french).toMatch(/<p>Score : <strong>\d+\/\d+<\/strong>/);
  });

  it("shows no score for a submission that could not be graded, and says why", () => {
    const page = renderReport("html", syntheticClass(12), { lang: "en" });
    const row = between(page, '<a href="#submission-11">', "</tr>");
    expect(row).toContain('data-sort="-1"><span class="badge error"');
    expect(row).toContain(">not graded</span>");
    const section = between(page, '<section id="submission-11"', "</section>");
    expect(section).toContain("grading could not complete (not the learner&#39;s fault): grade again");
    expect(section).toContain('<pre class="log">the engine stopped answering</pre>');
    expect(section).not.toMatch(/Score: <strong>\d/);
  });

  it("escapes a hostile message, title and build log: the only script is the page's own", () => {
    const hostile = submission({
      learner: `<img src=x onerror=alert(1)>`,
      submission: `/tmp/classe/<img src=x onerror=alert(1)>`,
      build: {
        status: "failed",
        durationMs: 1,
        logExcerpt: ["</pre><script>alert('log')</script>", CONTROL_CHARACTERS],
      },
      checks: submission().checks.map((check) => ({ ...check, title: `${check.title} <script>t()</script>` })),
    });
    const page = renderReport("html", { results: [hostile, syntheticClass(2).results[0]!] }, { lang: "en" });
    expect(count(page, /<script/gi)).toBe(1);
    expect(page).not.toContain("<img");
    expect(page).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; a &lt; b &amp; c &gt; d &quot;double&quot; &#39;single&#39;",
    );
    expect(page).toContain("&lt;/pre&gt;&lt;script&gt;alert(&#39;log&#39;)&lt;/script&gt;");
    expect(page).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    expect(HOSTILE).toContain("<script>");
  });

  it("shows the instructor every check, with its visibility; no class charts for one submission", () => {
    const page = renderReport("html", { results: [submission()] }, { lang: "en" });
    expect(page).toContain('<span class="badge visibility">hidden</span>');
    expect(page).toContain('<span class="badge visibility">after due date</span>');
    expect(page).toContain("docker tag mon-app:v1 mon-app:latest");
    expect(page).not.toContain('<section class="class">');
  });
});
