// Preload for machines without GNU time: writes this process's peak RSS (KB) to $BENCH_RSS_FILE at exit.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));
