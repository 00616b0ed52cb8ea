// Builds dist/ from the TypeScript sources (tsc, then esbuild bundles the command line):
// `npm run build`, and npm's `prepare` (a checkout's `npm ci`, `npm pack`, an install from a git
// URL). npm also runs `prepare` when a workspace links an installed copy (`file:` a folder):
// there dist/ is already built and neither the sources nor TypeScript are present, so there is
// nothing to do.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
if (!existsSync(join(root, "tsconfig.build.json"))) process.exit(0);
// A workspace made by `dockgrade init` from a checkout links it (`file:` the checkout), and its
// `npm install` runs this checkout's `prepare` too: a built dist/ is left alone there. Rebuilding
// it would pull dist/ from under every dockgrade already running from this checkout (the tests
// grade beside the workspace tests).
const installingElsewhere =
  process.env.npm_lifecycle_event === "prepare" &&
  process.env.INIT_CWD !== undefined &&
  relative(root, resolve(process.env.INIT_CWD)).startsWith("..");
if (installingElsewhere && existsSync(join(root, "dist", "src", "cli", "main.js"))) process.exit(0);
// A fresh dist/: files of renamed or deleted modules must not end up in the package.
rmSync(join(root, "dist"), { recursive: true, force: true });
const typescript = dirname(createRequire(import.meta.url).resolve("typescript/package.json"));
const tsc = spawnSync(process.execPath, [join(typescript, "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], {
  cwd: root,
  stdio: "inherit",
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// The command line is bundled over tsc's dist/src/cli/main.js: loading ~400 small modules (zod,
// yaml, dockerfile-ast, dockgrade's own) cost ~0.15 s before the first verdict; one file and a few
// chunks for the commands loaded on demand do not. The library entries (dockgrade, dockgrade/vitest)
// stay as tsc wrote them. The engine client, testcontainers and vitest are not bundled: they load
// only when used, and vitest must be the workspace's own.
const { build } = await import("esbuild");
await build({
  entryPoints: { main: join(root, "src/cli/main.ts") },
  outdir: join(root, "dist/src/cli"),
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22",
  external: ["dockerode", "testcontainers", "vitest", "vitest/*", "vite", "xmlbuilder2"],
  // Bundled CommonJS packages require Node's own modules: give the ES module output a require.
  banner: {
    js: 'import { createRequire as __dockgradeCreateRequire } from "node:module"; const require = __dockgradeCreateRequire(import.meta.url);',
  },
  legalComments: "none",
  logLevel: "warning",
});
