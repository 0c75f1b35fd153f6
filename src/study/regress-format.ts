/** Text for `impact regress`: the second-stage regressions and subgroup CAARs. Plain, deterministic. */
import type { RegressionFit, StandardErrorRow } from '../stats/regression.ts';
import { num, pct, pValue, stars, textTable } from './format.ts';
import type { CarRegression, SubgroupCaar } from './regress.ts';

const seCells = (s: StandardErrorRow | null, digits: number): string[] =>
  s === null ? ['—', '—', '—'] : [num(s.se, digits), num(s.t, 2), `${pValue(s.p)}${stars(s.p)}`];

function fitTable(title: string, fit: RegressionFit, digits: number): string {
  const out = [`${title}: N=${fit.n}, coefficients=${fit.k}, df=${fit.df}, R²=${num(fit.r2, 3)}, adj. R²=${num(fit.adjustedR2, 3)}`];
  const clustered = fit.clusterCount !== null;
  const header = ['term', 'estimate', 'se', 't', 'p', 'HC1 se', 't', 'p', 'HC3 se', 't', 'p', ...(clustered ? [`clustered se (G=${fit.clusterCount})`, 't', 'p'] : [])];
  const rows = fit.coefficients.map((c) => [
    c.name,
    num(c.estimate, digits),
    ...seCells(c.classical, digits),
    ...seCells(c.hc1, digits),
    ...seCells(c.hc3, digits),
    ...(clustered ? seCells(c.clustered, digits) : []),
  ]);
  out.push(...textTable(header, rows).split('\n').map((l) => `  ${l}`));
  for (const n of fit.notes) out.push(`  Note: ${n}`);
  return out.join('\n');
}

/** The human report of {@link regressCars}. */
export function formatCarRegression(reg: CarRegression): string {
  const dep = reg.dependent === 'car' ? `CAR${reg.window}` : `SCAR${reg.window}`;
  const digits = reg.dependent === 'car' ? 5 : 3;
  const out = [
    `${dep} regressed on ${reg.terms.map((t) => t.name).join(', ')} — ${reg.used.length} event(s) used, ${reg.excluded.length} excluded; clusters by ${reg.cluster === 'date' ? 'day 0' : 'security'}`,
  ];
  for (const [col, base] of Object.entries(reg.baselines)) out.push(`Baseline of '${col}': ${base} (each dummy is the difference from it)`);
  out.push('', fitTable('OLS', reg.ols, digits));
  if (reg.wls) out.push('', fitTable('WLS (weights 1/σ²_CAR)', reg.wls, digits));
  if (reg.excluded.length) {
    out.push('', 'Excluded events:');
    for (const e of reg.excluded) out.push(`  ${e.id}: ${e.reason}`);
  }
  for (const n of reg.notes) out.push(`Note: ${n}`);
  out.push('', 'p two-sided; t with n−k df (classical, HC1, HC3) and G−1 df (clustered). *** p<0.01, ** p<0.05, * p<0.1.');
  return out.join('\n');
}

/** The human report of {@link subgroupCaar}. */
export function formatSubgroupCaar(s: SubgroupCaar): string {
  const out = [`CAAR${s.window} by '${s.by}' (baseline ${s.baseline})`];
  out.push(
    ...textTable(
      ['level', 'N', 'CAAR', 't', 'p'],
      s.groups.map((g) => [g.level, String(g.N), pct(g.caar), num(g.test.stat, 2), `${pValue(g.test.p)}${stars(g.test.p)}`]),
    )
      .split('\n')
      .map((l) => `  ${l}`),
  );
  out.push('', `Differences from ${s.baseline}:`);
  out.push(
    ...textTable(
      ['level', 'difference', 'Welch t', 'df', 'p', 'rank-sum z', 'p', 'p from'],
      s.comparisons.map((c) => [
        c.level,
        pct(c.difference),
        num(c.welch.stat, 2),
        num(c.welch.df, 1),
        `${pValue(c.welch.p)}${stars(c.welch.p)}`,
        num(c.rankSum.stat, 2),
        `${pValue(c.rankSum.p)}${stars(c.rankSum.p)}`,
        c.rankSum.distribution,
      ]),
    )
      .split('\n')
      .map((l) => `  ${l}`),
  );
  for (const c of s.comparisons) for (const t of [c.welch, c.rankSum]) if (t.stat === null && t.note) out.push(`  Note (${c.level}, ${t.label}): ${t.note}`);
  if (s.excluded.length) {
    out.push('', 'Excluded events:');
    for (const e of s.excluded) out.push(`  ${e.id}: ${e.reason}`);
  }
  return out.join('\n');
}
