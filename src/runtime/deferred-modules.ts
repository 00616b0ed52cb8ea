import module from "node:module";
import { fileURLToPath } from "node:url";

/** Packages dockerode and docker-modem require on load for features dockgrade never uses. */
const DEFERRED = new Set(["@grpc/grpc-js", "@grpc/proto-loader", "ssh2"]);
const REQUIRERS = /\/node_modules\/(?:dockerode|docker-modem)\//;
const MARK = "?dockgrade-deferred";

let registered = false;

/**
 * dockerode requires BuildKit's gRPC stack (for build sessions) and docker-modem requires ssh2
 * (for ssh:// engines) when they load: 130 of dockerode's 205 files, ~0.2 s of CPU on every run,
 * for features dockgrade does not use (classic builder, unix or tcp engines). Each is replaced by
 * a stand-in that loads the real package on first use, so nothing changes if it is ever used.
 * Registered once, just before the engine client first loads: the hooks run on every module
 * resolution after them (they cost the first verdict tens of ms when registered at start-up).
 */
export function deferUnusedEngineClientModules(): void {
  if (registered || !module.registerHooks) return;
  registered = true;
  module.registerHooks({
    resolve(specifier, context, next) {
      const resolved = next(specifier, context);
      if (!DEFERRED.has(specifier) || !REQUIRERS.test(context.parentURL ?? "")) return resolved;
      return { ...resolved, url: `${resolved.url}${MARK}`, shortCircuit: true };
    },
    load(url, context, next) {
      if (!url.endsWith(MARK)) return next(url, context);
      const real = JSON.stringify(fileURLToPath(url.slice(0, -MARK.length)));
      // ssh2's Client is read when docker-modem loads: it stays a class that loads ssh2 when built.
      const source = `"use strict";
let real;
const load = () => (real ??= require(${real}));
module.exports = new Proxy(function () {}, {
  get: (_, key) => key === "Client" ? class Client { constructor(...args) { return new (load().Client)(...args); } } : load()[key],
});`;
      return { format: "commonjs", source, shortCircuit: true };
    },
  });
}
