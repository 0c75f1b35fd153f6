/**
 * Timing and memory helpers of the benchmark: best-of-k with a forced GC before each repetition
 * (so one run's garbage is not billed to the next), resident-set sampling, and the numpy runner.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

/** A full garbage collection, or a no-op when the runtime refuses to expose one. */
export const collectGarbage: () => void = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return gc as () => void;
  } catch {
    // fall through
  }
  return () => {};
})();

/** Blocks the thread for `ms` milliseconds (background threads keep running). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * A full GC, then a 20 ms pause so V8's background sweeper has handed the freed ArrayBuffer
 * backing stores back to malloc before the next run allocates (otherwise that run maps fresh
 * pages for its 20 MB arrays while the old ones are still being freed: ~60 ms of page faults
 * here, billed to the wrong run at random), then a second GC.
 */
export function settleSync(): void {
  collectGarbage();
  sleepSync(20);
  collectGarbage();
}

/** Best and median wall time of `repeats` runs, plus the value of the best run. */
export interface Timing<T> {
  bestMs: number;
  medianMs: number;
  runsMs: number[];
  /** The result of the fastest run. */
  best: T;
}

/**
 * Times `f` `repeats` times (after `warmup` untimed calls for the JIT), collecting garbage
 * before each run (settleSync) so allocation from the previous run is not charged to this one.
 */
export function timeIt<T>(f: () => T, repeats: number, warmup = 1): Timing<T> {
  for (let i = 0; i < warmup; i++) f();
  const runsMs: number[] = [];
  let best: T | undefined;
  let bestMs = Infinity;
  for (let i = 0; i < repeats; i++) {
    settleSync();
    const t0 = performance.now();
    const out = f();
    const ms = performance.now() - t0;
    runsMs.push(ms);
    if (ms < bestMs) {
      bestMs = ms;
      best = out;
    }
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianMs = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { bestMs, medianMs, runsMs, best: best as T };
}

/** Peak resident set and heap/ArrayBuffer growth over one run. */
export interface MemoryUse {
  /** RSS before the run (after a GC), bytes. */
  rssBefore: number;
  /** Largest RSS sampled during the run (at every probe and at the end), bytes. */
  rssPeak: number;
  /** heapUsed right at the end of the run minus before (JS objects, incl. not-yet-collected garbage; typed-array data is not in it). */
  heapUsedDelta: number;
  /** arrayBuffers right at the end minus before (typed-array backing stores, incl. not-yet-collected ones). */
  arrayBuffersDelta: number;
  /** heapUsed + arrayBuffers still held by the run's result after a GC, minus before. */
  retainedDelta: number;
}

/** Two GCs with a pause between: V8 frees ArrayBuffer backing stores on a background sweeper. */
async function settle(): Promise<void> {
  for (let k = 0; k < 2; k++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs `f(probe)` once; `probe()` samples the RSS and should be called between stages. */
export async function measureMemory<T>(f: (probe: () => void) => T): Promise<{ value: T; memory: MemoryUse }> {
  await settle();
  const before = process.memoryUsage();
  let rssPeak = before.rss;
  const probe = (): void => {
    const rss = process.memoryUsage.rss();
    if (rss > rssPeak) rssPeak = rss;
  };
  const value = f(probe);
  probe();
  const after = process.memoryUsage();
  await settle(); // `value` is still referenced: what remains is what the result holds
  const kept = process.memoryUsage();
  return {
    value,
    memory: {
      rssBefore: before.rss,
      rssPeak,
      heapUsedDelta: after.heapUsed - before.heapUsed,
      arrayBuffersDelta: after.arrayBuffers - before.arrayBuffers,
      retainedDelta: kept.heapUsed + kept.arrayBuffers - before.heapUsed - before.arrayBuffers,
    },
  };
}

/** What numpy_event_study.py printed for one N. */
export interface NumpyRun {
  bestSeconds: number;
  medianSeconds: number;
  day0: { t: number; patell: number; bmp: number; gsign: number; corrado: number };
  versionLine: string;
}

/**
 * Runs the numpy anchor for n events and parses its "best" line; returns a reason string when
 * python3, numpy or the script is missing or the output cannot be read.
 */
export function runNumpy(scriptPath: string, n: number): NumpyRun | string {
  if (!existsSync(scriptPath)) return `numpy anchor not found at ${scriptPath}`;
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.error) return `python3 is not available (${probe.error.message})`;
  if (probe.status !== 0) return `numpy is not installed for python3 (${probe.stderr.trim().split('\n').pop()})`;
  const run = spawnSync('python3', [scriptPath, String(n)], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) return `numpy script failed (exit ${run.status}): ${run.stderr.trim().split('\n').pop()}`;
  const num = '(-?[\\d.]+(?:e[-+]?\\d+)?)';
  const line = new RegExp(
    `best=\\s*${num}s\\s+median=\\s*${num}s.*day0: t=\\s*${num} patell=\\s*${num} bmp=\\s*${num} gsign=\\s*${num} corrado=\\s*${num}`,
  ).exec(run.stdout);
  if (!line) return `could not find the "best=" line in the numpy output:\n${run.stdout}`;
  const v = line.slice(1).map(Number);
  return {
    bestSeconds: v[0],
    medianSeconds: v[1],
    day0: { t: v[2], patell: v[3], bmp: v[4], gsign: v[5], corrado: v[6] },
    versionLine: run.stdout.split('\n')[0],
  };
}
