/**
 * Study options checked like CLI flags: a library caller passing `tests: ['nonsense']`,
 * `minEstimationReturns: NaN`, a fractional window or `dimsonLags: NaN` gets a one-line InputError
 * naming the option, never a silent NaN deep in a result. Defaults filled in here, once.
 */
import { InputError } from '../errors.ts';
import type { Day0Rule, RelWindow } from '../types.ts';
import { MODEL_NAMES, modelSpec, type ModelName, type ModelSpec } from '../models/index.ts';
import { ALL_TESTS, defaultTests, type TestName } from '../stats/battery.ts';
import { closestMatches } from '../data/suggest.ts';
import type { FactorTable, StudyOptions } from './types.ts';
import { MEASURES, MEASURE_NAMES, type Measure, type MeasureSpec, type VolumeBasis } from './measures.ts';
import { DEFAULT_CAR_WINDOWS, DEFAULT_ESTIMATION_WINDOW, DEFAULT_EVENT_WINDOW, DEFAULT_MIN_ESTIMATION_RETURNS, validateWindows, windowLabel } from './windows.ts';

/** Most bootstrap replications a study runs; more are capped to this, with a note. */
export const BOOTSTRAP_MAX_REPLICATIONS = 1_000_000;
/**
 * Most events whose residuals the bootstrap keeps (it resamples every event's residuals: memory
 * grows with N·M and time with N·B·L2). Above it the bootstrap is skipped with a note.
 */
export const BOOTSTRAP_MAX_EVENTS = 20_000;

/** StudyOptions with every default filled in and every value checked. */
export interface ResolvedOptions {
  benchmark: string | undefined;
  model: ModelName;
  spec: ModelSpec;
  measure: Measure;
  volumeBasis: VolumeBasis | undefined;
  estimationWindow: RelWindow;
  eventWindow: RelWindow;
  carWindows: RelWindow[];
  tests: TestName[];
  minEstimationReturns: number;
  day0Rule: Day0Rule;
  bootstrap: { replications: number; seed: number } | false;
  factors: FactorTable | undefined;
  dimsonLags: number | undefined;
  rbar: { maxExactCost?: number; samplePairs?: number; seed?: number };
  /** Notes on adjusted options (a capped bootstrap). */
  notes: string[];
}

function isWindow(w: unknown): w is RelWindow {
  return Array.isArray(w) && w.length === 2 && w.every((v) => typeof v === 'number');
}

function checkWindow(name: string, w: unknown): RelWindow {
  if (!isWindow(w)) throw new InputError(`${name} must be a pair of whole trading days [from, to], got ${JSON.stringify(w)}`);
  if (!Number.isInteger(w[0]) || !Number.isInteger(w[1])) throw new InputError(`${name} ${JSON.stringify(w)} must be whole trading days`);
  return [w[0], w[1]];
}

/**
 * Checks and completes study options (see StudyOptions for the defaults).
 * @throws InputError naming the first bad option
 */
export function resolveStudyOptions(input: StudyOptions): ResolvedOptions {
  if (input === null || typeof input !== 'object') throw new InputError('study options must be an object');
  const notes: string[] = [];
  const measure = (input.measure ?? 'return') as Measure;
  if (typeof measure !== 'string' || !(MEASURE_NAMES as string[]).includes(measure)) {
    throw new InputError(`unknown measure '${String(measure)}'; expected one of ${MEASURE_NAMES.join(', ')}`);
  }
  const measureSpec: MeasureSpec = MEASURES[measure];
  const model = (input.model ?? measureSpec.defaultModel) as ModelName;
  if (typeof model !== 'string' || !(MODEL_NAMES as string[]).includes(model)) {
    const near = closestMatches(String(model), MODEL_NAMES);
    throw new InputError(`unknown model '${String(model)}'${near.length ? `; did you mean ${near.join(' or ')}?` : ''} (models: ${MODEL_NAMES.join(', ')})`);
  }
  const spec = modelSpec(model);
  if (measureSpec.models !== null && !(measureSpec.models as readonly string[]).includes(model)) {
    throw new InputError(`the ${measure} measure is modelled by ${measureSpec.models.join(', ')}, not '${model}' (${measureSpec.summary})`);
  }
  const volumeBasis = input.volumeBasis;
  if (volumeBasis !== undefined) {
    if (measure !== 'volume') throw new InputError(`volumeBasis applies to the volume measure only (measure is '${measure}')`);
    if (volumeBasis !== 'shares' && volumeBasis !== 'turnover') throw new InputError(`volumeBasis must be 'shares' or 'turnover', got ${JSON.stringify(volumeBasis)}`);
  }
  const estimationWindow = checkWindow('estimationWindow', input.estimationWindow ?? DEFAULT_ESTIMATION_WINDOW);
  const eventWindow = checkWindow('eventWindow', input.eventWindow ?? DEFAULT_EVENT_WINDOW);
  const carWindowsIn = input.carWindows ?? DEFAULT_CAR_WINDOWS;
  if (!Array.isArray(carWindowsIn)) throw new InputError(`carWindows must be a list of [from, to] windows, got ${JSON.stringify(carWindowsIn)}`);
  const carWindows = carWindowsIn.map((w, k) => checkWindow(`carWindows[${k}]`, w));
  const labels = new Set<string>();
  for (const w of carWindows) {
    const label = windowLabel(w);
    if (labels.has(label)) throw new InputError(`CAR window ${label} is given twice`);
    labels.add(label);
  }
  const minM = input.minEstimationReturns ?? DEFAULT_MIN_ESTIMATION_RETURNS;
  if (typeof minM !== 'number' || !Number.isInteger(minM) || minM < 3) {
    throw new InputError(`minEstimationReturns must be a whole number ≥ 3 (the market model needs 3 valid days for a residual df), got ${String(minM)}`);
  }
  validateWindows(estimationWindow, eventWindow, carWindows, minM);
  const day0Rule = input.day0Rule ?? 'next';
  if (day0Rule !== 'next' && day0Rule !== 'previous' && day0Rule !== 'skip') throw new InputError(`day0Rule must be 'next', 'previous' or 'skip', got ${JSON.stringify(day0Rule)}`);

  const tests = input.tests ?? defaultTests(model).filter((t) => measureSpec.invalidTests[t] === undefined);
  if (!Array.isArray(tests) || tests.length === 0) throw new InputError(`tests must be a non-empty list of test names (${ALL_TESTS.join(', ')})`);
  for (const t of tests) {
    if (!(ALL_TESTS as string[]).includes(t)) {
      const near = closestMatches(String(t), ALL_TESTS);
      throw new InputError(`unknown test '${String(t)}'${near.length ? `; did you mean ${near.join(' or ')}?` : ''} (tests: ${ALL_TESTS.join(', ')})`);
    }
  }
  // In the battery's order, each once.
  const wanted = new Set(tests);
  const orderedTests = ALL_TESTS.filter((t) => wanted.has(t));

  let bootstrap: ResolvedOptions['bootstrap'] = { replications: 9999, seed: 1 };
  if (input.bootstrap === false) bootstrap = false;
  else if (input.bootstrap !== undefined) {
    const b = input.bootstrap as { replications?: unknown; seed?: unknown };
    if (b === null || typeof b !== 'object') throw new InputError(`bootstrap must be { replications, seed } or false, got ${JSON.stringify(input.bootstrap)}`);
    const reps = b.replications;
    if (typeof reps !== 'number' || !(reps >= 1) || !(Number.isInteger(reps) || reps === Infinity)) {
      throw new InputError(`bootstrap.replications must be a whole number ≥ 1, got ${String(reps)}`);
    }
    const seed = b.seed ?? 1;
    if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new InputError(`bootstrap.seed must be a whole number, got ${String(seed)}`);
    let replications = reps;
    if (replications > BOOTSTRAP_MAX_REPLICATIONS) {
      notes.push(`bootstrap replications capped at ${BOOTSTRAP_MAX_REPLICATIONS.toLocaleString('en-US')} (asked for ${reps.toLocaleString('en-US')})`);
      replications = BOOTSTRAP_MAX_REPLICATIONS;
    }
    bootstrap = { replications, seed };
  }

  const dimsonLags = input.dimsonLags;
  if (dimsonLags !== undefined && (typeof dimsonLags !== 'number' || !Number.isInteger(dimsonLags) || dimsonLags < 0 || dimsonLags > 10)) {
    throw new InputError(`dimsonLags must be a whole number of sessions between 0 and 10, got ${String(dimsonLags)}`);
  }
  const factors = input.factors;
  if (spec.needsFactors && !factors) throw new InputError("model 'factor' needs a factor table (--factors file.csv)");
  if (factors !== undefined) checkFactorTable(factors);
  if (input.benchmark !== undefined && (typeof input.benchmark !== 'string' || input.benchmark.trim() === '')) {
    throw new InputError(`benchmark must be a symbol such as 'SPY', got ${JSON.stringify(input.benchmark)}`);
  }
  const rbar = input.rbar ?? {};
  for (const [k, v] of Object.entries(rbar)) {
    if (!['maxExactCost', 'samplePairs', 'seed'].includes(k)) throw new InputError(`unknown rbar option '${k}' (maxExactCost, samplePairs, seed)`);
    if (typeof v !== 'number' || !(k === 'seed' ? Number.isSafeInteger(v) : v > 0 && (k !== 'samplePairs' || Number.isInteger(v)))) {
      throw new InputError(`rbar.${k} must be a positive ${k === 'maxExactCost' ? 'number' : 'whole number'}, got ${String(v)}`);
    }
  }
  return {
    benchmark: input.benchmark?.trim(),
    model,
    spec,
    measure,
    volumeBasis: measure === 'volume' ? (volumeBasis ?? 'shares') : undefined,
    estimationWindow,
    eventWindow,
    carWindows,
    tests: orderedTests,
    minEstimationReturns: minM,
    day0Rule,
    bootstrap,
    factors,
    dimsonLags,
    rbar,
    notes,
  };
}

function checkFactorTable(f: FactorTable): void {
  if (!f || typeof f !== 'object' || !Array.isArray(f.dates) || !f.columns || typeof f.columns !== 'object') {
    throw new InputError('factors must be a factor table { name, dates, columns } (see readFactorCsv)');
  }
  const names = Object.keys(f.columns);
  if (names.length === 0) throw new InputError(`factor table ${f.name}: no factor columns`);
  for (const n of names) {
    if (f.columns[n].length !== f.dates.length) throw new InputError(`factor table ${f.name}: column '${n}' has ${f.columns[n].length} values for ${f.dates.length} dates`);
  }
  for (let i = 1; i < f.dates.length; i++) {
    if (!(f.dates[i] > f.dates[i - 1])) throw new InputError(`factor table ${f.name}: dates must be sorted and unique (${f.dates[i - 1]}, ${f.dates[i]})`);
  }
}
