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
import { classRun } from "../unit/report/sample-run.js";

const CHROMIUM = "/usr/bin/chromium";

/** Pixels that are clearly coloured (not white, grey or black): badges and the layer bars. */
function colouredPixels(png: PNG): number {
  let coloured = 0;
  for (let offset = 0; offset < png.data.length; offset += 4) {
    const [red, green, blue] = [png.data[offset]!, png.data[offset + 1]!, png.data[offset + 2]!];
    if (Math.max(red, green, blue) - Math.min(red, green, blue) > 60) coloured += 1;
  }
  return coloured;
}

describe("html report in a real browser", () => {
  it("renders the class overview and the layer charts (headless Chromium screenshot)", async (context) => {
    if (!existsSync(CHROMIUM)) context.skip("Debian's chromium is not installed (apt-get install chromium)");
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-html-"));
    try {
      const page = join(dir, "report.html");
      const screenshot = join(dir, "report.png");
      await writeFile(page, renderReport("html", classRun(), { lang: "fr" }));
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
          `--screenshot=${screenshot}`,
          "--window-size=1280,2000",
          pathToFileURL(page).href,
        ],
        { timeout: 120_000 },
      );
      const bytes = await readFile(screenshot);
      expect(bytes.length).toBeGreaterThan(20_000);
      const png = PNG.sync.read(bytes);
      expect([png.width, png.height]).toEqual([1280, 2000]);
      expect(colouredPixels(png)).toBeGreaterThan(2_000);
      if (process.env.DOCKGRADE_KEEP_SCREENSHOT) await writeFile(process.env.DOCKGRADE_KEEP_SCREENSHOT, bytes);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
