import { cpus, release, totalmem } from "node:os";
import { docker } from "./docker-cli.js";

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  engine: string;
  storageDriver: string;
  baseImages: string;
}

export async function describeMachine(): Promise<Machine> {
  const info = await docker(["info", "--format", "{{.ServerVersion}} {{.Driver}}"]);
  const [engine = "?", storageDriver = "?"] = info.stdout.trim().split(" ");
  // Images built on a stand-in inherit its label: only the stand-ins themselves are named `python:...`.
  const standIns = await docker([
    "images",
    "--filter",
    "label=io.dockgrade.stand-in",
    "--filter",
    "reference=python",
    "--format",
    "{{.Repository}}:{{.Tag}}",
  ]);
  const standInList = standIns.stdout.split("\n").filter(Boolean).sort();
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? "?",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    engine,
    storageDriver,
    baseImages: standInList.length > 0 ? `local stand-ins (${standInList.join(", ")})` : "pulled from a registry",
  };
}
