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
