// Small helpers for the scripts that start and stop processes (scripts/services/supervisor.ts, the
// benchmarks' harness).

/** Whether a process with this id is running (signal 0 tests it without touching it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
