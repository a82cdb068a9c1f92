/**
 * CPU-time companion to the harness's wall-clock figures. The machine these benchmarks run on is
 * shared (other processes load its two cores), so next to each wall-clock median we also print the
 * median of the process's own CPU time (user + system, all its threads) over the same runs: a
 * figure that contention inflates much less. Both are measured, neither is a target by itself.
 */
export interface CpuTimes {
  /** The function to hand to `measure`, timing its own CPU use. */
  readonly fn: () => unknown;
  /** The median CPU milliseconds of the last `runs` calls. */
  median(runs: number): number;
}

export function cpuTimed(f: () => unknown): CpuTimes {
  const times: number[] = [];
  return {
    fn: () => {
      const c0 = process.cpuUsage();
      const r = f();
      const c = process.cpuUsage(c0);
      times.push((c.user + c.system) / 1000);
      return r;
    },
    median(runs) {
      const last = times.slice(-runs).sort((a, b) => a - b);
      return last[Math.floor(last.length / 2)] ?? Number.NaN;
    },
  };
}

export function printCpu(name: string, items: number, unit: string, cpuMs: number): number {
  const rate = items / (cpuMs / 1000);
  console.log(
    `  ${`${name} (CPU time)`.padEnd(48)} ${Math.round(rate).toLocaleString('en-US').padStart(14)} ${unit}/s   median ${cpuMs.toFixed(1)} ms CPU`,
  );
  return rate;
}
