import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/index.js";
import { classRun, syntheticClass } from "../unit/report/sample-run.js";

const CHROMIUM = "/usr/bin/chromium";

/** Pixels that are clearly coloured (not white, grey or black): badges and the layer bars. */
function colouredPixels(png: PNG, rows = png.height): number {
  let coloured = 0;
  for (let offset = 0; offset < png.width * rows * 4; offset += 4) {
    const [red, green, blue] = [png.data[offset]!, png.data[offset + 1]!, png.data[offset + 2]!];
    if (Math.max(red, green, blue) - Math.min(red, green, blue) > 60) coloured += 1;
  }
  return coloured;
}

/** Pixels of one colour (within a small tolerance) in the first `rows` rows. */
function pixelsOf(png: PNG, hex: string, rows: number): number {
  const [r, g, b] = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
  let found = 0;
  for (let offset = 0; offset < png.width * rows * 4; offset += 4) {
    const near =
      Math.abs(png.data[offset]! - r!) < 12 &&
      Math.abs(png.data[offset + 1]! - g!) < 12 &&
      Math.abs(png.data[offset + 2]! - b!) < 12;
    if (near) found += 1;
  }
  return found;
}

/** The page as headless Chromium draws it, as a PNG. */
async function screenshot(page: string, width: number, height: number): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), "dockgrade-html-"));
  try {
    const file = join(dir, "report.html");
    const png = join(dir, "report.png");
    await writeFile(file, page);
    await promisify(execFile)(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${join(dir, "profile")}`,
        `--screenshot=${png}`,
        `--window-size=${width},${height}`,
        pathToFileURL(file).href,
      ],
      { timeout: 120_000 },
    );
    return await readFile(png);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("html report in a real browser", () => {
  it("renders the class overview and the layer charts (headless Chromium screenshot)", async (context) => {
    if (!existsSync(CHROMIUM)) context.skip("Debian's chromium is not installed (apt-get install chromium)");
    const bytes = await screenshot(renderReport("html", classRun(), { lang: "fr" }), 1280, 2000);
    expect(bytes.length).toBeGreaterThan(20_000);
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([1280, 2000]);
    expect(colouredPixels(png)).toBeGreaterThan(2_000);
    if (process.env.DOCKGRADE_KEEP_SCREENSHOT) await writeFile(process.env.DOCKGRADE_KEEP_SCREENSHOT, bytes);
  });

  it("draws where a class of 12 struggles: pass-rate bars and score histogram in the three rate colours", async (context) => {
    if (!existsSync(CHROMIUM)) context.skip("Debian's chromium is not installed (apt-get install chromium)");
    const bytes = await screenshot(renderReport("html", syntheticClass(12), { lang: "fr" }), 1300, 2400);
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([1300, 2400]);
    // The class section comes first: its bars are in the top 700 rows, in red (< 50 % passed),
    // orange (< 80 %) and green, which only the charts and the badges use.
    for (const colour of ["#c62828", "#ef6c00", "#2e7d32"])
      expect(pixelsOf(png, colour, 700), colour).toBeGreaterThan(3_000);
    if (process.env.DOCKGRADE_KEEP_SCREENSHOT)
      await writeFile(process.env.DOCKGRADE_KEEP_SCREENSHOT.replace(/(\.png)?$/, "-class.png"), bytes);
  });
});
