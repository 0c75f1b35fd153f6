/**
 * One library run for the benchmark, in its own process: reads an events file, times
 * `runEventStudy` (after the modules are loaded; the file read is timed separately), and prints
 * one JSON line: milliseconds, the study's own stage timings, peak RSS and the statistics of the
 * first CAR window for the cross-check with the numpy twin.
 *
 *   node --import tsx bench/library-run.ts EVENTS.csv [--bootstrap B]
 */
import { readEventsCsv } from '../src/study/events-file.ts';
import { runEventStudy } from '../src/study/run.ts';

const file = process.argv[2];
const bootstrapArg = process.argv.indexOf('--bootstrap');
const replications = bootstrapArg > 0 ? Number(process.argv[bootstrapArg + 1]) : 0;
const tRead = performance.now();
const events = readEventsCsv(file);
const readMs = performance.now() - tRead;
const timings: Record<string, number> = {};
const t0 = performance.now();
const result = await runEventStudy({ events, bootstrap: replications > 0 ? { replications, seed: 1 } : false, timings });
const studyMs = performance.now() - t0;
const a = result.aggregate[0];
const stat = (name: string) => a.tests[name]?.stat ?? null;
console.log(
  JSON.stringify({
    file,
    events: events.length,
    studied: result.events.length,
    skipped: result.skipped.length,
    readMs,
    studyMs,
    timings,
    maxRssKB: process.resourceUsage().maxRSS,
    stats: {
      window: a.window,
      caar: a.caar,
      cs: stat('crossSectionalT'),
      patell: stat('patellZ'),
      bmp: stat('bmpT'),
      corrado: stat('corradoRank'),
      gsign: stat('generalizedSign'),
      adjPatell: stat('adjustedPatellZ'),
      rbar: result.rbar,
      rbarMethod: result.rbarMethod,
      rbarSe: result.rbarSe,
    },
  }),
);
