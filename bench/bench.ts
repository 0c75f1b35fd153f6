/**
 * `npm run bench`: the event study timed on the path users take, beside the numpy/pandas twin.
 *
 *   1. events files drawn from the bundled snapshot by ../shared/bench/make_events.py
 *      (N = 100, 1,000, 10,000, 100,000 and 1,000,000; reused when already there);
 *   2. per N, each in its own process, one after the other (never in parallel):
 *      a. the library: runEventStudy on the file (bench/library-run.ts), in-process time and the
 *         study's own stage timings;
 *      b. the CLI: `node bin/impact.js event --events FILE --summary --bootstrap 0`, whole process;
 *      c. the CLI writing every event: the same with `--out FILE.parquet`;
 *      d. the twin: `python3 ../shared/bench/numpy_end_to_end.py FILE --rbar`, whole process,
 *         under a time limit (and a memory limit: its exact r̄ holds two N × dates matrices);
 *      1,000,000 events: only c and d (the library result would hold every event's rows);
 *   3. peak RSS of every child (the kernel's figure, from the child itself), ratios from the same run;
 *   4. the cross-check: CAAR, cross-sectional t, Patell, BMP, Corrado, generalized sign, adjusted
 *      Patell and r̄ of the first CAR window, engine against twin;
 *   5. the size check (src/study/size.ts, through the same engine): each test's 5% rejection rate
 *      on 1,000 simulated null panels;
 *   6. the goals, PASS or FAIL with the measured figure.
 *
 * Options: --sizes=100,1000,10000,100000  --million=false  --repeats=3 (runs ≤ 10,000 events; best)
 *          --twin-timeout=600 (s)  --size-panels=1000 (0 skips)  --events-dir=DIR (or $EVENTS_DIR)
 * The twin and make_events.py come from ../shared/bench of the main checkout ($IMPACT_SHARED_DIR).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { simulateNullRejectionRates } from '../src/study/size.ts';
import { methodsSizeTable, formatSizeTable } from './methods-size.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'] as const;
  }),
);
const sizes = (args.get('sizes') ?? '100,1000,10000,100000').split(',').map(Number);
const million = (args.get('million') ?? 'true') !== 'false';
const repeats = Math.max(1, Number(args.get('repeats') ?? 3));
const twinTimeout = Number(args.get('twin-timeout') ?? 600);
const sizePanels = Number(args.get('size-panels') ?? 1000);
for (const [name, v] of [['sizes', sizes], ['repeats', [repeats]], ['twin-timeout', [twinTimeout]], ['size-panels', [sizePanels]]] as const) {
  if ((v as number[]).some((x) => !Number.isFinite(x) || x < 0)) {
    console.error(`bench: --${name} must be non-negative numbers`);
    process.exit(2);
  }
}

/** ../shared of the main checkout: $IMPACT_SHARED_DIR, ../shared, or beside git's common directory (worktrees). */
function sharedDir(): string | null {
  const candidates = [process.env.IMPACT_SHARED_DIR, path.resolve(root, '../shared')];
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: root, encoding: 'utf8' }).trim();
    candidates.push(path.resolve(path.dirname(common), '../shared'));
  } catch {
    // not a git checkout
  }
  return candidates.find((c) => c && existsSync(path.join(c, 'bench', 'numpy_end_to_end.py'))) ?? null;
}

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const shared = sharedDir();
const eventsDir = args.get('events-dir') ?? process.env.EVENTS_DIR ?? path.join(os.tmpdir(), 'impact-bench-events');
const work = path.join(os.tmpdir(), `impact-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const fmtS = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
const fmtMB = (kb: number | null) => (kb === null ? 'n/a' : `${Math.round(kb / 1024)} MB`);
const count = (n: number) => n.toLocaleString('en-US');
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(', ');

interface Run {
  ms: number;
  /** Peak RSS of the child, kB. */
  rssKB: number | null;
  stdout: string;
  stderr: string;
  code: number | null;
  timedOut: boolean;
}

/** Runs a command to completion (output captured), timing the whole process and reading its peak RSS. */
function runChild(cmd: string, argv: string[], opts: { timeoutS?: number; node?: boolean; env?: NodeJS.ProcessEnv } = {}): Run {
  const rssFile = path.join(work, `rss-${Math.random().toString(36).slice(2)}`);
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  if (opts.node) {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(path.join(root, 'bench/rss-preload.mjs')).href}`.trim();
    env.IMPACT_BENCH_RSS_FILE = rssFile;
  }
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28, timeout: (opts.timeoutS ?? 3600) * 1000, killSignal: 'SIGKILL' });
  const ms = performance.now() - t0;
  const rssKB = opts.node && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : null;
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL';
  if (!timedOut && r.status !== 0) console.log(`  (${path.basename(cmd)} ${argv.slice(0, 3).join(' ')} exited ${r.status}: ${(r.stderr ?? '').trim().split('\n').slice(-1).join(' ').slice(0, 200)})`);
  return { ms, rssKB, stdout: r.stdout ?? '', stderr: r.stderr ?? '', code: r.status, timedOut };
}

/** The best (shortest) of k runs. */
function best(k: number, f: () => Run): Run {
  let out: Run | null = null;
  for (let i = 0; i < k; i++) {
    const r = f();
    if (!out || r.ms < out.ms) out = r;
  }
  return out as Run;
}

function lastJson(text: string): Record<string, unknown> | null {
  const line = text.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  try {
    return line ? JSON.parse(line) : null;
  } catch {
    return null;
  }
}

console.log('# market-impact benchmark: the path users run\n');
console.log(
  `node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GB; ` +
    `load average at start ${load()} (other jobs share this machine: read ratios from the same run)`,
);
if (!shared) {
  console.log('\nThe numpy twin (../shared/bench) was not found: set IMPACT_SHARED_DIR. Twin columns and the cross-check are skipped.');
}

// 1. Events files.
const allSizes = [...sizes, ...(million ? [1_000_000] : [])];
mkdirSync(eventsDir, { recursive: true });
const fileOf = (n: number) => path.join(eventsDir, `events-${n}.csv`);
const missing = allSizes.filter((n) => !existsSync(fileOf(n)));
if (missing.length > 0) {
  if (!shared) {
    console.error(`bench: events files ${missing.join(', ')} are missing and make_events.py was not found`);
    process.exit(2);
  }
  execFileSync(PYTHON, [path.join(shared, 'bench', 'make_events.py'), ...missing.map(String)], { cwd: root, env: { ...process.env, EVENTS_DIR: eventsDir }, stdio: 'ignore' });
}
console.log(`\nEvents files: ${eventsDir}/events-N.csv from make_events.py (US names vs SPY, STAR names vs 000688.SS, random days with full windows, repeated securities).`);

interface Row {
  n: number;
  lib: Run | null;
  libOut: Record<string, unknown> | null;
  cli: Run | null;
  cliOut: Run | null;
  twin: Run | null;
  twinOut: Record<string, unknown> | null;
  twinNote: string;
  parquetMB: number | null;
}
const rows: Row[] = [];
const node = process.execPath;

for (const n of allSizes) {
  const file = fileOf(n);
  const k = n <= 10_000 ? repeats : 1;
  const row: Row = { n, lib: null, libOut: null, cli: null, cliOut: null, twin: null, twinOut: null, twinNote: '', parquetMB: null };
  if (n < 1_000_000) {
    row.lib = best(k, () => runChild(node, ['--import', 'tsx', 'bench/library-run.ts', file], { timeoutS: 1800 }));
    row.libOut = lastJson(row.lib.stdout);
    row.cli = best(k, () => runChild(node, ['bin/impact.js', 'event', '--events', file, '--summary', '--bootstrap', '0'], { node: true, timeoutS: 1800 }));
  }
  const out = path.join(work, `results-${n}.parquet`);
  row.cliOut = best(k, () => runChild(node, ['bin/impact.js', 'event', '--events', file, '--summary', '--bootstrap', '0', '--out', out], { node: true, timeoutS: 3600 }));
  row.parquetMB = existsSync(out) ? statSync(out).size / 2 ** 20 : null;
  rmSync(out, { force: true });
  if (shared) {
    // The twin's exact r̄ holds two N × dates float64 matrices (26 GB at a million events): run it
    // with r̄ up to 100,000 events, without above; a memory limit guards the machine either way.
    const withRbar = n <= 100_000;
    const twinArgs = [path.join(shared, 'bench', 'numpy_end_to_end.py'), file, ...(withRbar ? ['--rbar'] : [])];
    const limitKB = 12 * 1024 * 1024;
    row.twin = best(k, () => runChild('bash', ['-c', `ulimit -v ${limitKB}; exec "$0" "$@"`, PYTHON, ...twinArgs], { timeoutS: twinTimeout }));
    row.twinOut = row.twin.timedOut ? null : lastJson(row.twin.stdout);
    row.twinNote = row.twin.timedOut
      ? `twin > ${twinTimeout} s (stopped)`
      : !row.twinOut
        ? /MemoryError/.test(row.twin.stderr)
          ? 'twin ran out of memory under the 12 GB limit (it holds N × 256-day float64 panels)'
          : 'twin failed'
        : withRbar
          ? ''
          : 'twin without --rbar (its exact r̄ would need ~26 GB)';
  }
  rows.push(row);
  const t = (r: Run | null) => (r ? fmtS(r.ms) : '—');
  console.log(`  N = ${count(n)}: library ${t(row.lib)}, CLI ${t(row.cli)}, CLI --out ${t(row.cliOut)}, twin ${row.twin?.timedOut ? `> ${twinTimeout} s` : t(row.twin)} (load ${load()})`);
}

// 2. The table.
console.log('\n## End to end (whole processes; library = runEventStudy in-process)\n');
console.log('| N | library | CLI --summary | CLI --out .parquet | twin (process) | twin study | twin / CLI | peak RSS: library | CLI | CLI --out | twin |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const libMs = r.libOut ? (r.libOut.studyMs as number) : null;
  const twinMs = r.twin && !r.twin.timedOut && r.twinOut ? r.twin.ms : null;
  const twinStudy = r.twinOut ? (r.twinOut.studyS as number) * 1000 : null;
  const cliMs = (r.cli ?? r.cliOut)?.ms ?? null;
  const ratio = twinMs !== null && cliMs !== null ? `${(twinMs / cliMs).toFixed(2)}×` : r.twin?.timedOut && cliMs !== null ? `> ${((twinTimeout * 1000) / cliMs).toFixed(1)}×` : 'n/a';
  console.log(
    `| ${count(r.n)} | ${fmtS(libMs)} | ${r.cli ? fmtS(r.cli.ms) : '—'} | ${fmtS(r.cliOut?.ms ?? null)} | ${r.twin?.timedOut ? `> ${twinTimeout} s` : fmtS(twinMs)} | ${fmtS(twinStudy)} | ${ratio} | ` +
      `${r.libOut ? fmtMB(r.libOut.maxRssKB as number) : '—'} | ${r.cli ? fmtMB(r.cli.rssKB) : '—'} | ${fmtMB(r.cliOut?.rssKB ?? null)} | ${r.twinOut ? `${Math.round(r.twinOut.maxRssMB as number)} MB` : 'n/a'} |`,
  );
}
for (const r of rows) if (r.twinNote) console.log(`N = ${count(r.n)}: ${r.twinNote}`);
console.log('\n"twin / CLI" > 1: the CLI is faster. The twin\'s "study" column excludes its numpy/pandas/scipy import; the process columns include each side\'s start-up.');
for (const r of rows) if (r.parquetMB !== null) console.log(`N = ${count(r.n)}: --out wrote ${r.parquetMB.toFixed(1)} MB of Parquet (4 rows per event)`);

// 3. Where the time goes.
console.log('\n## Where the time goes (library, ms; the study\'s own stage timings)\n');
const stageNames = ['series', 'events', 'r̄', 'window tests', 'daily tests', 'overlaps'];
console.log(`| N | read file | ${stageNames.join(' | ')} | total |`);
console.log(`|---:|---:|${stageNames.map(() => '---:').join('|')}|---:|`);
for (const r of rows) {
  if (!r.libOut) continue;
  const t = r.libOut.timings as Record<string, number>;
  console.log(`| ${count(r.n)} | ${(r.libOut.readMs as number).toFixed(0)} | ${stageNames.map((s) => (t[s] ?? 0).toFixed(0)).join(' | ')} | ${(r.libOut.studyMs as number).toFixed(0)} |`);
}
console.log('\n"events" includes "series" (loading, calendars, alignment) and every event\'s day 0, fit, ARs, CARs and accumulation (the kernel); "r̄" is Kolari–Pynnönen\'s mean correlation on calendar dates (src/stats/rbar.ts).');
for (const r of rows) {
  const tw = r.twinOut?.stages as Record<string, number> | undefined;
  if (tw) console.log(`twin stages at N = ${count(r.n)} (s): ${Object.entries(tw).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

// 4. Cross-check.
console.log('\n## Cross-check against the twin (first CAR window, [-1,+1])\n');
const keys: [string, string][] = [
  ['caar', 'caar'],
  ['cs', 'cs'],
  ['patell', 'patell'],
  ['bmp', 'bmp'],
  ['corrado', 'corrado'],
  ['gsign', 'gsign'],
  ['adjPatell', 'adjPatell'],
  ['rbar', 'rbar'],
];
let crossOk = true;
let crossRuns = 0;
for (const r of rows) {
  if (!r.libOut || !r.twinOut) continue;
  crossRuns++;
  const s = r.libOut.stats as Record<string, number | string | null>;
  const parts: string[] = [];
  let worst = 0;
  for (const [ours, theirs] of keys) {
    const a = s[ours] as number | null | undefined;
    const b = r.twinOut[theirs] as number | null | undefined;
    if (a === null || a === undefined || b === null || b === undefined) continue;
    const rel = Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
    worst = Math.max(worst, rel);
    parts.push(`${ours} ${a.toPrecision(8)} vs ${b.toPrecision(8)}`);
  }
  const studied = `${count(r.libOut.studied as number)} vs ${count(r.twinOut.studied as number)} events studied`;
  const method = s.rbarMethod === 'sampled' ? ` (engine r̄ sampled, ± ${Number(s.rbarSe).toExponential(1)})` : '';
  const ok = worst < 1e-9 && r.libOut.studied === r.twinOut.studied;
  if (!ok && s.rbarMethod !== 'sampled') crossOk = false;
  console.log(`N = ${count(r.n)}: ${studied}; largest relative difference ${worst.toExponential(1)}${method} — ${ok ? 'agree' : 'DIFFER'}`);
  console.log(`  ${parts.join('; ')}`);
}

// 5. Size.
let sizeOk: boolean | null = null;
if (sizePanels > 0) {
  console.log(`\n## Size check (null panels through the engine, 5% level; pass band [3%, 7%])\n`);
  const t0 = performance.now();
  const rates = simulateNullRejectionRates({ panels: sizePanels, n: 50, seed: 20250127 });
  console.log(
    `simulateNullRejectionRates (src/study/size.ts): ${count(sizePanels)} panels × 50 events × (250 + 11) days, CAR[-1,+1], bootstrap B = 199, ` +
      `${fmtS(performance.now() - t0)}; Monte Carlo s.e. of a 5% rate ${(100 * Math.sqrt((0.05 * 0.95) / sizePanels)).toFixed(2)} points.\n`,
  );
  console.log('| test | rejection rate | panels | result |');
  console.log('|---|---:|---:|---|');
  sizeOk = true;
  for (const [test, r] of Object.entries(rates)) {
    const ok = r.rate >= 0.03 && r.rate <= 0.07;
    if (!ok) sizeOk = false;
    console.log(`| ${test} | ${(100 * r.rate).toFixed(1)}% | ${r.panels} | ${ok ? 'PASS' : 'FAIL'} |`);
  }
  // The methods of #13 (GARCH/Savickas, volume, volatility, second stage, calendar time, multiple testing).
  console.log(`\n## Size of the methods of #13 (bench/methods-size.ts)\n`);
  console.log(formatSizeTable(methodsSizeTable({ reps: 400 })));
}

// 6. Goals.
console.log(`\n## Goals (load average at the end ${load()})\n`);
const at = (n: number) => rows.find((r) => r.n === n);
const goals: [string, boolean | null, string][] = [];
for (const r of rows) {
  const cli = r.cli ?? r.cliOut;
  if (!cli || !r.twin) continue;
  if (!r.twin.timedOut && !r.twinOut) goals.push([`N = ${count(r.n)}: CLI at least as fast as the twin`, null, `CLI ${fmtS(cli.ms)}; ${r.twinNote}`]);
  else if (r.twin.timedOut) goals.push([`N = ${count(r.n)}: CLI at least as fast as the twin`, true, `CLI ${fmtS(cli.ms)}, twin > ${twinTimeout} s`]);
  else if (r.twinOut) goals.push([`N = ${count(r.n)}: CLI at least as fast as the twin`, cli.ms <= r.twin.ms, `CLI ${fmtS(cli.ms)}, twin ${fmtS(r.twin.ms)}${r.twinNote ? ` (${r.twinNote})` : ''}`]);
}
const r10k = at(10_000);
if (r10k?.libOut) goals.push(['10,000 events through the library under 2 s', (r10k.libOut.studyMs as number) < 2000, fmtS(r10k.libOut.studyMs as number)]);
if (r10k?.cliOut) goals.push(['10,000 events through the CLI with --out under 5 s', r10k.cliOut.ms < 5000, fmtS(r10k.cliOut.ms)]);
const r100k = at(100_000);
if (r100k?.cliOut) goals.push(['100,000 events under 20 s (CLI with --out)', r100k.cliOut.ms < 20_000, fmtS(r100k.cliOut.ms)]);
if (r100k?.libOut) goals.push(['100,000 events under 20 s (library)', (r100k.libOut.studyMs as number) < 20_000, fmtS(r100k.libOut.studyMs as number)]);
const r1m = at(1_000_000);
if (r1m?.cliOut) goals.push(['1,000,000 events with --out: peak RSS under 500 MB', r1m.cliOut.rssKB !== null && r1m.cliOut.rssKB < 500 * 1024, `${fmtMB(r1m.cliOut.rssKB)} in ${fmtS(r1m.cliOut.ms)}`]);
if (crossRuns > 0) goals.push(['engine and twin agree (1e-9; r̄ within its s.e. when sampled)', crossOk, `${crossRuns} file(s) compared`]);
goals.push(['every test sized within [3%, 7%] under the null', sizeOk, sizeOk === null ? 'not run' : 'see the size table']);
for (const [goal, ok, detail] of goals) console.log(`${ok === null ? 'SKIP' : ok ? 'PASS' : 'FAIL'}  ${goal.padEnd(58)} ${detail}`);
