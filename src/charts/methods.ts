/**
 * Charts of the methods of issue #13, from plain results: abnormal log volume around an event,
 * one statistic under two models side by side (market model vs GARCH), and the cross-sectional
 * regression of CARs (scatter with the fitted line, and each coefficient's t under every kind of
 * standard error against its 5% critical values).
 */
import { InputError } from '../errors.ts';
import { fixed, pPhrase, shortName } from '../format.ts';
import { studentTQuantile } from '../stats/distributions.ts';
import type { CarRegression } from '../study/regress.ts';
import type { StudyResult } from '../study/types.ts';
import { PALETTE } from './theme.ts';
import { checkFinite, checkRows, checkText, relAxisValues, specFrame } from './spec-base.ts';
import { testBattery } from './test-battery.ts';
import type { VegaLiteSpec } from './types.ts';

const REL_TITLE = 'Trading days relative to day 0';

/**
 * Abnormal log volume of every event of a volume study over the event window (one thin line per
 * security) and their mean per day (thick), with a rule at 0 (the estimation-window level). An
 * abnormal log volume v means a volume e^v times the usual (+0.69: twice). Days without trading
 * have no value and break the line.
 * @throws InputError when the result is not a volume study or has no event
 * @example abnormalVolumeChart(volume, 'Abnormal trading volume around 2025-01-27')
 */
export function abnormalVolumeChart(result: StudyResult, title: string): VegaLiteSpec {
  const chart = 'abnormalVolumeChart';
  checkText(chart, 'title', title);
  if (result.parameters.measure !== 'volume') throw new InputError(`${chart}: needs a volume study (measure 'volume'), got measure '${result.parameters.measure ?? 'return'}'`);
  checkRows(chart, 'events', result.events);
  const rows = result.events.flatMap((e) =>
    e.ar.flatMap((d) => (d.ar === null ? [] : [{ security: e.symbol, name: shortName(e.name), rel: d.rel, date: d.date, value: checkFinite(chart, `${e.id} day ${d.rel}`, d.ar), times: Math.exp(d.ar) }])),
  );
  const mean = result.daily.filter((d) => d.N > 0).map((d) => ({ rel: d.rel, value: d.aar, times: Math.exp(d.aar), label: `mean of ${d.N}` }));
  const rels = rows.map((r) => r.rel);
  const x = { field: 'rel', type: 'quantitative', axis: { title: REL_TITLE, tickMinStep: 1, format: 'd', ...(relAxisValues(rels) ? { values: relAxisValues(rels) } : {}) } };
  const y = { field: 'value', type: 'quantitative', axis: { title: 'Abnormal log volume (+0.69 = twice usual)', format: '+.2f' } };
  const tooltip = [
    { field: 'name', type: 'nominal', title: 'Security' },
    { field: 'security', type: 'nominal', title: 'Symbol' },
    { field: 'date', type: 'nominal', title: 'Date' },
    { field: 'value', type: 'quantitative', title: 'Abnormal log volume', format: '+.3f' },
    { field: 'times', type: 'quantitative', title: 'Times the usual volume', format: '.2f' },
  ];
  const model = result.parameters.model === 'market' ? "the benchmark's log volume (market model)" : 'its estimation-window mean';
  return {
    ...specFrame(title, `ln(1 + volume) against ${model}; thin lines: each security, thick: the mean of ${result.events.length}`),
    layer: [
      { data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#444444', strokeWidth: 1 }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      { data: { values: [{ rel: 0 }] }, mark: { type: 'rule', color: PALETTE.event, strokeWidth: 1.2, strokeDash: [4, 3] }, encoding: { x: { field: 'rel', type: 'quantitative' } } },
      {
        data: { values: rows },
        mark: { type: 'line', point: { size: 30 }, strokeWidth: 1.2, opacity: 0.75 },
        encoding: { x, y, color: { field: 'security', type: 'nominal', sort: result.events.map((e) => e.symbol), legend: { title: null } }, detail: { field: 'security' }, tooltip },
      },
      {
        data: { values: mean },
        mark: { type: 'line', color: '#1a1a1a', strokeWidth: 3.5, point: { filled: true, size: 60, color: '#1a1a1a' } },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'label', type: 'nominal', title: 'Mean' },
            { field: 'value', type: 'quantitative', title: 'Abnormal log volume', format: '+.3f' },
            { field: 'times', type: 'quantitative', title: 'Times the usual volume', format: '.2f' },
          ],
        },
      },
    ],
  } as VegaLiteSpec;
}

/**
 * One CAR window's t statistic (CAR / its standard error) of every security under several
 * studies of the same events, as grouped bars: e.g. the market model beside the GARCH model,
 * whose ARs are standardized by the forecast conditional variance. An event whose fit fell back
 * to another model (EventResult.flags.modelFallback) is drawn hatched-light and named in the
 * tooltip. Grey rules at ±1.96.
 * @example modelComparisonChart([{ label: 'market model', result: a }, { label: 'GARCH(1,1)', result: b }], '[0,0]', 'Day-0 t by model')
 */
export function modelComparisonChart(groups: readonly { label: string; result: StudyResult }[], window: string, title: string): VegaLiteSpec {
  const chart = 'modelComparisonChart';
  checkText(chart, 'title', title);
  checkRows(chart, 'groups', groups);
  const labels = groups.map((g, i) => checkText(chart, `groups[${i}].label`, g.label));
  if (new Set(labels).size !== labels.length) throw new InputError(`${chart}: two groups are labelled '${labels.find((l, i) => labels.indexOf(l) !== i)}'`);
  const rows = groups.flatMap((g) =>
    g.result.events.flatMap((e) => {
      const c = e.car.find((x) => x.window === window);
      if (!c || !Number.isFinite(c.t)) return [];
      return [
        {
          security: e.symbol,
          model: g.label,
          t: c.t,
          car: c.car,
          pText: pPhrase(c.p),
          fitted: e.flags.modelFallback ? `${e.model} (fallback: ${e.flags.modelFallback})` : e.model,
          fallback: e.flags.modelFallback ? 'fell back to another model' : 'as asked',
        },
      ];
    }),
  );
  checkRows(chart, `rows with a t for ${window}`, rows);
  const securities = [...new Set(rows.map((r) => r.security))];
  const anyFallback = rows.some((r) => r.fallback !== 'as asked');
  const ts = rows.map((r) => r.t);
  const domain = [Math.min(-1.96, ...ts) - 0.5, Math.max(1.96, ...ts) + 0.5];
  return {
    ...specFrame(title, `t = CAR${window} / its standard error; grey: ±1.96${anyFallback ? '; pale bars: the model fell back (tooltip)' : ''}`),
    layer: [
      { data: { values: [{ y: -1.96 }, { y: 1.96 }] }, mark: { type: 'rule', color: '#9a9a9a', strokeDash: [5, 3] }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      { data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#444444' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      {
        data: { values: rows },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'security', type: 'nominal', sort: securities, axis: { title: null, labelAngle: 0 } },
          xOffset: { field: 'model', type: 'nominal', sort: labels },
          y: { field: 't', type: 'quantitative', scale: { domain, nice: false }, axis: { title: `t of CAR${window}`, format: '.1f' } },
          color: { field: 'model', type: 'nominal', sort: labels, scale: { range: [PALETTE.bar, PALETTE.highlight, PALETTE.claim, PALETTE.model] }, legend: { title: null } },
          opacity: { field: 'fallback', type: 'nominal', scale: { domain: ['as asked', 'fell back to another model'], range: [1, 0.35] }, legend: null },
          tooltip: [
            { field: 'security', type: 'nominal', title: 'Security' },
            { field: 'model', type: 'nominal', title: 'Study' },
            { field: 'fitted', type: 'nominal', title: 'Model fitted' },
            { field: 't', type: 'quantitative', title: 't', format: '.2f' },
            { field: 'car', type: 'quantitative', title: `CAR${window}`, format: '+.2%' },
            { field: 'pText', type: 'nominal', title: 'p-value' },
          ],
        },
      },
    ],
  } as VegaLiteSpec;
}

/**
 * A second-stage regression seen through one numeric regressor: each event's dependent value
 * (CAR or SCAR of the regression's window) against the regressor, labelled by security, with the
 * fitted OLS line at the other regressors' means, y = b₀ + b_j·x + Σ_{k≠j} b_k·x̄_k (its slope is
 * the coefficient b_j). The subtitle gives b_j with its HC1 and clustered t.
 * @throws InputError for a term that is not a numeric regressor of the fit
 * @example carRegressionChart(reg, 'beta', 'CAR[0,0] against beta')
 */
export function carRegressionChart(reg: CarRegression, term: string, title: string, options: { xTitle?: string; percentX?: boolean } = {}): VegaLiteSpec {
  const chart = 'carRegressionChart';
  checkText(chart, 'title', title);
  const t = reg.terms.find((x) => x.name === term);
  if (!t || t.kind !== 'numeric') throw new InputError(`${chart}: '${term}' is not a numeric regressor of this regression (${reg.terms.map((x) => x.name).join(', ')})`);
  const coef = reg.ols.coefficients;
  const b = (name: string) => coef.find((c) => c.name === name)?.estimate ?? 0;
  const points = checkRows(chart, 'points', reg.points).map((p) => ({ security: p.symbol, x: checkFinite(chart, `${p.id}.${term}`, p.x[term]), y: checkFinite(chart, `${p.id} ${reg.dependent}`, p.y) }));
  let level = b('(intercept)');
  for (const other of reg.terms) {
    if (other.name === term) continue;
    level += b(other.name) * (reg.points.reduce((s, p) => s + p.x[other.name], 0) / reg.points.length);
  }
  const xs = points.map((p) => p.x);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const slope = b(term);
  const line = [lo, hi].map((x) => ({ x, y: level + slope * x }));
  const row = coef.find((c) => c.name === term)!;
  const tText = (label: string, s: { t: number | null; p: number | null } | null) => (s && s.t !== null ? `${label} t = ${fixed(s.t)} (${pPhrase(s.p)})` : `${label} —`);
  const dep = `${reg.dependent === 'car' ? 'CAR' : 'SCAR'}${reg.window}`;
  const yAxis = reg.dependent === 'car' ? { title: dep, format: '+.0%' } : { title: dep, format: '.1f' };
  const xAxis = { title: options.xTitle ?? term, format: options.percentX ? '+.0%' : '.2f' };
  return {
    ...specFrame(
      title,
      `OLS, N = ${reg.points.length}: slope ${fixed(slope, 4)}; ${tText('HC1', row.hc1)}, ${tText('clustered', row.clustered)}`,
    ),
    layer: [
      { data: { values: line }, mark: { type: 'line', color: PALETTE.model, strokeDash: [6, 3], strokeWidth: 2 }, encoding: { x: { field: 'x', type: 'quantitative', axis: xAxis, scale: { zero: false, padding: 24 } }, y: { field: 'y', type: 'quantitative', axis: yAxis } } },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 90, color: PALETTE.observed },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          tooltip: [
            { field: 'security', type: 'nominal', title: 'Security' },
            { field: 'x', type: 'quantitative', title: term, format: options.percentX ? '+.2%' : '.3f' },
            { field: 'y', type: 'quantitative', title: dep, format: reg.dependent === 'car' ? '+.2%' : '.2f' },
          ],
        },
      },
      { data: { values: points }, mark: { type: 'text', dx: 8, align: 'left', baseline: 'middle', fontSize: 12, color: '#333333' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'security' } } },
    ],
  } as VegaLiteSpec;
}

/**
 * Every slope of a second-stage regression as t statistics under each kind of standard error
 * (classical, HC1, HC3, clustered; OLS and, when fitted, WLS) against their two-sided 5% critical
 * values (Student t with the row's df), in the test-battery look: a dot outside the grey interval
 * is significant at 5%.
 * @example regressionTestsChart(reg, 'What explains CAR[0,0]?')
 */
export function regressionTestsChart(reg: CarRegression, title: string): VegaLiteSpec {
  const kinds = [
    ['classical', 'classical'],
    ['hc1', 'HC1'],
    ['hc3', 'HC3'],
    ['clustered', `clustered by ${reg.cluster === 'date' ? 'day 0' : 'security'}`],
  ] as const;
  const fits = [['OLS', reg.ols], ...(reg.wls ? [['WLS', reg.wls] as const] : [])] as const;
  const rows = fits.flatMap(([method, fit]) =>
    fit.coefficients
      .filter((c) => c.name !== '(intercept)')
      .flatMap((c) =>
        kinds.flatMap(([key, name]) => {
          const s = c[key];
          if (!s || s.t === null || s.p === null) return [];
          return [{ label: `${c.name}, ${method}, ${name}`, stat: s.t, distribution: 't' as const, df: s.df, critical: studentTQuantile(0.975, s.df), p: s.p }];
        }),
      ),
  );
  return testBattery({ title, subtitle: `${reg.dependent === 'car' ? 'CAR' : 'SCAR'}${reg.window} on ${reg.terms.map((t) => t.name).join(', ')}, N = ${reg.used.length}; slope t under each standard error, grey: ±5% critical values`, rows });
}
