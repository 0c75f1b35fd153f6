// Preloaded into a benchmarked child (NODE_OPTIONS=--import): at exit, writes the process's peak
// resident set size (kB, from the kernel via process.resourceUsage) to $IMPACT_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.IMPACT_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
