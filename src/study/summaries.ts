/**
 * Compact, computed summaries of a StudyResult for study scripts and reports: one row per event,
 * the test battery of a window as rows, and the caveats a reader must see. Plain data out.
 */
import type { TestResult } from '../stats/types.ts';
import { bhAdjust, holmAdjust } from '../stats/multiple.ts';
import { fixed as num, pPhrase, signedPercent as pct } from '../format.ts';
import type { EventResult, StudyResult } from './types.ts';

type Row = Record<string, string | number | boolean | null>;

/** The day-0 row of an event's AR table, if the event window has one. */
export function day0Row(e: EventResult) {
  return e.ar.find((d) => d.rel === 0);
}

/** The CAR row of a window label ('[-1,+1]'), if computed. */
export function carRow(e: EventResult, window: string) {
  return e.car.find((c) => c.window === window);
}

/**
 * Every event's p-value of one CAR window as one family of tests, with Holm (1979) and
 * Benjamini–Hochberg (1995) adjusted p-values (src/stats/multiple.ts); null where an event has no
 * p for the window (it is then not counted in n).
 * @example eventsAdjustedP(result, '[0,0]').holm[0] // NVDA's CAR[0,0] p after Holm, among 7 events
 */
export function eventsAdjustedP(result: Pick<StudyResult, 'events'>, window: string): { ids: string[]; p: (number | null)[]; holm: (number | null)[]; bh: (number | null)[]; n: number } {
  const p = result.events.map((e) => {
    const v = carRow(e, window)?.p;
    return v !== undefined && Number.isFinite(v) ? v : null;
  });
  return { ids: result.events.map((e) => e.id), p, holm: holmAdjust(p), bh: bhAdjust(p), n: p.filter((v) => v !== null).length };
}

/**
 * One row per event: day 0, the day-0 return, market return, AR with its t and p (the [0,0] CAR
 * statistics), and CAR with p for each requested window. Fractions, not percent. Every p has its
 * Holm and Benjamini–Hochberg adjusted p beside it (`pHolm`, `pBH`; `pHolm[-1,+1]`, `pBH[-1,+1]`),
 * the events of one window being one family (with one event the adjusted p is the raw one).
 */
export function eventSummaryRows(result: StudyResult, windows: readonly string[] = ['[-1,+1]']): Row[] {
  const day0Family = eventsAdjustedP(result, '[0,0]');
  const windowFamilies = windows.map((w) => eventsAdjustedP(result, w));
  return result.events.map((e, i) => {
    const d0 = day0Row(e);
    const c0 = carRow(e, '[0,0]');
    const row: Row = {
      // The id names the security and date; the benchmark goes in the table's caption.
      event: e.id,
      day0: e.day0,
      ret: d0?.ret ?? null,
      marketRet: d0?.marketRet ?? null,
      ar: d0?.ar ?? null,
      t: c0?.t ?? (d0?.sar ?? null),
      p: c0?.p ?? null,
    };
    row.pHolm = day0Family.holm[i];
    row.pBH = day0Family.bh[i];
    windows.forEach((w, k) => {
      const c = carRow(e, w);
      row[`CAR${w}`] = c?.car ?? null;
      row[`p${w}`] = c?.p ?? null;
      row[`pHolm${w}`] = windowFamilies[k].holm[i];
      row[`pBH${w}`] = windowFamilies[k].bh[i];
    });
    row.limitDays = [...e.flags.limitUpDays.map((d) => `${d} up`), ...e.flags.limitDownDays.map((d) => `${d} down`)].join(' ') || null;
    return row;
  });
}

/**
 * Every test of one window as rows: label, statistic, reference distribution, p, its Holm and
 * Benjamini–Hochberg adjusted p among the counted tests of the window (`pHolm`, `pBH`; null for a
 * test not counted, see countedTests), N, note.
 */
export function testRows(result: StudyResult, window: string): Row[] {
  const agg = result.aggregate.find((a) => a.window === window);
  if (!agg) return [];
  const adjusted = batteryAdjustedP(agg.tests);
  return Object.entries(agg.tests).map(([name, t]: [string, TestResult]) => ({
    test: t.label,
    stat: t.stat,
    distribution: t.distribution === 't' && t.df !== null ? `t(${Number.isInteger(t.df) ? t.df : t.df.toFixed(1)})` : t.distribution,
    p: t.p,
    pHolm: adjusted[name]?.holm ?? null,
    pBH: adjusted[name]?.bh ?? null,
    N: t.n,
    note: t.note ?? null,
  }));
}

/**
 * The counted tests of one window (countedTests) as one family: each test's Holm (1979) and
 * Benjamini–Hochberg (1995) adjusted p, keyed like `tests`. A test not counted has no entry.
 * @example batteryAdjustedP(result.aggregate[0].tests).patellZ // { holm: 0.0009, bh: 0.0002 }
 */
export function batteryAdjustedP(tests: Record<string, TestResult>): Record<string, { holm: number; bh: number }> {
  const names = Object.keys(tests).filter((k) => countedTests({ [k]: tests[k] }).length === 1);
  const p = names.map((k) => tests[k].p as number);
  const holm = holmAdjust(p);
  const bh = bhAdjust(p);
  return Object.fromEntries(names.map((k, i) => [k, { holm: holm[i] as number, bh: bh[i] as number }]));
}

/**
 * The tests of one aggregate row that count in "k of N tests reject": those with a statistic and
 * a p-value, except results marked `countable: false` (a bootstrap that could not keep the
 * cross-correlation of clustered events). The battery chart shows exactly these, in this order.
 */
export function countedTests(tests: Record<string, TestResult>): (TestResult & { stat: number; p: number })[] {
  return Object.values(tests).filter(
    (t): t is TestResult & { stat: number; p: number } => t.p !== null && Number.isFinite(t.p) && t.stat !== null && Number.isFinite(t.stat) && t.countable !== false,
  );
}

/**
 * Tests of a window rejecting at `level`, how many count (see countedTests), and the labels of
 * computed tests left out of the count because they overstate significance (with their notes).
 * `rejecting` compares the raw p-values; `holm` and `bh` the p-values adjusted among the counted
 * tests (batteryAdjustedP), which the report's "k of n reject" sentences use.
 */
export function significantTests(
  result: StudyResult,
  window: string,
  level = 0.05,
): { rejecting: string[]; computed: number; excluded: string[]; holm: string[]; bh: string[] } {
  const agg = result.aggregate.find((a) => a.window === window);
  if (!agg) return { rejecting: [], computed: 0, excluded: [], holm: [], bh: [] };
  const counted = countedTests(agg.tests);
  const excluded = Object.values(agg.tests).filter((t) => t.p !== null && t.countable === false).map((t) => t.label);
  const adjusted = batteryAdjustedP(agg.tests);
  const under = (which: 'holm' | 'bh') => Object.entries(adjusted).filter(([, a]) => a[which] < level).map(([k]) => agg.tests[k].label);
  return { rejecting: counted.filter((t) => t.p < level).map((t) => t.label), computed: counted.length, excluded, holm: under('holm'), bh: under('bh') };
}

/**
 * The caveats a reader must see, computed from the result: limit-up/down days inside event windows
 * (censored returns), estimation windows containing another event of the same security, events
 * whose windows overlap in calendar time (clustering), skipped events, missing days, thin data.
 */
export function studyCaveats(result: StudyResult): string[] {
  const out: string[] = [];
  for (const e of result.events) {
    if (e.flags.limitUpDays.length > 0 || e.flags.limitDownDays.length > 0) {
      const days = [...e.flags.limitUpDays.map((d) => `${d} (limit-up)`), ...e.flags.limitDownDays.map((d) => `${d} (limit-down)`)];
      out.push(
        `${e.id}: closed at the daily price limit on ${days.join(', ')}. The observed return is capped there, so the AR on ${days.length === 1 ? 'that day' : 'those days'} is censored: the unconstrained move may have been larger, and some of it can spill into the next session.`,
      );
    }
    if (e.flags.estimationOverlapCount > 0) {
      const more = e.flags.estimationOverlapCount - e.flags.estimationOverlaps.length;
      out.push(`${e.id}: its estimation window ${e.estimation.from}..${e.estimation.to} contains day 0 of ${e.flags.estimationOverlaps.join(', ')}${more > 0 ? ` and ${more} more events` : ''} (same security), which inflates σ and can bias α.`);
    }
    if (e.flags.missingDays.length > 0) out.push(`${e.id}: no return on ${e.flags.missingDays.join(', ')} inside the event window (suspension or data gap; not filled in).`);
    if (e.M < 200) out.push(`${e.id}: only ${e.M} valid estimation returns (thin data; σ and β are less precise).`);
  }
  const clustered = result.events.filter((e) => e.flags.eventWindowOverlapCount > 0).length;
  if (clustered > 1) {
    out.push(
      `${clustered} of ${result.events.length} events have event windows overlapping in calendar time: their abnormal returns are cross-correlated (r̄ = ${result.rbar === null ? 'n/a' : num(result.rbar, 3)}), so prefer the Kolari–Pynnönen adjusted Patell/BMP tests over the unadjusted ones.`,
    );
  }
  for (const s of result.skipped) out.push(`skipped ${s.id}: ${s.reason}.`);
  return out;
}

/** 'NVDA −16.97% (AR −15.20%, t = −5.1, p < 0.0001)' style phrase for one event's day 0. */
export function day0Phrase(e: EventResult): string {
  const d0 = day0Row(e);
  const c0 = carRow(e, '[0,0]');
  if (!d0 || d0.ret === null || d0.ar === null) return `${e.symbol}: no return on ${e.day0}`;
  const p = c0?.p;
  const pText = p === undefined || p === null ? '' : `, ${pPhrase(p)}`;
  return `${e.symbol} ${pct(d0.ret)} (AR ${pct(d0.ar)}, t = ${c0 ? num(c0.t) : '—'}${pText})`;
}

/**
 * The same events under several studies (e.g. the market model and the GARCH model) side by
 * side for one CAR window: per event, for each study `CAR (label)`, `t (label)`, `p (label)` and
 * the model actually fitted (`model (label)`: a GARCH fit that fell back says so).
 * @example modelComparisonRows([{ label: 'market', result: a }, { label: 'garch', result: b }], '[0,0]')
 */
export function modelComparisonRows(groups: readonly { label: string; result: StudyResult }[], window: string): Row[] {
  const ids = [...new Set(groups.flatMap((g) => g.result.events.map((e) => e.id)))];
  return ids.map((id) => {
    const row: Row = { event: id };
    for (const g of groups) {
      const e = g.result.events.find((x) => x.id === id);
      const c = e ? carRow(e, window) : undefined;
      row[`CAR (${g.label})`] = c?.car ?? null;
      row[`t (${g.label})`] = c?.t ?? null;
      row[`p (${g.label})`] = c?.p ?? null;
      row[`model (${g.label})`] = e ? (e.flags.modelFallback ? `${e.model} (fallback)` : e.model) : null;
    }
    return row;
  });
}
