/**
 * The test battery at a glance: each test's statistic as a dot against its own two-sided 5%
 * critical values, so "outside the grey interval" reads as "significant at 5%".
 */
import { InputError } from '../errors.ts';
import { pPhrase } from '../format.ts';
import { PALETTE } from './theme.ts';
import { legendEntry } from './abnormal-returns.ts';
import { checkFinite, checkRows, checkText, specFrame } from './spec-base.ts';
import type { TestBatteryInput, TestDistribution, VegaLiteSpec } from './types.ts';

const CHART = 'testBattery';
const SIGNIFICANT = 'p < 0.05';
const NOT_SIGNIFICANT = 'p ≥ 0.05';
const REGION = '±critical value (two-sided 5%)';

function distributionLabel(d: TestDistribution, df: number | null | undefined): string {
  switch (d) {
    case 'normal':
      return 'N(0,1)';
    case 't':
      return df === null || df === undefined ? 't' : `t, df = ${Number.isInteger(df) ? df : df.toFixed(1)}`;
    case 'exact':
      return 'exact';
    case 'bootstrap':
      return 'bootstrap';
  }
}

/** 'Corrado rank (N(0,1))'; the distribution is not repeated when the label already names it. */
function rowLabel(label: string, d: TestDistribution, df: number | null | undefined): string {
  const dist = distributionLabel(d, df);
  return label.toLowerCase().includes(dist.toLowerCase()) ? label : `${label} (${dist})`;
}

/**
 * Dot plot, one row per test (in input order): a grey interval from −critical to +critical with
 * tick marks at its ends, the statistic as a dot coloured by p < 0.05, and the p-value beside it.
 * Row labels name the reference distribution, e.g. 'BMP t (t, df = 29)'.
 */
export function testBattery(input: TestBatteryInput): VegaLiteSpec {
  checkText(CHART, 'title', input.title);
  const rows = checkRows(CHART, 'rows', input.rows).map((r, i) => {
    const label = checkText(CHART, `rows[${i}].label`, r.label);
    const where = `rows[${i}] (${label})`;
    const stat = checkFinite(CHART, `${where}.stat`, r.stat);
    const critical = checkFinite(CHART, `${where}.critical`, r.critical);
    if (critical <= 0) throw new InputError(`${CHART}: ${where}.critical must be positive (the two-sided 5% value), got ${critical}`);
    const p = checkFinite(CHART, `${where}.p`, r.p);
    if (p < 0 || p > 1) throw new InputError(`${CHART}: ${where}.p must be in [0, 1], got ${p}`);
    if (!['normal', 't', 'exact', 'bootstrap'].includes(r.distribution)) {
      throw new InputError(`${CHART}: ${where}.distribution must be normal, t, exact or bootstrap, got ${String(r.distribution)}`);
    }
    if (r.df !== undefined && r.df !== null) checkFinite(CHART, `${where}.df`, r.df);
    return {
      label,
      row: rowLabel(label, r.distribution, r.df),
      stat,
      lo: -critical,
      hi: critical,
      critical,
      p,
      pText: pPhrase(p),
      significance: p < 0.05 ? SIGNIFICANT : NOT_SIGNIFICANT,
    };
  });
  const labels = rows.map((r) => r.row);
  if (new Set(labels).size !== labels.length) {
    throw new InputError(`${CHART}: two rows have the same label and distribution: ${labels.find((l, i) => labels.indexOf(l) !== i)}`);
  }
  const y = { field: 'row', type: 'nominal', sort: labels, axis: { title: null, labelLimit: 300, labelFontSize: 12 } };
  const tooltip = [
    { field: 'label', type: 'nominal', title: 'Test' },
    { field: 'stat', type: 'quantitative', title: 'Statistic', format: '.3f' },
    { field: 'critical', type: 'quantitative', title: '5% critical value (±)', format: '.3f' },
    { field: 'pText', type: 'nominal', title: 'p-value' },
  ];
  const fillScale = { domain: [SIGNIFICANT, NOT_SIGNIFICANT], range: [PALETTE.highlight, PALETTE.bar] };
  // Only the p-value classes that occur are listed, each as the dot it labels.
  const shownClasses = [SIGNIFICANT, NOT_SIGNIFICANT].filter((c) => rows.some((r) => r.significance === c));
  const region = legendEntry('regionName', REGION, '#c8c8c8', { symbolType: 'stroke', symbolStrokeWidth: 7 });
  const layers = [
    {
      transform: [region.transform],
      mark: { type: 'rule', strokeWidth: 7, strokeCap: 'butt' },
      encoding: {
        y,
        x: { field: 'lo', type: 'quantitative' },
        x2: { field: 'hi' },
        stroke: region.encoding,
        tooltip,
      },
    },
    ...(['lo', 'hi'] as const).map((end) => ({
      mark: { type: 'tick', color: '#777777', thickness: 2, size: 18 },
      encoding: { y, x: { field: end, type: 'quantitative' }, tooltip },
    })),
    {
      data: { values: [{ x: 0 }] },
      mark: { type: 'rule', color: '#444444', strokeWidth: 1 },
      encoding: { x: { field: 'x', type: 'quantitative' } },
    },
    {
      mark: { type: 'point', filled: true, size: 130, opacity: 1, stroke: 'white', strokeWidth: 1 },
      encoding: {
        y,
        x: {
          field: 'stat',
          type: 'quantitative',
          // Padding keeps the p-value labels of extreme dots inside the plot.
          scale: { padding: 36 },
          axis: { title: 'Test statistic (dots) vs ±5% critical value (grey)', format: '.1f' },
        },
        fill: { field: 'significance', type: 'nominal', scale: fillScale, legend: { title: null, symbolType: 'circle', symbolStrokeColor: 'white', symbolStrokeWidth: 1, values: shownClasses } },
        tooltip,
      },
    },
    {
      mark: { type: 'text', align: 'center', baseline: 'bottom', dy: -9, fontSize: 11, color: '#333333' },
      encoding: { y, x: { field: 'stat', type: 'quantitative' }, text: { field: 'pText' } },
    },
  ];
  const height = Math.max(260, 150 + 38 * rows.length);
  return { ...specFrame(input.title, input.subtitle, height), data: { values: rows }, layer: layers } as VegaLiteSpec;
}
