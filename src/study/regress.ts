/**
 * Second stage of an event study: explaining CARs by event characteristics.
 *
 * - {@link regressCars}: one CAR window's CAR_i (or SCAR_i) regressed on characteristics, by OLS and
 *   by WLS with weights 1/σ²_CAR,i (σ_CAR,i the CAR's standard error from the first stage), with
 *   classical, HC1, HC3 and clustered standard errors (src/stats/regression.ts has the formulas).
 * - {@link subgroupCaar}: CAAR per level of a categorical characteristic with Welch t and
 *   Wilcoxon rank-sum difference tests.
 *
 * Characteristics come from, in this order: `spec.characteristics[eventId]`, the event's own
 * `characteristics` (extra columns of the events file, carried by the engine), and two built-ins:
 *   beta        the event's market-model β from the first stage (EventResult.beta);
 *   prior<N>    e.g. prior20: the compounded security return over the N sessions just before the
 *               event window, relative days τa−N .. τa−1 (for the default window [−5,+5]:
 *               days −25 .. −6), = AdjClose(τa−1)/AdjClose(τa−N−1) − 1, on the sessions of the
 *               security's own price series; computed by {@link priorReturns} and passed in
 *               `spec.priorReturns` (it needs prices, which a StudyResult does not hold).
 * A column is numeric when every used event's value is a finite number (numbers or numeric
 * strings), otherwise categorical: one 0/1 dummy per level except the baseline, which is
 * `spec.baselines[column]` or else the first level in sorted order (stated in the result).
 */
import { InputError } from '../errors.ts';
import type { IsoDate, PriceRow, RelWindow } from '../types.ts';
import { linearRegression, type RegressionFit } from '../stats/regression.ts';
import { welchT, rankSumTest, type RankSumResult } from '../stats/tests/two-sample.ts';
import { crossSectionalT } from '../stats/tests/parametric.ts';
import type { TestResult } from '../stats/types.ts';
import type { CarRow, EventResult, StudyResult } from './types.ts';
import { windowLabel } from './windows.ts';
import { carRegressionCall, recordLibraryCall } from './call-log.ts';

/** A characteristic value as it comes from an events file (string) or from code (number). */
export type CharacteristicValue = string | number;

/** What {@link regressCars} regresses, on what, and how. */
export interface CarRegressionSpec {
  /** The CAR window, e.g. [0, 0] or '[0,0]'; must be one of the study's CAR windows. */
  window: RelWindow | string;
  /** Dependent variable: 'car' (default) or 'scar' (CAR / its standard error). */
  dependent?: 'car' | 'scar';
  /** Regressors: characteristic columns and/or the built-ins 'beta', 'prior20' (any prior<N>). */
  regressors: string[];
  /** Cluster for the clustered standard errors: by day 0 ('date') or by 'security'. Default 'date'. */
  cluster?: 'date' | 'security';
  /** Baseline level per categorical column. */
  baselines?: Record<string, string>;
  /** Characteristics by event id (used before the events' own `characteristics`). */
  characteristics?: Record<string, Record<string, CharacteristicValue>>;
  /** prior<N> returns by event id (from {@link priorReturns}); null = not computable. */
  priorReturns?: Record<string, number | null>;
}

/** One regressor column as it enters the design. */
export interface RegressionTerm {
  /** Column name in the fit ('beta', 'sector=chips'). */
  name: string;
  /** The characteristic it comes from. */
  source: string;
  kind: 'numeric' | 'dummy';
  /** For dummies: the level coded 1 (the baseline is coded 0 in every dummy of its column). */
  level?: string;
}

/** The result of {@link regressCars}. */
export interface CarRegression {
  window: string;
  dependent: 'car' | 'scar';
  cluster: 'date' | 'security';
  terms: RegressionTerm[];
  /** Baseline level of each categorical column. */
  baselines: Record<string, string>;
  /** Event ids used, in row order. */
  used: string[];
  /** The rows regressed, in row order: each used event's dependent value and its design values by term name (charts plot these). */
  points: { id: string; symbol: string; y: number; x: Record<string, number> }[];
  /** Events that could not be used, with the reason. */
  excluded: { id: string; reason: string }[];
  ols: RegressionFit;
  /** WLS with weights 1/σ²_CAR; null for SCAR (its variance is 1 by construction: WLS = OLS). */
  wls: RegressionFit | null;
  notes: string[];
}

type EventWithCharacteristics = EventResult & { characteristics?: Record<string, CharacteristicValue> };

function carRowOf(event: EventResult, label: string): CarRow | undefined {
  return event.car.find((c) => c.window === label);
}

function normalizeWindow(result: StudyResult, window: RelWindow | string): string {
  const label = typeof window === 'string' ? window.replace(/\s+/g, '') : windowLabel(window);
  const known = result.parameters.carWindows.map(windowLabel);
  if (!known.includes(label)) throw new InputError(`CAR window ${label} is not in the study; its CAR windows are ${known.join(', ')}`);
  return label;
}

const PRIOR = /^prior(\d+)$/;

/** The value of characteristic `name` for one event, or a reason it has none. */
function valueOf(event: EventWithCharacteristics, name: string, spec: CarRegressionSpec): CharacteristicValue | { missing: string } {
  const given = spec.characteristics?.[event.id]?.[name] ?? event.characteristics?.[name];
  if (given !== undefined && String(given).trim() !== '') return typeof given === 'string' ? given.trim() : given;
  if (name === 'beta') return event.beta ?? { missing: `no market-model beta (model ${event.model})` };
  if (PRIOR.test(name)) {
    if (!spec.priorReturns) return { missing: `${name} needs priorReturns (computed with priorReturns(result, ...))` };
    const v = spec.priorReturns[event.id];
    return v === null || v === undefined ? { missing: `${name} cannot be computed (too few sessions before the event window)` } : v;
  }
  return { missing: `no value for '${name}'` };
}

const isNumeric = (v: CharacteristicValue) => (typeof v === 'number' ? Number.isFinite(v) : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v));

/**
 * Regresses one window's CAR (or SCAR) on characteristics by OLS and WLS (weights 1/σ²_CAR), with
 * classical, HC1, HC3 and clustered standard errors (see the module doc for where characteristics
 * come from, how categorical columns become dummies and the built-ins beta and prior<N>).
 * Events without a value for some regressor, or without a finite CAR and standard error, are
 * listed in `excluded` with the reason.
 * @throws InputError for an unknown window, no regressors, or fewer usable events than coefficients + 1.
 * @example
 * const reg = regressCars(result, { window: [0, 0], regressors: ['beta', 'prior20'], priorReturns: await priorReturns(result) });
 * reg.ols.coefficients[1]; // { name: 'beta', estimate, classical: {se,t,p,df}, hc1, hc3, clustered }
 */
export function regressCars(result: StudyResult, spec: CarRegressionSpec): CarRegression {
  const label = normalizeWindow(result, spec.window);
  const dependent = spec.dependent ?? 'car';
  const cluster = spec.cluster ?? 'date';
  if (!Array.isArray(spec.regressors) || spec.regressors.length === 0) throw new InputError('regressCars: name at least one regressor (e.g. beta, prior20 or an events-file column)');
  if (new Set(spec.regressors).size !== spec.regressors.length) throw new InputError(`regressCars: a regressor is named twice in ${spec.regressors.join(', ')}`);
  const excluded: { id: string; reason: string }[] = result.skipped.map((s) => ({ id: s.id, reason: `not studied: ${s.reason}` }));
  const rows: { event: EventWithCharacteristics; y: number; se: number; values: CharacteristicValue[] }[] = [];
  for (const event of result.events as EventWithCharacteristics[]) {
    const car = carRowOf(event, label);
    if (!car || !Number.isFinite(car.car) || !(car.se > 0)) {
      excluded.push({ id: event.id, reason: `no finite CAR${label} with a positive standard error` });
      continue;
    }
    const values: CharacteristicValue[] = [];
    let reason: string | null = null;
    for (const name of spec.regressors) {
      const v = valueOf(event, name, spec);
      if (typeof v === 'object') {
        reason = v.missing;
        break;
      }
      values.push(v);
    }
    if (reason) {
      excluded.push({ id: event.id, reason });
      continue;
    }
    rows.push({ event, y: dependent === 'car' ? car.car : car.car / car.se, se: car.se, values });
  }
  const terms: RegressionTerm[] = [];
  const columns: Float64Array[] = [];
  const baselines: Record<string, string> = {};
  const notes: string[] = [];
  spec.regressors.forEach((name, j) => {
    const values = rows.map((r) => r.values[j]);
    if (values.every(isNumeric)) {
      terms.push({ name, source: name, kind: 'numeric' });
      columns.push(Float64Array.from(values, Number));
      return;
    }
    const levels = [...new Set(values.map(String))].sort();
    const baseline = spec.baselines?.[name] ?? levels[0];
    if (!levels.includes(baseline)) throw new InputError(`baseline '${baseline}' of '${name}' is not one of its levels (${levels.join(', ')})`);
    baselines[name] = baseline;
    for (const level of levels) {
      if (level === baseline) continue;
      terms.push({ name: `${name}=${level}`, source: name, kind: 'dummy', level });
      columns.push(Float64Array.from(values, (v) => (String(v) === level ? 1 : 0)));
    }
    if (levels.length === 1) notes.push(`'${name}' has a single level (${baseline}) among the used events: it adds no column`);
  });
  for (const [name, base] of Object.entries(spec.baselines ?? {})) {
    if (!(name in baselines)) throw new InputError(`a baseline is given for '${name}', which is not a categorical regressor`);
    void base;
  }
  const k = columns.length + 1;
  if (rows.length <= k) {
    const why = excluded.length > 0 ? `; excluded: ${excluded.map((e) => `${e.id} (${e.reason})`).join('; ')}` : '';
    throw new InputError(`regressCars: ${rows.length} usable event(s) for ${k} coefficient(s); need more events than coefficients${why}`);
  }
  const y = Float64Array.from(rows, (r) => r.y);
  const names = terms.map((t) => t.name);
  const clusters = rows.map((r) => (cluster === 'date' ? r.event.day0 : r.event.symbol));
  const ols = linearRegression({ y, columns, names, clusters });
  const wls = dependent === 'car' ? linearRegression({ y, columns, names, clusters, weights: Float64Array.from(rows, (r) => 1 / (r.se * r.se)) }) : null;
  if (dependent === 'scar') notes.push('WLS is not reported for SCAR: each SCAR has unit variance, so WLS equals OLS');
  const points = rows.map((r, i) => ({ id: r.event.id, symbol: r.event.symbol, y: r.y, x: Object.fromEntries(terms.map((t, j) => [t.name, columns[j][i]])) }));
  const out: CarRegression = { window: label, dependent, cluster, terms, baselines, used: rows.map((r) => r.event.id), points, excluded, ols, wls, notes };
  recordLibraryCall(carRegressionCall(spec, out)); // the run log: what ran, for the report footer
  return out;
}

/**
 * The compounded return over the `days` sessions just before the event window of an event, from
 * the security's price rows: sessions τa−days .. τa−1 relative to day 0, i.e.
 * AdjClose(τa−1)/AdjClose(τa−days−1) − 1. Null when day 0 is not a session of the series or the
 * series starts too late.
 * @example priorReturnFromRows(rows, '2025-01-27', -5, 20) // NVDA: sessions −25..−6
 */
export function priorReturnFromRows(rows: readonly PriceRow[], day0: IsoDate, eventWindowStart: number, days = 20): number | null {
  if (!(Number.isInteger(days) && days >= 1)) throw new InputError(`prior-return length must be a whole number of sessions ≥ 1, got ${days}`);
  let lo = 0;
  let hi = rows.length - 1;
  let i0 = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].date === day0) {
      i0 = mid;
      break;
    }
    if (rows[mid].date < day0) lo = mid + 1;
    else hi = mid - 1;
  }
  if (i0 < 0) return null;
  const last = i0 + eventWindowStart - 1;
  const first = last - days;
  if (first < 0 || last >= rows.length) return null;
  return rows[last].adjClose / rows[first].adjClose - 1;
}

/**
 * prior<days> returns for every studied event (see {@link priorReturnFromRows}), keyed by event id,
 * for `spec.priorReturns`. `loadRows` defaults to the bundled snapshot.
 */
export async function priorReturns(
  result: StudyResult,
  days = 20,
  loadRows?: (symbol: string) => readonly PriceRow[] | Promise<readonly PriceRow[]>,
): Promise<Record<string, number | null>> {
  const load = loadRows ?? (async (s: string) => (await import('../data/snapshot.ts')).loadSnapshotSeries(s).rows);
  const cache = new Map<string, Promise<readonly PriceRow[]>>();
  const out: Record<string, number | null> = {};
  for (const e of result.events) {
    let rows = cache.get(e.symbol);
    if (!rows) cache.set(e.symbol, (rows = Promise.resolve(load(e.symbol))));
    out[e.id] = priorReturnFromRows(await rows, e.day0, result.parameters.eventWindow[0], days);
  }
  return out;
}

/** One level of {@link subgroupCaar}. */
export interface SubgroupRow {
  level: string;
  N: number;
  caar: number;
  /** Cross-sectional t of the level's CARs (null below 2 events). */
  test: TestResult;
}

/** A difference test between two levels. */
export interface SubgroupComparison {
  level: string;
  versus: string;
  difference: number;
  welch: TestResult;
  rankSum: RankSumResult;
}

/** The result of {@link subgroupCaar}. */
export interface SubgroupCaar {
  window: string;
  by: string;
  /** The level every other level is compared with. */
  baseline: string;
  groups: SubgroupRow[];
  comparisons: SubgroupComparison[];
  excluded: { id: string; reason: string }[];
}

/**
 * CAAR per level of a categorical characteristic, each with its cross-sectional t, and each
 * level's difference from the baseline (`baseline`, else the first level in sorted order) with
 * Welch's t and the Wilcoxon rank-sum test (exact p for ≤ 50 events, see rankSumTest).
 * @example subgroupCaar(result, { window: [0, 0], by: 'sector' }).comparisons[0].welch.p
 */
export function subgroupCaar(
  result: StudyResult,
  options: { window: RelWindow | string; by: string; baseline?: string; characteristics?: CarRegressionSpec['characteristics'] },
): SubgroupCaar {
  const label = normalizeWindow(result, options.window);
  const excluded: { id: string; reason: string }[] = [];
  const byLevel = new Map<string, number[]>();
  for (const event of result.events as EventWithCharacteristics[]) {
    const car = carRowOf(event, label);
    if (!car || !Number.isFinite(car.car)) {
      excluded.push({ id: event.id, reason: `no finite CAR${label}` });
      continue;
    }
    const v = valueOf(event, options.by, { window: label, regressors: [], characteristics: options.characteristics });
    if (typeof v === 'object') {
      excluded.push({ id: event.id, reason: v.missing });
      continue;
    }
    const level = String(v);
    if (!byLevel.has(level)) byLevel.set(level, []);
    byLevel.get(level)!.push(car.car);
  }
  const levels = [...byLevel.keys()].sort();
  if (levels.length < 2) throw new InputError(`subgroupCaar: '${options.by}' has ${levels.length} level(s) among the studied events; need at least 2 to compare`);
  const baseline = options.baseline ?? levels[0];
  if (!byLevel.has(baseline)) throw new InputError(`baseline '${baseline}' of '${options.by}' is not one of its levels (${levels.join(', ')})`);
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const groups = levels.map((level) => {
    const cars = byLevel.get(level)!;
    return { level, N: cars.length, caar: mean(cars), test: crossSectionalT(cars) };
  });
  const base = byLevel.get(baseline)!;
  const comparisons = levels
    .filter((l) => l !== baseline)
    .map((level) => {
      const cars = byLevel.get(level)!;
      return { level, versus: baseline, difference: mean(cars) - mean(base), welch: welchT(cars, base), rankSum: rankSumTest(cars, base) };
    });
  return { window: label, by: options.by, baseline, groups, comparisons, excluded };
}
