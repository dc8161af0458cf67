// Fallback peak-RSS probe when /usr/bin/time is missing: bench/run.ts preloads
// this into the measured node processes (NODE_OPTIONS=--require), and each one
// appends its maxRSS (KiB) to BENCH_RSS_FILE at exit; the bench takes the largest.
const { appendFileSync } = require("node:fs");

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    try {
      appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // nothing to report to
    }
  });
}
