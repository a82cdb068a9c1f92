/**
 * CPU-time rate of a task: the machine these benchmarks run on is shared, so beside the harness's
 * wall-clock median each benchmark also prints items per CPU-second of this process (user +
 * system), which other processes on the machine disturb much less. Both are measured; neither is
 * estimated.
 */
import { consume } from '@izinkit/test-utils/bench';

export interface CpuRate {
  readonly name: string;
  readonly items: number;
  readonly cpuMs: number;
  readonly perCpuSecond: number;
}

export function cpuRate(name: string, fn: () => unknown, items: number, runs = 3): CpuRate {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = process.cpuUsage();
    consume(fn());
    const u = process.cpuUsage(t);
    best = Math.min(best, (u.user + u.system) / 1000);
  }
  const r = { name, items, cpuMs: best, perCpuSecond: items / (best / 1000) };
  console.log(
    `  ${`${name} (CPU time)`.padEnd(48)} ${Math.round(r.perCpuSecond).toLocaleString('en-US').padStart(14)} /CPU-s   best ${best.toFixed(0)} ms of ${runs}`,
  );
  return r;
}

export async function cpuRateAsync(
  name: string,
  fn: () => Promise<unknown>,
  items: number,
  runs = 3,
): Promise<CpuRate> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = process.cpuUsage();
    consume(await fn());
    const u = process.cpuUsage(t);
    best = Math.min(best, (u.user + u.system) / 1000);
  }
  const r = { name, items, cpuMs: best, perCpuSecond: items / (best / 1000) };
  console.log(
    `  ${`${name} (CPU time)`.padEnd(48)} ${Math.round(r.perCpuSecond).toLocaleString('en-US').padStart(14)} /CPU-s   best ${best.toFixed(0)} ms of ${runs}`,
  );
  return r;
}
