// Writes docs/checks.md, the reference of every check kind, from the built registry:
// `npm run docs` builds dist/ first. test/unit/check-reference.test.ts fails when it is stale.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { checkReference, CHECK_REFERENCE_FILE } = await import(join(root, "dist/src/authoring/check-reference.js"));
const target = join(root, CHECK_REFERENCE_FILE);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, await checkReference());
console.log(`wrote ${CHECK_REFERENCE_FILE}`);
