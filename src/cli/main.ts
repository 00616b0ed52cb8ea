#!/usr/bin/env node
// The entry point: as little as possible before the program loads, so that every later module
// load is cheaper, and a clear word on a Node.js too old to run the rest.
import module from "node:module";

const [major] = process.versions.node.split(".").map(Number);
if ((major ?? 0) < 22) {
  process.stderr.write(
    `dockgrade: Node.js ${process.versions.node} n'est plus maintenu ; installez Node.js 22 ou 24. / ` +
      `Node.js ${process.versions.node} is end-of-life; install Node.js 22 or 24 (https://nodejs.org).\n`,
  );
  process.exit(2);
}
// Compiled code is cached on disk (os.tmpdir()/node-compile-cache): later starts skip parsing.
module.enableCompileCache?.();
await import("./program.js");
