/**
 * `npm run bench`: speed, memory and size of the event-study engine in one readable report.
 *
 *   1. a seeded 10,000-event × 261-day synthetic panel (bench/synthetic.ts);
 *   2. the library path (marketModelPanel + D2's tests, bench/library.ts), best of 5 and median:
 *      a. the numpy-equivalent work (5 tests × 11 days + CAR[-1,+1]), for the numpy and
 *         straightforward ratios, b. the whole closed-form battery (12 tests × 11 days + 4 windows);
 *   3. peak memory of the full battery;
 *   4. the straightforward objects + simple-statistics version (bench/reference.ts);
 *   5. the numpy anchor (../shared/bench/numpy_event_study.py) run as a child process;
 *   6. bootstrapCarTest B = 9,999 on 100 events; the r̄ cost (O(N²), outside the battery);
 *   7. the size check on 1,000 simulated null panels;
 *   8. the goals, PASS/FAIL.
 *
 * Options: --repeats=K (default 5), --n=N (default 10000), --size-panels=P (default 1000, 0 skips).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrapCarTest, createRng, meanPairwiseCorrelation, simulateNullRejectionRates } from '../src/stats/index.ts';
import { CLOSED_FORM_TESTS, DEFAULT_WINDOWS, NUMPY_TESTS, NUMPY_WINDOWS, runLibraryBattery, type BatteryOutput } from './library.ts';
import { collectGarbage, measureMemory, runNumpy, timeIt, type Timing } from './measure.ts';
import { referenceEventStudy, toDayRows } from './reference.ts';
import { DAY0, ESTIMATION_DAYS, syntheticPanel } from './synthetic.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'] as const;
  }),
);
const intArg = (name: string, fallback: number): number => {
  const v = args.get(name);
  if (v === undefined) return fallback;
  const x = Number(v);
  if (!Number.isInteger(x) || x < 0) {
    console.error(`bench: --${name} must be a non-negative integer, got "${v}"`);
    process.exit(2);
  }
  return x;
};
const N = intArg('n', 10_000);
const REPEATS = Math.max(1, intArg('repeats', 5));
const SIZE_PANELS = intArg('size-panels', 1000);
const SEED = 12345;
const here = path.dirname(fileURLToPath(import.meta.url));
const numpyScript = path.resolve(here, '../../shared/bench/numpy_event_study.py');

const fmt = (x: number, digits = 2): string => x.toFixed(digits);
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;
const rate = (n: number, msTime: number): string => Math.round(n / (msTime / 1000)).toLocaleString('en-US');
const stat = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : x.toFixed(2));
const pad = (s: string, w: number): string => s.padEnd(w);
const passFail = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
const heading = (s: string): void => console.log(`\n## ${s}\n`);
const timingLine = (label: string, t: Timing<unknown>, n: number): void =>
  console.log(`${pad(label, 44)} best ${pad(ms(t.bestMs), 12)} median ${pad(ms(t.medianMs), 12)} ${rate(n, t.bestMs)} events/s`);

function stageTable(out: BatteryOutput, totalMs: number): void {
  const rows = Object.entries(out.stageMs).sort((a, b) => b[1] - a[1]);
  const counted = rows.reduce((s, [, v]) => s + v, 0);
  console.log(`| stage | ms | share |`);
  console.log(`|---|---:|---:|`);
  for (const [stage, v] of rows) console.log(`| ${stage} | ${v.toFixed(1)} | ${((100 * v) / totalMs).toFixed(1)}% |`);
  console.log(`| (timer overhead, result objects) | ${(totalMs - counted).toFixed(1)} | ${((100 * (totalMs - counted)) / totalMs).toFixed(1)}% |`);
}

console.log('# market-impact benchmark');
console.log(
  `node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? 'unknown'}), ${process.platform}/${process.arch}; ` +
    `N = ${N} events × 261 days (250 estimation + 11 event days), seed ${SEED}, best of ${REPEATS} after a warm-up, GC before each run`,
);

// 1. Panel.
heading('1. Synthetic panel');
let t0 = performance.now();
const panel = syntheticPanel(N, SEED);
console.log(`generated ${N} × 261 Float64Array r and rm (sfc32, per-event market) in ${ms(performance.now() - t0)}`);

// 2. Library path. Warm up the JIT on a small panel first, then on the real one (inside timeIt).
heading('2. Library path (marketModelPanel + src/stats tests)');
const small = syntheticPanel(500, 1);
for (let k = 0; k < 3; k++) {
  runLibraryBattery(small, { windows: NUMPY_WINDOWS, tests: NUMPY_TESTS });
  runLibraryBattery(small, { windows: DEFAULT_WINDOWS, tests: CLOSED_FORM_TESTS, rbar: 0 });
}
// r̄ for the adjusted tests: computed once below on calendar-dated residuals; a placeholder
// value here keeps the battery's work identical (the adjustment is O(1) given r̄).
// Memory first, while the process has not yet grown its heap on the timing runs (section 3).
const memRun = await measureMemory((probe) => runLibraryBattery(panel, { windows: DEFAULT_WINDOWS, tests: CLOSED_FORM_TESTS, rbar: 0.001, probe }));
const m = memRun.memory;
const numpyEq = timeIt(() => runLibraryBattery(panel, { windows: NUMPY_WINDOWS, tests: NUMPY_TESTS }), REPEATS);
timingLine('a. numpy-equivalent (5 tests, 11 days + CAR)', numpyEq, N);
const full = timeIt(() => runLibraryBattery(panel, { windows: DEFAULT_WINDOWS, tests: CLOSED_FORM_TESTS, rbar: 0.001 }), REPEATS);
timingLine('b. full closed-form battery (12 tests)', full, N);
console.log(`   runs a: ${numpyEq.runsMs.map((x) => x.toFixed(0)).join(', ')} ms; runs b: ${full.runsMs.map((x) => x.toFixed(0)).join(', ')} ms`);
console.log(
  `\nb = kernel (α, β, s², AR, SAR, CAR, Var(CAR), SCAR, residuals) + layout conversion + 12 tests × (11 days + ${DEFAULT_WINDOWS.length} windows ` +
    `[-1,+1] [0,0] [0,+1] [-5,+5]); the bootstrap and r̄ are timed separately below.\nWhere the time goes (best run of b):\n`,
);
stageTable(full.best, full.bestMs);
console.log('\nWhere the time goes (best run of a):\n');
stageTable(numpyEq.best, numpyEq.bestMs);
const d0 = numpyEq.best.days[DAY0];
const c0 = numpyEq.best.windows[0];
console.log(
  `\nday 0: t = ${stat(d0['cross-sectional-t'].stat)}, Patell = ${stat(d0.patell.stat)}, BMP = ${stat(d0.bmp.stat)}, ` +
    `gen. sign = ${stat(d0['generalized-sign'].stat)}, Corrado = ${stat(d0['corrado-rank'].stat)}; ` +
    `CAR[-1,+1]: t = ${stat(c0['cross-sectional-t'].stat)}, Patell = ${stat(c0.patell.stat)}, BMP = ${stat(c0.bmp.stat)}`,
);

// 3. Memory.
heading('3. Peak memory (one run of the full battery, measured first, before the timing runs)');
console.log(
  `RSS before ${mb(m.rssBefore)}, peak ${mb(m.rssPeak)} (+${mb(m.rssPeak - m.rssBefore)}; sampled after each stage); ` +
    `heapUsed delta ${mb(m.heapUsedDelta)}, ArrayBuffer delta ${mb(m.arrayBuffersDelta)} at the end of the run (before GC, ` +
    `so including garbage); retained by the result after GC ${mb(m.retainedDelta)}. The input panel itself is ` +
    `${mb(panel.r.byteLength + panel.rm.byteLength)}.`,
);

// 4. Straightforward version.
heading('4. Straightforward version (bench/reference.ts: objects + simple-statistics)');
collectGarbage();
t0 = performance.now();
const probeRows = toDayRows(syntheticPanel(1000, 2));
referenceEventStudy(probeRows); // warm-up and size probe
const probeMs = performance.now() - t0;
const refN = probeMs * (N / 1000) > 60_000 ? 1000 : N;
const refPanel = refN === N ? panel : syntheticPanel(refN, SEED);
t0 = performance.now();
const rows = toDayRows(refPanel);
const rowsMs = performance.now() - t0;
const refTiming = timeIt(() => referenceEventStudy(rows), refN === N ? Math.min(REPEATS, 3) : REPEATS, 0);
const refBestAtN = refTiming.bestMs * (N / refN);
console.log(`building the ${refN} × 261 {date, r, rm} objects: ${ms(rowsMs)} (not counted: it is that version's input layout)`);
timingLine(`reference on ${refN} events`, refTiming, refN);
if (refN !== N) console.log(`scaled linearly to ${N} events: ${ms(refBestAtN)} (too slow to time at ${N})`);
const refVsLib = refBestAtN / numpyEq.bestMs;
const refOut = refTiming.best;
console.log(
  `ratio straightforward / library (numpy-equivalent work) = ${fmt(refVsLib)}x; ` +
    `reference day 0 Patell = ${stat(refOut.days[DAY0].patellZ)}, BMP = ${stat(refOut.days[DAY0].bmpT)}, Corrado = ${stat(refOut.days[DAY0].corradoZ)}` +
    (refN === N ? ' (same panel as the library: must match)' : ''),
);

// 5. numpy.
heading('5. numpy anchor');
const numpy = runNumpy(numpyScript, N);
let numpyRatio: number | null = null;
if (typeof numpy === 'string') {
  console.log(`skipped: ${numpy}`);
} else {
  numpyRatio = (numpy.bestSeconds * 1000) / numpyEq.bestMs;
  console.log(`${numpy.versionLine}`);
  console.log(`numpy best ${ms(numpy.bestSeconds * 1000)}, median ${ms(numpy.medianSeconds * 1000)}; ours (a) best ${ms(numpyEq.bestMs)}`);
  console.log(`ratio numpy / ours = ${fmt(numpyRatio)} (> 1 means we are faster)`);
  console.log(
    `day-0 statistics (different RNGs, so NOT comparable, shown only as a sanity check): ` +
      `numpy Patell Z ${fmt(numpy.day0.patell)}, BMP t ${fmt(numpy.day0.bmp)}; ours Patell Z ${stat(d0.patell.stat)}, BMP t ${stat(d0.bmp.stat)}`,
  );
}

// 6. Bootstrap and r̄.
heading('6. Bootstrap and r̄ (outside the closed-form battery)');
const fit = full.best.fit;
const bootEvents = Math.min(100, N);
const residuals = Array.from({ length: bootEvents }, (_, i) => fit.estimationResiduals.slice(i * ESTIMATION_DAYS, (i + 1) * ESTIMATION_DAYS));
const bootCars = fit.car[0].slice(0, bootEvents);
const boot = timeIt(
  () => bootstrapCarTest({ residuals, cars: bootCars, windowLengths: residuals.map(() => 3), b: 9999, seed: 1 }),
  REPEATS,
);
console.log(
  `bootstrapCarTest, B = 9,999, ${bootEvents} events, L2 = 3, 250 residuals each: best ${ms(boot.bestMs)}, median ${ms(boot.medianMs)} ` +
    `(single-threaded: BootstrapInput has no parallel/worker option); p = ${boot.best.p}, z = ${stat(boot.best.stat)}`,
);
{
  // r̄ (Kolari–Pynnönen) pairs events on calendar dates; the synthetic panel has none, so the
  // first 1,000 events get estimation windows at random starts on a 5,000-day calendar.
  const rn = Math.min(1000, N);
  const rng = createRng(99);
  const series = Array.from({ length: rn }, (_, i) => {
    const start = rng.int(5000 - ESTIMATION_DAYS);
    return {
      dates: Array.from({ length: ESTIMATION_DAYS }, (_, k) => `d${start + k}`),
      values: fit.estimationResiduals.subarray(i * ESTIMATION_DAYS, (i + 1) * ESTIMATION_DAYS),
    };
  });
  collectGarbage();
  t0 = performance.now();
  const rb = meanPairwiseCorrelation(series);
  const rbMs = performance.now() - t0;
  console.log(
    `meanPairwiseCorrelation on ${rn} events (5,000-day calendar): ${ms(rbMs)}, r̄ = ${rb.rbar?.toExponential(2) ?? 'n/a'} over ${rb.pairs} pairs; ` +
      `it is O(N² · M): about ${ms(rbMs * (N / rn) ** 2)} at ${N} events (extrapolated), plus an N × calendar grid ` +
      `(${mb(N * 5000 * 8)} at ${N}). Not in the battery timing: the adjusted Patell/BMP tests there get r̄ as an input.`,
  );
}

// 7. Size.
heading('7. Size check (null panels, 5% level; pass band [3%, 7%])');
let sizeOk: boolean | null = null;
if (SIZE_PANELS === 0) {
  console.log('skipped (--size-panels=0)');
} else {
  collectGarbage();
  t0 = performance.now();
  const rates = simulateNullRejectionRates({ panels: SIZE_PANELS, n: 50, seed: 20250127 });
  const sizeMs = performance.now() - t0;
  console.log(
    `simulateNullRejectionRates (src/stats/size.ts): ${SIZE_PANELS} panels × 50 events × (250 + 11) days, CAR[-1,+1], ` +
      `bootstrap B = 199, in ${fmt(sizeMs / 1000, 1)} s. Monte Carlo s.e. of a 5% rate: ${fmt(100 * Math.sqrt(0.05 * 0.95 / SIZE_PANELS))} points.\n`,
  );
  console.log('| test | rejection rate | panels | result |');
  console.log('|---|---:|---:|---|');
  sizeOk = true;
  for (const [test, r] of Object.entries(rates)) {
    const ok = r.rate >= 0.03 && r.rate <= 0.07;
    if (!ok) sizeOk = false;
    console.log(`| ${test} | ${(100 * r.rate).toFixed(1)}% | ${r.panels} | ${passFail(ok)} |`);
  }
}

// 8. Goals.
heading('8. Goals');
const goals: [string, boolean | null, string][] = [
  [
    `at least as fast as numpy on ${N} events`,
    numpyRatio === null ? null : numpyRatio >= 1,
    numpyRatio === null ? 'numpy not run' : `numpy ${ms((typeof numpy === 'string' ? 0 : numpy.bestSeconds) * 1000)} / ours ${ms(numpyEq.bestMs)} = ${fmt(numpyRatio)}x`,
  ],
  ['whole closed-form battery under 1 s', full.bestMs < 1000, `best ${ms(full.bestMs)} (median ${ms(full.medianMs)})`],
  ['at least 20x the straightforward version', refVsLib >= 20, `${fmt(refVsLib)}x (${ms(refBestAtN)} vs ${ms(numpyEq.bestMs)})`],
  ['every test sized within [3%, 7%] under the null', sizeOk, sizeOk === null ? 'not run' : 'see table 7'],
];
for (const [goal, ok, detail] of goals) console.log(`${ok === null ? 'SKIP' : passFail(ok)}  ${pad(goal, 50)} ${detail}`);
