/**
 * Study results as flat rows and as danfo DataFrames, for notebook-style printing.
 * The rows are plain data (`studyRows`); the DataFrame view is made at the edge
 * and danfo is loaded only when a table is asked for (it is slow to import).
 */
import { createRequire } from 'node:module';
import { InputError } from '../errors.ts';
import type { StudyResult } from './types.ts';

export type TableKind = 'events' | 'ar' | 'car' | 'aggregate' | 'daily' | 'skipped';
export const TABLE_KINDS: TableKind[] = ['events', 'ar', 'car', 'aggregate', 'daily', 'skipped'];

type Row = Record<string, string | number | boolean | null>;

/**
 * Flat rows of one view of a result. Every per-event row carries the event id.
 * @example studyRows(result, 'car')[0] // { id: 'NVDA@2025-01-27', symbol: 'NVDA', window: '[-1,+1]', car: -0.17, ... }
 */
export function studyRows(result: StudyResult, kind: TableKind): Row[] {
  switch (kind) {
    case 'events':
      return result.events.map((e) => ({
        id: e.id,
        symbol: e.symbol,
        market: e.market,
        day0: e.day0,
        M: e.M,
        alpha: e.alpha,
        beta: e.beta,
        sigma: e.sigma,
        r2: e.r2,
        limitUpDays: e.flags.limitUpDays.join(' '),
        estimationOverlaps: e.flags.estimationOverlaps.join(' '),
        estimationOverlapCount: e.flags.estimationOverlapCount,
      }));
    case 'ar':
      return result.events.flatMap((e) =>
        e.ar.map((d) => ({
          id: e.id,
          symbol: e.symbol,
          rel: d.rel,
          date: d.date,
          ret: d.ret,
          marketRet: d.marketRet,
          ar: d.ar,
          sar: d.sar,
          limitUp: d.limitUp,
        })),
      );
    case 'car':
      return result.events.flatMap((e) =>
        e.car.map((c) => ({ id: e.id, symbol: e.symbol, window: c.window, car: c.car, se: c.se, t: c.t, df: c.df, p: c.p, bhar: c.bhar, days: c.days })),
      );
    case 'aggregate':
      return result.aggregate.flatMap((a) =>
        Object.values(a.tests).map((t) => ({ window: a.window, N: a.N, caar: a.caar, test: t.label, stat: t.stat, p: t.p, df: t.df })),
      );
    case 'daily':
      return result.daily.map((d) => ({
        rel: d.rel,
        N: d.N,
        aar: d.aar,
        caar: d.caar,
        ...Object.fromEntries(Object.entries(d.tests).map(([k, t]) => [k, t.stat])),
      }));
    case 'skipped':
      return result.skipped.map((s) => ({ id: s.id, symbol: s.symbol, date: s.date, reason: s.reason }));
    default:
      throw new InputError(`unknown table '${String(kind)}'; choose one of ${TABLE_KINDS.join(', ')}`);
  }
}

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DataFrame = any;

/** A danfo DataFrame of one view (an empty frame with the right message when there are no rows). */
export function studyTable(result: StudyResult, kind: TableKind): DataFrame {
  const dfd = require('danfojs-node');
  const rows = studyRows(result, kind);
  if (rows.length === 0) return new dfd.DataFrame([{ note: `no ${kind} rows` }]);
  return new dfd.DataFrame(rows);
}

export interface WithTables {
  /** danfo DataFrame view: 'events' | 'ar' | 'car' | 'aggregate' | 'daily' | 'skipped'. */
  table(kind: TableKind): DataFrame;
}

/** Adds `result.table(kind)` as a non-enumerable method, so JSON output stays plain data. */
export function attachTables<T extends StudyResult>(result: T): T & WithTables {
  Object.defineProperty(result, 'table', {
    value: (kind: TableKind) => studyTable(result, kind),
    enumerable: false,
  });
  return result as T & WithTables;
}
