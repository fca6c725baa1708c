// Loaded with `node --import` into benchmarked CLI runs: writes peak RSS at exit.
import { writeFileSync } from 'node:fs';

const file = process.env.EF_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, JSON.stringify({ maxRssKB: process.resourceUsage().maxRSS }));
  });
}
