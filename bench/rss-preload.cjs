// Fallback peak-RSS probe when /usr/bin/time is missing: bench/run.ts preloads
// this into the measured node processes (NODE_OPTIONS=--require), and each one
// appends its maxRSS (KiB) to BENCH_RSS_FILE at exit; the bench takes the largest.
// With BENCH_CPU_FILE, each also appends its user + system CPU time (microseconds),
// which the bench adds up.
const { appendFileSync } = require("node:fs");

const file = process.env.BENCH_RSS_FILE;
const cpuFile = process.env.BENCH_CPU_FILE;
if (file || cpuFile) {
  process.on("exit", () => {
    try {
      const usage = process.resourceUsage();
      if (file) appendFileSync(file, `${usage.maxRSS}\n`);
      if (cpuFile) appendFileSync(cpuFile, `${usage.userCPUTime + usage.systemCPUTime}\n`);
    } catch {
      // nothing to report to
    }
  });
}
