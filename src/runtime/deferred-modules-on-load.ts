// Imported first by an entry point that cannot run code before its imports (the vitest adapter):
// the hooks are in place before dockerode is required.
import module from "node:module";
import { deferUnusedEngineClientModules } from "./deferred-modules.js";

module.enableCompileCache?.();
deferUnusedEngineClientModules();
