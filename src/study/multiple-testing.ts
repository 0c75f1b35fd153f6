/**
 * Adjusted p-values for the families of tests a study report shows at once, for the report and
 * CLI to print beside the raw ones and to word "k of n reject" on (src/stats/multiple.ts holds the
 * Holm and Benjamini–Hochberg formulas).
 *
 * Families: every day of the event window (one multi-event test's daily p), every CAR window
 * (one test's window p), and every event's own CAR t within one window.
 */
import { multipleTesting, type MultipleTestingSummary } from '../stats/multiple.ts';
import type { StudyResult } from './types.ts';
import { batteryAdjustedP, eventsAdjustedP } from './summaries.ts';

/** Adjusted p-values of a study in `impact event --json` (the `adjustedP` block). */
export interface AdjustedPValues {
  /** Per CAR window: each counted test's Holm and BH p among the window's counted tests (the family "k of n tests reject" counts). */
  tests: { window: string; n: number; holm: Record<string, number>; bh: Record<string, number> }[];
  /** Per CAR window: each event's Holm and BH p among the window's events, keyed by event id (absent for a streamed summary). */
  events?: { window: string; n: number; holm: Record<string, number | null>; bh: Record<string, number | null> }[];
}

/**
 * The Holm and Benjamini–Hochberg adjusted p-values a report shows beside the raw ones: the
 * counted tests of each window, and (with the events) each window's events.
 * @example adjustedPValues(result).events[1].holm['NVDA@2025-01-27']
 */
export function adjustedPValues(result: Pick<StudyResult, 'aggregate'> & Partial<Pick<StudyResult, 'events'>>): AdjustedPValues {
  const tests = result.aggregate.map((a) => {
    const adj = batteryAdjustedP(a.tests);
    const names = Object.keys(adj);
    return { window: a.window, n: names.length, holm: Object.fromEntries(names.map((k) => [k, adj[k].holm])), bh: Object.fromEntries(names.map((k) => [k, adj[k].bh])) };
  });
  if (!result.events) return { tests };
  const all = result.events;
  const events = result.aggregate.map((a) => {
    const f = eventsAdjustedP({ events: all }, a.window);
    return { window: a.window, n: f.n, holm: Object.fromEntries(f.ids.map((id, i) => [id, f.holm[i]])), bh: Object.fromEntries(f.ids.map((id, i) => [id, f.bh[i]])) };
  });
  return { tests, events };
}

/** One family: labels of its members beside the raw, Holm and BH p-values and the summary. */
export interface AdjustedFamily extends MultipleTestingSummary {
  family: string;
  labels: string[];
}

/**
 * The three families of a study for one multi-event test (`test` is a key of
 * `aggregate[].tests`, e.g. 'patellZ'), and for each CAR window the family of per-event t tests.
 * @example
 * const fam = studyMultipleTesting(result, 'patellZ');
 * fam.daily.sentence // '1 of 11 reject at 5% after Holm (FWER); 2 of 11 after Benjamini–Hochberg (FDR); 3 unadjusted'
 */
export function studyMultipleTesting(
  result: StudyResult,
  test = 'crossSectionalT',
  alpha = 0.05,
): { daily: AdjustedFamily; windows: AdjustedFamily; events: AdjustedFamily[] } {
  const family = (name: string, labels: string[], p: (number | null)[]): AdjustedFamily => ({ family: name, labels, ...multipleTesting(p, alpha) });
  const daily = family(
    `${test}, each day of the event window`,
    result.daily.map((d) => `day ${d.rel}`),
    result.daily.map((d) => d.tests[test]?.p ?? null),
  );
  const windows = family(
    `${test}, each CAR window`,
    result.aggregate.map((a) => a.window),
    result.aggregate.map((a) => a.tests[test]?.p ?? null),
  );
  const events = result.parameters.carWindows.map((_, w) => {
    const label = result.events[0]?.car[w]?.window ?? `window ${w + 1}`;
    return family(
      `each event's CAR${label} t`,
      result.events.map((e) => e.id),
      result.events.map((e) => (Number.isFinite(e.car[w]?.p) ? e.car[w].p : null)),
    );
  });
  return { daily, windows, events };
}
