/**
 * Plain-text and JSON views of a claim check: the verdict, the quotable sentence, the evidence
 * table (one row per session of the window), the market-cap comparison, notes and sources.
 * Missing numbers print as empty cells, never NaN.
 */
import { fixed, formatPValue } from '../format.ts';
import { formatMovePct } from './parse.ts';
import { formatMoney } from './explain.ts';
import type { CandidateDay, ClaimCheck } from './types.ts';

/** A row of the evidence table, as text cells, for any table printer. */
export interface EvidenceTableRow {
  mark: string;
  date: string;
  rel: string;
  close: string;
  ret: string;
  high: string;
  low: string;
  market: string;
  ar: string;
  t: string;
  p: string;
  limit: string;
  cap: string;
}

const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '' : formatMovePct(v));
const num = (v: number | null | undefined, d: number) => (v === null || v === undefined || !Number.isFinite(v) ? '' : fixed(v, d));

/** The evidence of a check as text cells; the matched day is marked '*'. */
export function evidenceRows(check: ClaimCheck): EvidenceTableRow[] {
  const inStretch = (d: CandidateDay) => check.stretch !== null && d.date >= check.stretch.from && d.date <= check.stretch.to;
  return check.evidence.map((d) => ({
    mark: d.date === check.matchedDate ? '*' : inStretch(d) ? '+' : '',
    date: d.date,
    rel: fixed(-d.sessionsBeforeReport, 0),
    close: num(d.close, 2),
    ret: pct(d.closeReturn),
    high: pct(d.intradayHigh),
    low: pct(d.intradayLow),
    market: pct(d.marketReturn),
    ar: pct(d.abnormal?.ar),
    t: num(d.abnormal?.t, 2),
    p: d.abnormal ? formatPValue(d.abnormal.p) : '',
    limit: d.limitUp ? 'UP' : d.limitDown ? 'DOWN' : d.touchedUp ? 'touched up' : d.touchedDown ? 'touched down' : '',
    cap: d.marketCap === null ? '' : (d.marketCap / 1e9).toFixed(1),
  }));
}

const COLUMNS: { key: keyof EvidenceTableRow; header: string; right?: boolean }[] = [
  { key: 'mark', header: '' },
  { key: 'date', header: 'date' },
  { key: 'rel', header: 'rel', right: true },
  { key: 'close', header: 'close', right: true },
  { key: 'ret', header: 'return', right: true },
  { key: 'high', header: 'high', right: true },
  { key: 'low', header: 'low', right: true },
  { key: 'market', header: 'market', right: true },
  { key: 'ar', header: 'AR', right: true },
  { key: 't', header: 't', right: true },
  { key: 'p', header: 'p', right: true },
  { key: 'limit', header: 'limit' },
  { key: 'cap', header: 'cap bn', right: true },
];

function table(rows: EvidenceTableRow[]): string {
  const cols = COLUMNS.filter((c) => c.key === 'mark' || c.key === 'date' || rows.some((r) => r[c.key] !== ''));
  const widths = cols.map((c) => Math.max(c.header.length, ...rows.map((r) => r[c.key].length)));
  const line = (cells: string[]) => cells.map((v, i) => (cols[i].right ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(cols.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => r[c.key])))].join('\n') + '\n';
}

/**
 * The human-readable report of one check.
 * @example formatClaimCheck(check) // 'CONFIRMED  688256.SS ... \n<sentence>\n\n<table>...'
 */
export function formatClaimCheck(check: ClaimCheck): string {
  const { claim, security } = check;
  const out: string[] = [];
  const label = claim.id ? `[${claim.id}] ` : '';
  out.push(
    `${label}${check.verdict.toUpperCase()}  ${security.symbol} ${security.name}: claimed ${formatMovePct(claim.move)} (${claim.basis}) reported ${claim.reportedOn}` +
      (claim.marketCap.length > 0 ? `, market cap ${claim.marketCap.map((m) => formatMoney(m, 2)).join(' / ')}` : ''),
  );
  out.push(`move: ${check.moveVerdict}${check.priceLimitBound ? ` (beyond the ±${Number((check.priceLimitBound.limit * 100).toFixed(2))}% daily price limit)` : ''}` +
    (check.marketCap ? `; market cap: ${check.marketCap.status}` : '') + `; verdict: ${check.verdict}`);
  out.push(check.explanation);
  out.push('');
  const match =
    check.matchedDate === null
      ? 'no match'
      : `${check.matchRule === 'closest' ? 'closest' : 'matched'}: ${check.stretch ? `${check.stretch.from}..${check.stretch.to} (${check.stretch.sessions} sessions)` : check.matchedDate}, ` +
        `${formatMovePct(check.matchedMove ?? NaN)} vs claimed ${formatMovePct(claim.move)} (${signedPp(check.differencePp ?? 0)} pp; ` +
        `tolerance ±${claim.tolerancePp} pp${check.matchRule === 'price-limit' ? ', price-limit rule' : ''})`;
  out.push(`window: ${check.window.from}..${check.window.to} (${check.window.sessions} sessions on the ${security.exchange} calendar); ${match}`);
  if (check.benchmark && check.evidence.some((d) => d.abnormal)) {
    const a = check.evidence.find((d) => d.abnormal)!.abnormal!;
    out.push(`market model vs ${check.benchmark.symbol} (${check.benchmark.name}), estimation [-250, -11] per day, M = ${a.M}, df = ${a.df}; AR t-test incl. estimation error`);
  }
  out.push('');
  out.push(table(evidenceRows(check)).trimEnd());
  out.push('returns from adjusted closes vs the previous close; high/low: intraday extremes vs the previous close; rel: sessions before the report');
  const cap = check.marketCap;
  if (cap) {
    out.push('');
    if (cap.status === 'unavailable') out.push(`market cap: could not be checked: ${cap.note}`);
    else {
      out.push(`market cap on ${cap.date}: ${cap.note}`);
      out.push(`  = ${formatMoney(cap.computed!, 2)} [${cap.status}; consistent within ±${Number((cap.tolerance * 100).toFixed(1))}%, approximate within ±${Number((cap.approximate * 100).toFixed(1))}%]`);
      for (const c of cap.comparisons) {
        const fx = c.fx ? ` (USD/CNY ${c.fx.rate} of ${c.fx.date}, ${c.fx.source})` : '';
        out.push(`  claimed ${formatMoney(c.claimed, 2)}: computed ${formatMoney({ value: c.computed, currency: c.claimed.currency }, 2)}${fx}, ${formatMovePct(c.difference)}`);
      }
      if (cap.floatCrossCheck) {
        const f = cap.floatCrossCheck;
        const stated = f.statedFloatShares === null ? 'no stated float count' : `stated float ${f.statedFloatShares} (${formatMovePct(f.difference ?? NaN)})`;
        out.push(`  cross-check: volume / turnover = ${Math.round(f.impliedFloatShares)} float shares; ${stated}`);
      }
    }
  }
  if (check.notes.length > 0) {
    out.push('');
    for (const n of check.notes) out.push(`note: ${n}`);
  }
  out.push(`source: ${check.sources.prices}${check.sources.benchmark ? `; benchmark ${check.sources.benchmark}` : ''}`);
  return out.join('\n') + '\n';
}

/** '+0.03' / '−1.20' / '0.00' (no sign on a zero after rounding). */
function signedPp(pp: number): string {
  const text = fixed(pp, 2);
  return Number(text) === 0 || text.startsWith('\u2212') ? text : `+${text}`;
}
