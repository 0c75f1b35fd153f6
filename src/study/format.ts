/**
 * Human-readable text for a StudyResult: what `impact event` prints without --json.
 * Plain strings, deterministic, no colours.
 */
import { fixed, formatPValue, signedPercent } from '../format.ts';
import type { StudyResult } from './types.ts';

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

/** The full human report of a study. */
export function formatStudy(result: StudyResult): string {
  const out: string[] = [];
  const p = result.parameters;
  out.push(
    `Event study: ${p.model} model, estimation [${p.estimationWindow.join(', ')}], event window [${p.eventWindow.join(', ')}], ` +
      `${result.events.length} event(s) studied, ${result.skipped.length} skipped`,
  );
  for (const e of result.events) {
    out.push('');
    out.push(`■ ${e.id}: ${e.symbol} (${e.name}) vs ${e.market ?? 'factors'} — day 0 ${e.day0}`);
    out.push(`  ${e.day0Reason}`);
    out.push(
      `  estimation ${e.estimation.from}..${e.estimation.to}: M=${e.M}, alpha=${num(e.alpha, 5)}, beta=${num(e.beta, 3)}, ` +
        `sigma=${num(e.sigma * 100)}%, R²=${num(e.r2, 3)}`,
    );
    out.push(
      textTable(
        ['rel', 'date', 'return', 'market', 'AR', 'SAR', 'flag'],
        e.ar.map((d) => [
          String(d.rel),
          d.date,
          pct(d.ret),
          pct(d.marketRet),
          pct(d.ar),
          num(d.sar),
          d.limitUp ? 'limit-up (censored)' : d.limitDown ? 'limit-down (censored)' : d.ar === null ? 'missing' : '',
        ]),
      )
        .split('\n')
        .map((l) => '  ' + l)
        .join('\n'),
    );
    out.push(
      textTable(
        ['window', 'CAR', 'se', 't', 'df', 'p', '', 'BHAR'],
        e.car.map((c) => [c.window, pct(c.car), `${num(c.se * 100)}%`, num(c.t), String(c.df), pValue(c.p), stars(c.p), pct(c.bhar)]),
      )
        .split('\n')
        .map((l) => '  ' + l)
        .join('\n'),
    );
    const warn: string[] = [];
    if (e.flags.limitUpDays.length) warn.push(`limit-up close on ${e.flags.limitUpDays.join(', ')}: the return is censored at the daily limit`);
    if (e.flags.limitDownDays.length) warn.push(`limit-down close on ${e.flags.limitDownDays.join(', ')}: the return is censored at the daily limit`);
    if (e.flags.missingDays.length) warn.push(`no return on ${e.flags.missingDays.join(', ')}`);
    if (e.flags.estimationOverlaps.length) warn.push(`estimation window contains other events of ${e.symbol}: ${e.flags.estimationOverlaps.join(', ')}`);
    for (const w of warn) out.push(`  ! ${w}`);
  }
  if (result.aggregate.length > 0 && result.events.length > 1) {
    out.push('');
    out.push(`Across events (N=${result.events.length}${result.rbar === null ? '' : `, mean residual correlation r̄=${num(result.rbar, 3)}`}):`);
    for (const a of result.aggregate) {
      out.push('');
      out.push(`  CAAR ${a.window} = ${pct(a.caar)} (N=${a.N})`);
      out.push(
        textTable(
          ['test', 'stat', 'p', '', 'df', 'note'],
          Object.values(a.tests).map((t) => [t.label, num(t.stat, 3), pValue(t.p), stars(t.p), t.df === null ? '' : String(t.df), t.note ?? '']),
        )
          .split('\n')
          .map((l) => '    ' + l)
          .join('\n'),
      );
    }
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
