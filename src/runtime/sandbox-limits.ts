export interface SandboxLimits {
  memoryBytes: number;
  cpus: number;
  pids: number;
}

/**
 * The host configuration every container of a submission gets, whatever the spec or the image
 * asks: no privileges, no added capabilities, no new privileges, no host mounts, bounded memory,
 * CPU and process count, bounded logs.
 */
export function sandboxHostConfig(limits: SandboxLimits) {
  return {
    Privileged: false,
    CapDrop: ["NET_RAW", "MKNOD", "AUDIT_WRITE", "SYS_CHROOT", "SETFCAP"],
    SecurityOpt: ["no-new-privileges"],
    Memory: limits.memoryBytes,
    MemorySwap: limits.memoryBytes,
    NanoCpus: Math.round(limits.cpus * 1e9),
    PidsLimit: limits.pids,
    Binds: [],
    Mounts: [],
    LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "1" } },
  };
}
