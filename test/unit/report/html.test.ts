import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/report/index.js";
import { classRun, HOSTILE, submission } from "./sample-run.js";

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe("html format", () => {
  it("is one self-contained page: a sortable overview, a section and a layer chart per built learner", () => {
    const run = classRun();
    const page = renderReport("html", run, { lang: "fr" });
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).toContain('<table id="overview">');
    expect(count(page, /<th scope="col"><button type="button">/g)).toBe(5);
    expect(count(page, /<section id="submission-\d+"/g)).toBe(7);
    const built = run.results.filter((result) => (result.layers ?? []).length > 0).length;
    expect(built).toBe(5);
    expect(count(page, /<svg /g)).toBe(built);
    // trop-de-couches adds five layers over its base image: one grey bar, five coloured ones.
    const section = page.slice(page.indexOf('<section id="submission-6"'));
    expect(count(section, /fill="#9e9e9e"/g)).toBe(1);
    expect(count(section, /<rect /g)).toBe(6);
    // Self-contained: no external URL, and the policy lets nothing load.
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page).toContain('http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;');
    expect(count(page, /<script>/g)).toBe(1);
  });

  it("escapes a hostile message, title and build log: the only script is the page's own", () => {
    const hostile = submission({
      learner: `<img src=x onerror=alert(1)>`, submission: `/tmp/classe/<img src=x onerror=alert(1)>`,
      build: { status: "failed", durationMs: 1, logExcerpt: ["</pre><script>alert('log')</script>"] },
      checks: submission().checks.map((check) => ({ ...check, title: `${check.title} <script>t()</script>` })),
    });
    const page = renderReport("html", { results: [hostile] }, { lang: "en" });
    expect(count(page, /<script/gi)).toBe(1);
    expect(page).not.toContain("<img");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; a &lt; b &amp; c &gt; d &quot;double&quot; &#39;single&#39;");
    expect(page).toContain("&lt;/pre&gt;&lt;script&gt;alert(&#39;log&#39;)&lt;/script&gt;");
    expect(HOSTILE).toContain("<script>");
  });

  it("shows the instructor every check, with its visibility", () => {
    const page = renderReport("html", { results: [submission()] }, { lang: "en" });
    expect(page).toContain('<span class="badge visibility">hidden</span>');
    expect(page).toContain('<span class="badge visibility">after due date</span>');
    expect(page).toContain("docker tag mon-app:v1 mon-app:latest");
  });
});
