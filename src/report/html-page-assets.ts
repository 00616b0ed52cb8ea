import { html } from "./html-escape.js";

// Constant markup, written here and never built from a result: the page's whole style and script.
// The script only sorts the overview table by the `data-sort` value of each cell.

export const PAGE_STYLE = html`
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1d1d1f; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin: 0; }
h2 small { font-weight: normal; color: #555; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f6; }
th button { font: inherit; font-weight: bold; border: 0; background: none; cursor: pointer; padding: 0; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
section.submission { border: 1px solid #ddd; border-radius: 8px; padding: 1rem 1.2rem; margin: 1.5rem 0; }
section.passed { border-left: 6px solid #2e7d32; }
section.failed { border-left: 6px solid #c62828; }
section.error { border-left: 6px solid #ef6c00; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .4rem; font-size: .85em; font-weight: bold; color: #fff; white-space: nowrap; }
.badge.pass { background: #2e7d32; } .badge.fail { background: #c62828; }
.badge.skip { background: #757575; } .badge.error { background: #ef6c00; }
.badge.visibility { background: #5e35b1; font-weight: normal; }
pre { white-space: pre-wrap; word-break: break-word; margin: 0; font-size: .9em; }
pre.log { background: #1e1e1e; color: #eee; padding: .6rem; border-radius: 4px; }
.problem { color: #b71c1c; font-weight: bold; }
figure.layers { margin: 1rem 0 0; overflow-x: auto; }
figure.layers figcaption { color: #555; font-size: .9em; }
code { font-size: .9em; color: #555; }
section.class { border: 1px solid #ddd; border-radius: 8px; padding: .6rem 1.2rem; margin: 1rem 0 1.5rem; background: #fafafa; }
section.class h3 { font-size: 1.05rem; margin: .8rem 0 .2rem; }
section.class h3 small { font-weight: normal; color: #555; }
figure.class-chart { margin: .6rem 0 1rem; }
figure.class-chart svg, figure.layers svg { max-width: 100%; height: auto; }
figure.class-chart figcaption { color: #555; font-size: .9em; }
`;

export const PAGE_SCRIPT = html`
(function () {
  var table = document.getElementById("overview");
  if (!table) return;
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (header, column) {
    header.querySelector("button").addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-sort") || "";
        var y = b.cells[column].getAttribute("data-sort") || "";
        var numeric = x !== "" && y !== "" && !isNaN(Number(x)) && !isNaN(Number(y));
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
`;
