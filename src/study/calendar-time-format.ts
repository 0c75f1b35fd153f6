/** Text for `impact calendar-time`. Plain, deterministic. */
import { num, pct, pValue, stars, textTable } from './format.ts';
import type { CalendarTimeResult } from './calendar-time.ts';

/** The human report of a calendar-time portfolio regression. */
export function formatCalendarTime(r: CalendarTimeResult): string {
  const modelName = r.model === 'ff3' ? 'Fama–French three factors' : 'CAPM';
  const held = r.days.length - r.emptyDays.length;
  const out = [
    `Calendar-time portfolio: ${r.weighting}-weighted, post-event sessions [0, ${r.horizon}], ${modelName}; ${r.from}..${r.to}`,
    `${held} portfolio day(s) in the regression (securities per day: min ${r.securitiesPerDay.min}, mean ${num(r.securitiesPerDay.mean, 1)}, max ${r.securitiesPerDay.max}); ${r.emptyDays.length} day(s) with none`,
    '',
    `Intercept (daily abnormal return) α = ${pct(r.alpha.estimate, 4)}: Newey–West t = ${num(r.alpha.t, 2)} (L=${r.neweyWestLags}, df ${r.alpha.df}), p = ${pValue(r.alpha.p)}${stars(r.alpha.p)}; classical t = ${num(r.alphaClassical.t, 2)}, p = ${pValue(r.alphaClassical.p)}`,
    '',
  ];
  out.push(
    ...textTable(
      ['term', 'estimate', 'NW se', 't', 'p', 'se', 't', 'p'],
      r.regression.coefficients.map((c) => [
        c.name,
        num(c.estimate, c.name === '(intercept)' ? 6 : 3),
        num(c.neweyWest?.se, c.name === '(intercept)' ? 6 : 3),
        num(c.neweyWest?.t, 2),
        `${pValue(c.neweyWest?.p)}${stars(c.neweyWest?.p)}`,
        num(c.classical.se, c.name === '(intercept)' ? 6 : 3),
        num(c.classical.t, 2),
        pValue(c.classical.p),
      ]),
    )
      .split('\n')
      .map((l) => `  ${l}`),
  );
  out.push(`  R² ${num(r.regression.r2, 3)}, T ${r.T}`);
  if (r.emptyDays.length) {
    const shown = r.emptyDays.slice(0, 12).join(', ') + (r.emptyDays.length > 12 ? `, … (${r.emptyDays.length - 12} more; --json lists all)` : '');
    out.push('', `Days with no security: ${shown}`);
  }
  if (r.skipped.length) {
    out.push('', 'Events not held:');
    for (const s of r.skipped) out.push(`  ${s.id}: ${s.reason}`);
  }
  for (const n of r.notes) out.push(`Note: ${n}`);
  out.push('', 'Returns are daily; α is the mean daily abnormal return of the event portfolio. *** p<0.01, ** p<0.05, * p<0.1.');
  return out.join('\n');
}
