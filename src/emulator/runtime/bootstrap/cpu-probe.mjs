// The emulator's CPU calibration probe (see cpu-calibration.ts). It runs in
// a CPU group of its own, started without a quota, and alternates:
// - a short window at full speed (the group's quota lifted), counting units
//   of compute-only work per millisecond of CPU time;
// - a window under the quota being checked, counting units of work per
//   millisecond of wall time. The window starts and ends when the process
//   resumes after a throttling pause — on the kernel's period grid — so it
//   spans whole periods and the first period's random phase does not count.
// It prints one JSON line: { trials: [{ fullWork, fullCpuMs, work, wallMs, cpuMs }] }.
import { writeFileSync } from 'node:fs';

const { quotaFile, unlimited, limited, periodMs, trials, windowPeriods, fullMs, warmupMs } = JSON.parse(
  process.argv[2] ?? '{}',
);

const UNIT_LIMIT = 2000;
let sink = 0;
/** One unit of work: trial division up to 2,000 (about 20 µs; registers only). */
const unit = () => {
  let count = 0;
  for (let n = 2; n < UNIT_LIMIT; n += 1) {
    let prime = true;
    for (let divisor = 2; divisor * divisor <= n; divisor += 1) {
      if (n % divisor === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count += 1;
  }
  sink += count;
};
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

const warmupEnd = performance.now() + warmupMs;
while (performance.now() < warmupEnd) unit();

const results = [];
for (let trial = 0; trial < trials; trial += 1) {
  writeFileSync(quotaFile, unlimited);
  let fullWork = 0;
  const fullCpuStart = process.cpuUsage();
  const fullEnd = performance.now() + fullMs;
  while (performance.now() < fullEnd) {
    unit();
    fullWork += 1;
  }
  const fullCpuMs = cpuMs(fullCpuStart);

  writeFileSync(quotaFile, limited);
  // A pause longer than a quarter period is the quota's, and it ends on a period boundary.
  const pauseMs = periodMs / 4;
  const giveUpAt = performance.now() + periodMs * (windowPeriods + 4);
  let last = performance.now();
  let start;
  let startCpu;
  let work = 0;
  let wallMs = 0;
  let windowCpuMs = 0;
  for (;;) {
    unit();
    const now = performance.now();
    if (now - last > pauseMs) {
      if (start === undefined) {
        start = now;
        startCpu = process.cpuUsage();
        work = 0;
      } else if (now - start >= periodMs * windowPeriods * 0.9) {
        work += 1;
        wallMs = now - start;
        windowCpuMs = cpuMs(startCpu);
        break;
      }
    }
    if (start !== undefined) work += 1;
    last = now;
    if (now > giveUpAt) {
      // No pauses: the quota did not hold the process back at all.
      wallMs = start === undefined ? 0 : now - start;
      windowCpuMs = start === undefined ? 0 : cpuMs(startCpu);
      break;
    }
  }
  results.push({ fullWork, fullCpuMs, work, wallMs, cpuMs: windowCpuMs });
}
writeFileSync(quotaFile, unlimited);
process.stdout.write(`${JSON.stringify({ trials: results, sink })}\n`);
