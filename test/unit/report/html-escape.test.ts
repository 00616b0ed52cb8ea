import { describe, expect, it } from "vitest";
import { escapeHtml, html } from "../../../src/report/html-escape.js";

describe("html template", () => {
  it("escapes every interpolated value, in content and in attributes", () => {
    const hostile = `"><script>alert('x')</script>&`;
    const escaped = "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;";
    expect(escapeHtml(hostile)).toBe(escaped);
    expect(html`<p title="${hostile}">${hostile}</p>`.markup).toBe(`<p title="${escaped}">${escaped}</p>`);
  });

  it("inserts nested templates and lists as markup, skips empty values, prints numbers", () => {
    const items = ["a<b", "c"].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${undefined}${null}${false}${0}`.markup).toBe("<ul><li>a&lt;b</li><li>c</li></ul>0");
  });

  it("treats a plain string that looks like markup as text", () => {
    const markup = "<b>bold</b>";
    expect(html`${markup}`.markup).toBe("&lt;b&gt;bold&lt;/b&gt;");
  });
});
