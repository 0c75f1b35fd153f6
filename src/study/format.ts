/**
 * Human-readable text for a StudyResult: what `impact event` prints without --json.
 * Plain strings, deterministic, no colours.
 */
import { fixed, formatPValue, signedPercent } from '../format.ts';
import type { AggregateRow, EventResult, StudyResult } from './types.ts';
import type { StreamSummary } from './run.ts';
import type { Measure } from './measures.ts';
import { batteryAdjustedP, eventsAdjustedP } from './summaries.ts';

/** '−17.04%' / '+3.10%' percent with a true minus sign; '—' for null (the shared signedPercent). */
export const pct = signedPercent;

/** Fixed-digit number with a true minus sign; '—' for null (the shared fixed). */
export const num = fixed;

/** p-value as printed: '<0.0001' below, 4 decimals otherwise (the shared formatPValue). */
export const pValue = formatPValue;

/** Significance stars at 10/5/1%. */
export function stars(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '';
  return p < 0.01 ? '***' : p < 0.05 ? '**' : p < 0.1 ? '*' : '';
}

/**
 * Renders rows as an aligned text table. Numbers (strings starting with a digit,
 * sign or minus) are right-aligned.
 */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const isNumeric = (s: string) => /^[+\-−]?[\d<]/.test(s) || s === '—';
  const line = (cells: string[]) =>
    cells
      .map((c, j) => (isNumeric(c) && j > 0 ? c.padStart(widths[j]) : c.padEnd(widths[j])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * How a measure's values print: returns in percent; log volumes and volatility ratios as plain
 * numbers (an abnormal log volume of 0.89 is a volume e^0.89 = 2.4 times the usual).
 */
function measureText(measure: Measure | undefined) {
  const m = measure ?? 'return';
  if (m === 'return') return { m, title: '', value: pct, columns: ['return', 'market', 'AR'], car: 'CAR', bhar: true };
  const value = (v: number | null | undefined) => num(v, 3);
  if (m === 'volume') return { m, title: 'abnormal log volume, ', value, columns: ['log(1+V)', 'market', 'abn. log vol'], car: 'cum. abn. log vol', bhar: false };
  return { m, title: 'abnormal volatility (AR²/s² − 1), ', value, columns: ['AR²/s²', 'market', 'AV'], car: 'CAV', bhar: false };
}

/** The full human report of a study. */
export function formatStudy(result: StudyResult): string {
  const out: string[] = [];
  const p = result.parameters;
  const mt = measureText(p.measure);
  out.push(
    `Event study: ${mt.title}${p.model} model, estimation [${p.estimationWindow.join(', ')}], event window [${p.eventWindow.join(', ')}], ` +
      `${result.events.length} event(s) studied, ${result.skipped.length} skipped`,
  );
  // With several events, each window's event p-values are one family: Holm and BH beside the raw p.
  const many = result.events.length > 1;
  const families = many ? p.carWindows.map((_, k) => eventsAdjustedP(result, result.events[0].car[k]?.window ?? '')) : [];
  for (const [i, e] of result.events.entries()) {
    out.push('');
    out.push(`■ ${e.id}: ${e.symbol} (${e.name}) vs ${e.market ?? 'factors'} — day 0 ${e.day0}`);
    out.push(`  ${e.day0Reason}`);
    out.push(
      `  estimation ${e.estimation.from}..${e.estimation.to}: M=${e.M}, alpha=${num(e.alpha, 5)}, beta=${num(e.beta, 3)}, ` +
        `sigma=${mt.m === 'return' ? `${num(e.sigma * 100)}%` : num(e.sigma, 4)}, R²=${num(e.r2, 3)}`,
    );
    out.push(
      textTable(
        ['rel', 'date', ...mt.columns.slice(0, 2), mt.columns[2], 'SAR', 'flag'],
        e.ar.map((d) => [
          String(d.rel),
          d.date,
          mt.value(d.ret),
          mt.value(d.marketRet),
          mt.value(d.ar),
          num(d.sar),
          e.flags.noTradeDays?.includes(d.date)
            ? 'no trading'
            : e.flags.limitLockedDays?.includes(d.date)
              ? 'limit-locked (volume censored)'
              : d.limitUp
                ? 'limit-up (censored)'
                : d.limitDown
                  ? 'limit-down (censored)'
                  : d.ar === null
                    ? 'missing'
                    : '',
        ]),
      )
        .split('\n')
        .map((l) => '  ' + l)
        .join('\n'),
    );
    out.push(
      textTable(
        ['window', mt.car, 'se', 't', 'df', 'p', '', ...(many ? ['Holm p', 'BH p'] : []), ...(mt.bhar ? ['BHAR'] : [])],
        e.car.map((c, k) => [
          c.window,
          mt.value(c.car),
          mt.m === 'return' ? `${num(c.se * 100)}%` : num(c.se, 3),
          num(c.t),
          String(c.df),
          pValue(c.p),
          stars(c.p),
          ...(many ? [pValue(families[k]?.holm[i]), pValue(families[k]?.bh[i])] : []),
          ...(mt.bhar ? [pct(c.bhar)] : []),
        ]),
      )
        .split('\n')
        .map((l) => '  ' + l)
        .join('\n'),
    );
    const warn: string[] = [];
    if (e.flags.modelFallback) warn.push(e.flags.modelFallback);
    if (e.flags.limitUpDays.length) warn.push(`limit-up close on ${e.flags.limitUpDays.join(', ')}: the return is censored at the daily limit`);
    if (e.flags.limitDownDays.length) warn.push(`limit-down close on ${e.flags.limitDownDays.join(', ')}: the return is censored at the daily limit`);
    if (e.flags.noTradeDays?.length) warn.push(`no trading on ${e.flags.noTradeDays.join(', ')} (suspended, or a volume of 0): no abnormal volume that day, not a zero volume`);
    if (e.flags.limitLockedDays?.length) warn.push(`locked at the daily limit on ${e.flags.limitLockedDays.join(', ')} (high = low): the volume is censored`);
    const missing = e.flags.missingDays.filter((d) => !e.flags.noTradeDays?.includes(d));
    if (missing.length) warn.push(`no ${mt.m === 'volume' ? 'volume' : 'return'} on ${missing.join(', ')}`);
    if (e.flags.estimationOverlapCount > 0) warn.push(`estimation window contains ${overlapList(e.flags.estimationOverlaps, e.flags.estimationOverlapCount, `other event${e.flags.estimationOverlapCount === 1 ? '' : 's'} of ${e.symbol}`)}`);
    for (const w of warn) out.push(`  ! ${w}`);
  }
  if (result.aggregate.length > 0 && result.events.length > 1) {
    out.push('');
    out.push(`Each event's CAR p-value with its Holm and Benjamini–Hochberg adjusted p among the ${result.events.length} events of its window (columns Holm p, BH p above):`);
    for (const f of families) {
      const w = result.aggregate[families.indexOf(f)]?.window ?? '';
      const at = (v: (number | null)[]) => v.filter((x) => x !== null && x < 0.05).length;
      out.push(`  ${mt.car}${w}: ${at(f.holm)} of ${f.n} events significant at 5% after Holm (FWER), ${at(f.bh)} after Benjamini–Hochberg (FDR), ${at(f.p)} unadjusted`);
    }
    out.push('');
    out.push(`Across events (N=${result.events.length}${rbarText(result)}):`);
    out.push(...aggregateLines(result.aggregate, mt.value));
  }
  if (result.skipped.length) {
    out.push('');
    out.push('Skipped events:');
    for (const s of result.skipped) out.push(`  ${s.id}: ${s.reason}`);
  }
  for (const n of result.notes) out.push(`Note: ${n}`);
  out.push('');
  out.push('Significance: *** p<0.01, ** p<0.05, * p<0.1 (two-sided).');
  return out.join('\n');
}

/** '3 other events of NVDA: a, b, c' (ids listed up to the cap, the count always complete). */
function overlapList(ids: string[], count: number, what: string): string {
  const more = count > ids.length ? `, and ${count - ids.length} more` : '';
  return `${count} ${what}: ${ids.join(', ')}${more}`;
}

/** ', mean residual correlation r̄=0.177' (with its standard error when it was sampled). */
function rbarText(r: Pick<StudyResult, 'rbar' | 'rbarSe' | 'rbarMethod'>): string {
  if (r.rbar === null) return '';
  const se = r.rbarMethod === 'sampled' && r.rbarSe !== null ? ` ± ${num(r.rbarSe, 4)} (sampled pairs)` : '';
  return `, mean residual correlation r̄=${num(r.rbar, 3)}${se}`;
}

/** The CAAR and test-battery table of each window. */
function aggregateLines(aggregate: AggregateRow[], value: (v: number | null | undefined) => string = pct): string[] {
  const out: string[] = [];
  for (const a of aggregate) {
    out.push('');
    out.push(`  ${value === pct ? 'CAAR' : 'mean cumulative abnormal value'} ${a.window} = ${value(a.caar)} (N=${a.N})`);
    // The counted tests of the window are one family: Holm and BH adjusted p beside the raw one.
    const adjusted = batteryAdjustedP(a.tests);
    out.push(
      textTable(
        ['test', 'stat', 'p', '', 'Holm p', 'BH p', 'df', 'note'],
        Object.entries(a.tests).map(([name, t]) => [
          t.label,
          num(t.stat, 3),
          pValue(t.p),
          stars(t.p),
          pValue(adjusted[name]?.holm),
          pValue(adjusted[name]?.bh),
          t.df === null ? '' : Number.isInteger(t.df) ? String(t.df) : t.df.toFixed(1),
          t.note ?? '',
        ]),
      )
        .split('\n')
        .map((l) => '    ' + l)
        .join('\n'),
    );
  }
  return out;
}

/** One line per event: id, day 0, day-0 AR, and the first CAR window's CAR, t and p. */
function eventLines(events: EventResult[], value: (v: number | null | undefined) => string = pct): string[] {
  if (events.length === 0) return [];
  const w = events[0].car[0]?.window ?? '';
  return textTable(
    ['event', 'day 0', value === pct ? 'AR day 0' : 'abnormal day 0', `${value === pct ? 'CAR' : 'cumulative '}${w}`, 't', 'p', ''],
    events.map((e) => {
      const d0 = e.ar.find((d) => d.rel === 0);
      const c = e.car[0];
      return [e.id, e.day0, value(d0?.ar), value(c?.car), num(c?.t), pValue(c?.p), stars(c?.p)];
    }),
  )
    .split('\n')
    .map((l) => '  ' + l);
}

/**
 * What `impact event` prints for many events: the parameters, how many events were studied and
 * skipped, the aggregate per window, the caveats that apply to the whole panel, and (unless only
 * the summary is asked for) the first events and the most abnormal ones.
 */
export function formatSummary(s: StreamSummary, shown: { first: EventResult[]; extreme: EventResult[] } | null): string {
  const p = s.parameters;
  const c = s.counts;
  const mt = measureText(p.measure);
  const out: string[] = [];
  out.push(
    `Event study: ${mt.title}${p.model} model, estimation [${p.estimationWindow.join(', ')}], event window [${p.eventWindow.join(', ')}], ` +
      `${c.studied.toLocaleString('en-US')} event(s) studied, ${c.skipped.toLocaleString('en-US')} skipped`,
  );
  if (c.withEventWindowOverlap > 0) {
    out.push(`  ${c.withEventWindowOverlap.toLocaleString('en-US')} events have event windows overlapping another event's in calendar time (clustering): prefer the Kolari–Pynnönen adjusted tests.`);
  }
  if (c.withEstimationOverlap > 0) {
    out.push(`  ${c.withEstimationOverlap.toLocaleString('en-US')} events have another event of the same security inside their estimation window.`);
  }
  if (s.aggregate.length > 0) {
    out.push('');
    out.push(`Across events (N=${c.studied.toLocaleString('en-US')}${rbarText(s)}):`);
    out.push(...aggregateLines(s.aggregate, mt.value));
  }
  if (shown) {
    out.push('');
    out.push(`First ${shown.first.length} events:`);
    out.push(...eventLines(shown.first, mt.value));
    out.push('');
    out.push(`Most abnormal ${shown.extreme.length} events (largest |t| of the first CAR window):`);
    out.push(...eventLines(shown.extreme, mt.value));
  }
  if (s.skipped.length) {
    // The summary keeps to a few reasons; the full output lists more (--json lists the first 1,000).
    const listed = shown ? 10 : 3;
    out.push('');
    out.push(`Skipped events${c.skipped > listed ? ` (first ${listed} of ${c.skipped.toLocaleString('en-US')})` : ''}:`);
    for (const k of s.skipped.slice(0, listed)) out.push(`  ${k.id}: ${k.reason}`);
  }
  for (const n of s.notes) out.push(`Note: ${n}`);
  out.push('');
  out.push('Significance: *** p<0.01, ** p<0.05, * p<0.1 (two-sided).');
  return out.join('\n');
}
