// Builds dist/ from the TypeScript sources: `npm run build`, and npm's `prepare` (a checkout's
// `npm ci`, `npm pack`, an install from a git URL). npm also runs `prepare` when a workspace
// links an installed copy (`file:` a folder): there dist/ is already built and neither the
// sources nor TypeScript are present, so there is nothing to do.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
if (!existsSync(join(root, "tsconfig.build.json"))) process.exit(0);
// A fresh dist/: files of renamed or deleted modules must not end up in the package.
rmSync(join(root, "dist"), { recursive: true, force: true });
const typescript = dirname(createRequire(import.meta.url).resolve("typescript/package.json"));
const tsc = spawnSync(process.execPath, [join(typescript, "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], {
  cwd: root,
  stdio: "inherit",
});
process.exit(tsc.status ?? 1);
