// Preload for machines without GNU time: writes this process's peak RSS (KB) and user and system
// CPU time (seconds) to $BENCH_RSS_FILE at exit, in GNU time's '%M %U %S' format.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}\n`);
  });
}
