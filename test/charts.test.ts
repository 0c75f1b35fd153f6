import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  abnormalReturnBars,
  caarPanel,
  carPath,
  claimEvidence,
  compileToVega,
  exportChart,
  LIMIT_UP_LABEL,
  pngFontOptions,
  pricePathChart,
  renderPng,
  renderSvg,
  testBattery,
  VEGA_LITE_SCHEMA,
  type VegaLiteSpec,
} from '../src/charts/index.ts';
import { relAxisValues, signedPercent } from '../src/charts/spec-base.ts';
import { pPhrase } from '../src/format.ts';
import { arBarsDomain, sharedYDomain } from '../src/charts/from-study.ts';
import { vegaLiteSchemaErrors } from './helpers/vega-schema.ts';
import { dejaVuTextWidth } from '../src/charts/text-metrics.ts';
import { InputError } from '../src/errors.ts';

// ---------- sample inputs (NVDA-like sell-off, Cambricon-like limit-up days) ----------

const nvdaDays = ['2025-01-17', '2025-01-21', '2025-01-22', '2025-01-23', '2025-01-24', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03'];
const nvdaAr = [0.004, 0.015, 0.005, 0.006, -0.02, -0.1697, 0.072, -0.02, 0.02, -0.03, -0.012];
const arInput = {
  title: 'NVDA abnormal returns',
  subtitle: 'market model',
  rows: nvdaDays.map((date, i) => ({ date, rel: i - 5, ar: nvdaAr[i], band: 0.06 })),
};
const cambriconInput = {
  title: 'Cambricon abnormal returns',
  rows: [
    { date: '2024-08-22', rel: -1, ar: 0.01, band: 0.09 },
    { date: '2024-08-23', rel: 0, ar: 0.19, band: 0.09, limitUp: true },
    { date: '2024-08-26', rel: 1, ar: null, band: 0.09, missing: true },
    { date: '2024-08-27', rel: 2, ar: -0.18, band: 0.09, limitDown: true },
  ],
};
const priceInput = {
  title: 'NVIDIA around DeepSeek-R1',
  symbol: 'NVDA',
  currency: 'USD',
  prices: [
    { date: '2025-01-23', close: 147.22 },
    { date: '2025-01-24', close: 142.62 },
    { date: '2025-01-27', close: 118.42 },
    { date: '2025-01-28', close: 128.99 },
  ],
  counterfactual: [
    { date: '2025-01-24', value: 142.62 },
    { date: '2025-01-27', value: 141.9 },
    { date: '2025-01-28', value: 142.3 },
  ],
  events: [{ date: '2025-01-27', label: 'DeepSeek-R1 sell-off' }],
  eventWindow: { from: '2025-01-24', to: '2025-01-28' },
};
const carInput = {
  title: 'NVDA CAR',
  rows: [
    { rel: -1, car: -0.02, lower: -0.1, upper: 0.06 },
    { rel: 0, car: -0.19, lower: -0.3, upper: -0.08 },
    { rel: 1, car: -0.118, lower: -0.25, upper: 0.01 },
  ],
};
const caarInput = {
  title: 'AI chips CAAR',
  perEvent: [
    { id: 'NVDA', rel: 0, car: -0.17 },
    { id: 'NVDA', rel: 1, car: -0.1 },
    { id: 'AVGO', rel: 0, car: -0.15 },
    { id: 'AVGO', rel: 1, car: -0.12 },
  ],
  caar: [
    { rel: 0, caar: -0.16, lower: -0.2, upper: -0.12 },
    { rel: 1, caar: -0.11, lower: -0.16, upper: -0.06 },
  ],
};
const claimInput = {
  title: 'Did Cambricon jump 20%?',
  rows: [
    { date: '2024-08-22', ret: 0.012, high: 0.03, low: -0.01 },
    { date: '2024-08-23', ret: 0.2, high: 0.2, low: 0.04, limitUp: true },
    { date: '2024-08-26', ret: -0.03, high: 0.01, low: -0.05 },
  ],
  claimedMove: 0.2,
  limit: 0.2,
  matchedDate: '2024-08-23',
};
const batteryInput = {
  title: 'Test battery',
  rows: [
    { label: 'Single-event t', stat: -5.54, distribution: 't' as const, df: 238, critical: 1.97, p: 8e-8 },
    { label: 'Generalized sign', stat: -1.2, distribution: 'normal' as const, critical: 1.96, p: 0.23 },
    { label: 'Bootstrap', stat: -2.5, distribution: 'bootstrap' as const, critical: 2.05, p: 0.012 },
  ],
};

const allSpecs = (): Record<string, VegaLiteSpec> => ({
  pricePath: pricePathChart(priceInput),
  abnormalReturns: abnormalReturnBars(arInput),
  abnormalReturnsLimits: abnormalReturnBars(cambriconInput),
  carPath: carPath(carInput),
  caarPanel: caarPanel(caarInput),
  claimEvidence: claimEvidence(claimInput),
  testBattery: testBattery(batteryInput),
});

/** Every inline `values` row anywhere in a spec (top-level and per-layer data). */
function dataRows(spec: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'values' && Array.isArray(v) && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) out.push(...(v as Record<string, unknown>[]));
        else walk(v);
      }
    }
  };
  walk(spec);
  return out;
}

function hasKey(node: unknown, key: string): boolean {
  if (Array.isArray(node)) return node.some((n) => hasKey(n, key));
  if (node && typeof node === 'object') return Object.entries(node).some(([k, v]) => k === key || hasKey(v, key));
  return false;
}

// ---------- specs ----------

describe('chart specs', () => {
  it('every chart compiles with the installed vega-lite without warnings, v5 schema, inline data only', () => {
    for (const [name, spec] of Object.entries(allSpecs())) {
      const { vega, warnings } = compileToVega(spec);
      expect(warnings, name).toEqual([]);
      expect((vega as { marks?: unknown[] }).marks?.length, name).toBeGreaterThan(0);
      const s = spec as unknown as Record<string, unknown>;
      expect(s.$schema, name).toBe(VEGA_LITE_SCHEMA);
      expect(VEGA_LITE_SCHEMA).toBe('https://vega.github.io/schema/vega-lite/v5.json');
      expect(s.width, name).toBeGreaterThanOrEqual(720);
      expect(s.width, name).toBeLessThanOrEqual(760);
      expect(hasKey(spec, 'url'), `${name} must not load data from a URL`).toBe(false);
      expect((s.config as { font: string }).font).toMatch(/^DejaVu Sans,/);
    }
  });

  it('every chart validates against the vega-lite JSON schema (node_modules/vega-lite/build/vega-lite-schema.json)', () => {
    const specs = { ...allSpecs(), sharedAr: abnormalReturnBars({ ...arInput, yDomain: [-0.2, 0.1] }), caarNoEvents: caarPanel({ ...caarInput, perEvent: [] }) };
    for (const [name, spec] of Object.entries(specs)) expect(vegaLiteSchemaErrors(spec), name).toEqual([]);
  });

  it('legends show only what is drawn, each entry drawn like its mark', () => {
    const legendOf = (spec: unknown, field: string) => {
      const found: Record<string, unknown>[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          const n = node as Record<string, unknown>;
          if (n.field === field && n.legend) found.push(n);
          Object.values(n).forEach(walk);
        }
      };
      walk(spec);
      return found;
    };
    // AR bars with no day outside the band: the legend does not list 'AR outside 95% band'.
    const quiet = abnormalReturnBars({ ...arInput, rows: arInput.rows.map((r) => ({ ...r, ar: r.ar / 10 })) });
    expect((legendOf(quiet, 'status')[0].legend as { values: string[] }).values).toEqual(['AR within 95% band', '±1.96·S prediction band']);
    // The claim chart's intraday range is a thin vertical rule, and so is its legend symbol.
    const range = legendOf(claimEvidence(claimInput), 'rangeName')[0];
    expect((range.legend as { symbolType: string }).symbolType).toBe('M0,-1L0,1');
    const colour = JSON.stringify(legendOf(claimEvidence(claimInput), 'role')[0]);
    expect(colour).not.toContain('intraday');
    // CAAR panel: colour, width and opacity of both lines come from one field, so the one legend
    // draws the thin faint event lines and the thick CAAR line as they are drawn.
    const series = legendOf(caarPanel(caarInput), 'series');
    const byChannel = Object.fromEntries(['#8a8a8a', 1.2, 0.45].map((v, i) => [i, v]));
    const ranges = series.map((e) => (e.scale as { range: unknown[] }).range);
    expect(ranges).toContainEqual([byChannel[0], '#1f4e79']);
    expect(ranges).toContainEqual([1.2, 3.5]);
    expect(ranges).toContainEqual([0.45, 1]);
    expect(JSON.stringify(caarPanel(caarInput))).not.toMatch(/"strokeWidth":\s*[\d.]+,\s*"opacity"/); // no fixed mark widths that the legend would not show
    // The test battery lists only the p-value classes that occur.
    const allSignificant = testBattery({ ...batteryInput, rows: batteryInput.rows.map((r) => ({ ...r, p: 0.001 })) });
    expect((legendOf(allSignificant, 'significance')[0].legend as { values: string[] }).values).toEqual(['p < 0.05']);
  });

  it('small multiples share one y-scale when given one domain', () => {
    const domain = arBarsDomain([
      { ar: [{ ar: -0.17, sd: 0.03 }, { ar: 0.01, sd: 0.03 }] },
      { ar: [{ ar: 0.05, sd: 0.01 }, { ar: null, sd: null }] },
    ] as unknown as Parameters<typeof arBarsDomain>[0]);
    // Independent: the lowest value is the −17% AR, the highest the +1.96·0.03 band edge.
    const lo = -0.17;
    const hi = 1.959963984540054 * 0.03;
    expect(domain[0]).toBeCloseTo(lo - 0.08 * (hi - lo), 12);
    expect(domain[1]).toBeCloseTo(hi + 0.08 * (hi - lo), 12);
    const spec = JSON.stringify(abnormalReturnBars({ ...arInput, yDomain: domain }));
    expect(spec).toContain(`"scale":{"domain":[${domain[0]},${domain[1]}],"nice":false}`);
    expect(() => abnormalReturnBars({ ...arInput, yDomain: [0.1, -0.1] })).toThrow(/yDomain must be \[low, high\]/);
    const d = sharedYDomain([0.02, null, 0.05]);
    expect(d[0]).toBeCloseTo(-0.004, 15);
    expect(d[1]).toBeCloseTo(0.054, 15);
  });

  it('is deterministic: same input, same JSON bytes', () => {
    const a = JSON.stringify(allSpecs());
    const b = JSON.stringify(allSpecs());
    expect(a).toBe(b);
  });

  it('percent axes use the .1% format; relative-day and temporal axes are labelled', () => {
    for (const name of ['abnormalReturns', 'carPath', 'caarPanel', 'claimEvidence']) {
      expect(JSON.stringify(allSpecs()[name]), name).toContain('"format":".1%"');
    }
    const ar = JSON.stringify(abnormalReturnBars(arInput));
    expect(ar).toContain('"title":"Abnormal return (%)"');
    expect(ar).toContain('"title":"Trading days relative to day 0"');
    // Dates on UTC scales so that no time zone shifts an ISO date.
    const price = JSON.stringify(pricePathChart(priceInput));
    expect(price).toContain('"type":"temporal","scale":{"type":"utc"}');
    expect(JSON.stringify(claimEvidence(claimInput))).toContain("utcFormat(toDate(datum.value), '%b %d')");
  });

  it('abnormalReturnBars carries every AR and band and flags days outside the band', () => {
    const rows = dataRows(abnormalReturnBars(arInput)).filter((r) => 'ar' in r);
    expect(rows).toHaveLength(nvdaDays.length);
    for (let i = 0; i < nvdaDays.length; i++) {
      const row = rows.find((r) => r.rel === i - 5)!;
      expect(row.date).toBe(nvdaDays[i]);
      expect(row.ar).toBe(nvdaAr[i]);
      expect(row.lower).toBe(-0.06);
      expect(row.upper).toBe(0.06);
      // Independent rule: outside the 95% band iff |AR| > 1.96·S.
      expect(row.status).toBe(Math.abs(nvdaAr[i]) > 0.06 ? 'AR outside 95% band' : 'AR within 95% band');
    }
    // Day 0 (−16.97%) and day +1 (+7.2%) are the only ones outside ±6%.
    expect(rows.filter((r) => r.status === 'AR outside 95% band').map((r) => r.rel)).toEqual([0, 1]);
  });

  it('abnormalReturnBars marks limit days and missing days with legend entries', () => {
    const spec = abnormalReturnBars(cambriconInput);
    const json = JSON.stringify(spec);
    expect(json).toContain('"domain":["limit-up close (return censored)","limit-down close (return censored)","no price (missing)"]');
    const rows = dataRows(spec).filter((r) => 'marker' in r);
    expect(rows.find((r) => r.rel === 0)!.marker).toBe(LIMIT_UP_LABEL);
    expect(rows.find((r) => r.rel === 1)!.ar).toBeNull();
    // No limit days: no marker legend at all.
    expect(JSON.stringify(abnormalReturnBars(arInput))).not.toContain('censored');
  });

  it('pricePathChart holds closes, the counterfactual, events and the window', () => {
    const rows = dataRows(pricePathChart(priceInput));
    expect(rows.filter((r) => r.series === 'NVDA close').map((r) => r.value)).toEqual([147.22, 142.62, 118.42, 128.99]);
    expect(rows.filter((r) => r.series === 'Model-implied path (no event)').map((r) => r.value)).toEqual([142.62, 141.9, 142.3]);
    expect(rows.some((r) => r.label === 'DeepSeek-R1 sell-off' && r.date === '2025-01-27')).toBe(true);
    expect(rows.some((r) => r.from === '2025-01-24' && r.to === '2025-01-28')).toBe(true);
    expect(JSON.stringify(pricePathChart(priceInput))).toContain('"title":"Close (USD)"');
  });

  it('carPath and caarPanel hold their paths and bands', () => {
    const car = dataRows(carPath(carInput));
    expect(car.some((r) => r.rel === 0 && r.car === -0.19 && r.lower === -0.3 && r.upper === -0.08)).toBe(true);
    const caar = caarPanel(caarInput);
    const rows = dataRows(caar);
    expect(rows.filter((r) => r.id === 'AVGO').map((r) => r.car)).toEqual([-0.15, -0.12]);
    expect(rows.some((r) => r.rel === 1 && r.caar === -0.11)).toBe(true);
    expect(JSON.stringify(caar)).toContain('Individual events (N = 2)');
  });

  it('claimEvidence draws the claim, ±limit and highlights the matched day', () => {
    const spec = claimEvidence(claimInput);
    const rows = dataRows(spec);
    expect(rows.some((r) => r.y === 0.2 && r.label === 'claimed +20.0%')).toBe(true);
    expect(rows.some((r) => r.y === 0.2 && r.label === 'price limit +20.0%')).toBe(true);
    expect(rows.some((r) => r.y === -0.2 && r.label === 'price limit \u221220.0%')).toBe(true);
    const days = rows.filter((r) => 'ret' in r);
    expect(days.filter((r) => r.role === 'matched day').map((r) => r.date)).toEqual(['2024-08-23']);
    // One band per trading day: the x axis is ordinal on the date, so weekends take no room.
    expect(JSON.stringify(spec)).toContain('"field":"date","type":"ordinal","sort":"ascending"');
    expect(JSON.stringify(spec)).not.toContain('temporal');
    // Without a limit there are no limit lines.
    expect(JSON.stringify(claimEvidence({ ...claimInput, limit: null }))).not.toContain('price limit');
  });

  it('testBattery keeps the input order, colours by p < 0.05 and shows ±critical', () => {
    const spec = testBattery(batteryInput);
    const rows = dataRows(spec).filter((r) => 'stat' in r);
    expect(rows.map((r) => r.row)).toEqual(['Single-event t (t, df = 238)', 'Generalized sign (N(0,1))', 'Bootstrap']);
    expect(rows.map((r) => r.significance)).toEqual(['p < 0.05', 'p ≥ 0.05', 'p < 0.05']);
    expect(rows.map((r) => [r.lo, r.hi])).toEqual([[-1.97, 1.97], [-1.96, 1.96], [-2.05, 2.05]]);
    expect(JSON.stringify(spec)).toContain('"sort":["Single-event t (t, df = 238)","Generalized sign (N(0,1))","Bootstrap"]');
    // p-values print through the one shared formatter: four decimals, '<0.0001' below.
    expect(rows.map((r) => r.pText)).toEqual(batteryInput.rows.map((r) => pPhrase(r.p)));
    const tiny = dataRows(testBattery({ title: 'x', rows: [{ ...batteryInput.rows[0], p: 8e-8 }, { ...batteryInput.rows[1], p: 0.0367 }] })).filter((r) => 'stat' in r);
    expect(tiny.map((r) => r.pText)).toEqual(['p < 0.0001', 'p = 0.0367']);
  });

  it('rejects bad input with InputError naming the row', () => {
    const badAr = { ...arInput, rows: [{ date: '2025-01-27', rel: 0, ar: Number.NaN, band: 0.06 }] };
    expect(() => abnormalReturnBars(badAr)).toThrow(InputError);
    expect(() => abnormalReturnBars(badAr)).toThrow(/rows\[0\] \(2025-01-27\)\.ar/);
    expect(() => abnormalReturnBars({ ...arInput, rows: [] })).toThrow(/non-empty/);
    expect(() => abnormalReturnBars({ ...arInput, rows: [arInput.rows[0], { ...arInput.rows[1], rel: -5 }] })).toThrow(/relative day -5 appears twice/);
    expect(() => pricePathChart({ ...priceInput, prices: [{ date: '2025-02-30', close: 1 }] })).toThrow(/not a calendar date/);
    expect(() => pricePathChart({ ...priceInput, prices: [{ date: '2025-01-27', close: -3 }] })).toThrow(/positive price/);
    expect(() => claimEvidence({ ...claimInput, matchedDate: '2024-09-02' })).toThrow(/matchedDate 2024-09-02/);
    expect(() => carPath({ title: 'x', rows: [{ rel: 0, car: 0, lower: 0.1, upper: -0.1 }] })).toThrow(/lower 0.1 > upper -0.1/);
    expect(() => testBattery({ title: 'x', rows: [{ ...batteryInput.rows[0], p: 1.5 }] })).toThrow(/p must be in \[0, 1\]/);
  });

  it('helpers: signed percents, relative-day tick thinning, DejaVu widths', () => {
    expect(signedPercent(0.2)).toBe('+20.0%');
    expect(signedPercent(-0.1697)).toBe('\u221217.0%');
    expect(relAxisValues([-5, 0, 5])).toBeUndefined();
    const wide = Array.from({ length: 61 }, (_, i) => i - 30);
    expect(relAxisValues(wide)).toEqual([-30, -25, -20, -15, -10, -5, 0, 5, 10, 15, 20, 25, 30]);
    // DejaVu Sans has tabular (equal-width) digits; widths scale linearly with size and add up.
    const digit = dejaVuTextWidth('0', 12);
    for (const d of '123456789') expect(dejaVuTextWidth(d, 12)).toBeCloseTo(digit, 10);
    expect(dejaVuTextWidth('mm', 12)).toBeCloseTo(2 * dejaVuTextWidth('m', 12), 10);
    expect(dejaVuTextWidth('Wi', 24)).toBeCloseTo(2 * dejaVuTextWidth('Wi', 12), 10);
    expect(dejaVuTextWidth('i', 12)).toBeLessThan(dejaVuTextWidth('W', 12));
    expect(dejaVuTextWidth('Abc', 12, true)).toBeGreaterThan(dejaVuTextWidth('Abc', 12));
  });
});

// ---------- rendering (kept few: each render costs ~0.1–0.3 s) ----------

describe('rendering', () => {
  it('renderSvg: an <svg> with the title, escaped markup, legend text, identical bytes twice', async () => {
    const spec = abnormalReturnBars({ ...cambriconInput, title: 'Cambricon <script>alert(1)</script> & co' });
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Cambricon &lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('>limit-up close (return censored)</text>');
    expect(svg).toContain('>Abnormal return (%)</text>');
    expect(svg).toMatch(/>19\.0%|>20\.0%/); // percent tick labels
    expect(await renderSvg(spec)).toBe(svg);
  });

  it('a title longer than the chart is cut with an ellipsis and does not shrink the plot', async () => {
    const plotWidth = (svg: string) => Number(/class="background"[^>]*d="M0\.5,0\.5h([\d.]+)/.exec(svg)![1]);
    const short = await renderSvg(carPath(carInput));
    const long = await renderSvg(carPath({ ...carInput, title: `NVDA ${'very '.repeat(40)}long title` }));
    expect(long).toContain('…');
    expect(plotWidth(long)).toBe(plotWidth(short));
    expect(plotWidth(short)).toBeGreaterThan(600);
  });

  it('dates do not shift with the process time zone', async () => {
    const spec = claimEvidence(claimInput);
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Shanghai';
      const east = await renderSvg(spec);
      process.env.TZ = 'America/Los_Angeles';
      const west = await renderSvg(spec);
      expect(west).toBe(east);
      expect(east).toContain('>Aug 23</text>');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('renderPng: PNG signature, requested width, identical bytes twice, DejaVu fonts loaded explicitly', async () => {
    const svg = await renderSvg(testBattery(batteryInput));
    const png = renderPng(svg, { width: 1000 });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(1000); // IHDR width
    expect(renderPng(svg, { width: 1000 }).equals(png)).toBe(true);
    const svgWidth = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)![1]);
    expect(renderPng(svg).readUInt32BE(16)).toBe(svgWidth);
    if (existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')) {
      expect(pngFontOptions()).toMatchObject({ loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' });
    }
    expect(() => renderPng(svg, { width: 0 })).toThrow(InputError);
  });

  it('exportChart writes spec, SVG and PNG atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'charts-test-'));
    try {
      const spec = carPath(carInput);
      const out = await exportChart(spec, join(dir, 'nested'), 'nvda-car', { pngWidth: 400 });
      expect(out.specPath).toBe(join(dir, 'nested', 'nvda-car.vl.json'));
      expect(JSON.parse(readFileSync(out.specPath, 'utf8'))).toEqual(spec);
      expect(readFileSync(out.svgPath, 'utf8').startsWith('<svg')).toBe(true);
      expect(readFileSync(out.pngPath).readUInt32BE(16)).toBe(400);
      expect(readdirSync(join(dir, 'nested')).sort()).toEqual(['nvda-car.png', 'nvda-car.svg', 'nvda-car.vl.json']);
      await expect(exportChart(spec, dir, '../escape')).rejects.toThrow(InputError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
