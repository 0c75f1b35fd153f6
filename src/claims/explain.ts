/**
 * The one-sentence explanation of a claim check, written from its numbers so a journalist can
 * quote it: "Cambricon (688256.SS) closed up 20.00% on 2025-08-12, a limit-up day, the day
 * before the report; ...".
 */
import type { IsoDate } from '../types.ts';
import { calendarDaysBetween, weekdayName } from '../calendar/dates.ts';
import { fixed, pPhrase, shortName } from '../format.ts';
import { formatMovePct } from './parse.ts';
import type { CandidateDay, ClaimCheck, MoneyAmount } from './types.ts';

const CURRENCY_WORDS: Record<string, string> = { CNY: 'yuan', USD: 'dollars' };

/**
 * An amount in words with one decimal at its scale: 355.1 billion yuan, 2.9 trillion dollars.
 * @example formatMoney({ value: 355.1e9, currency: 'CNY' }) // '355.1 billion yuan'
 */
export function formatMoney(amount: MoneyAmount, decimals = 1): string {
  const word = CURRENCY_WORDS[amount.currency] ?? amount.currency;
  const v = amount.value;
  const [scale, name] = v >= 1e12 ? [1e12, ' trillion'] : v >= 1e9 ? [1e9, ' billion'] : v >= 1e6 ? [1e6, ' million'] : [1, ''];
  return `${(v / scale).toFixed(scale === 1 ? 0 : decimals)}${name} ${word}`;
}

/** A p-value in a sentence: 'p < 0.0001' or 'p = 0.0230' (the shared pPhrase of src/format.ts). */
export const formatP = pPhrase;

export { shortName };

/** Where a day lies relative to the report: 'the report date', 'the day before the report'. */
export function relativeToReport(day: Pick<CandidateDay, 'date' | 'sessionsBeforeReport'>, reportedOn: IsoDate): string {
  if (day.date === reportedOn) return 'the report date';
  const gap = calendarDaysBetween(day.date, reportedOn);
  if (gap === 1) return 'the day before the report';
  if (day.sessionsBeforeReport <= 1) return `the last session before the report (${weekdayName(day.date)})`;
  return `${day.sessionsBeforeReport} sessions before the report`;
}

const verb = (move: number, up: string, down: string) => (move >= 0 ? up : down);
const abs = (move: number) => formatMovePct(Math.abs(move)).replace(/^\+/, '');

/** The clause on the abnormal return of a day, '' when there is none. */
function abnormalClause(check: ClaimCheck, day: CandidateDay): string {
  if (!day.abnormal || !check.benchmark) return '';
  const mkt = day.marketReturn;
  const market = mkt === null ? '' : `the market (${shortName(check.benchmark.name)}, ${check.benchmark.symbol}) ${verb(mkt, 'rose', 'fell')} ${abs(mkt)}, `;
  return `; ${market}so the abnormal return was ${formatMovePct(day.abnormal.ar)} (t = ${fixed(day.abnormal.t, 2)}, ${formatP(day.abnormal.p)})`;
}

const bandPct = (fraction: number) => `${Number((fraction * 100).toFixed(1))}%`;

function capClause(check: ClaimCheck): string {
  const cap = check.marketCap;
  if (!cap) return '';
  if (cap.status === 'unavailable') return `; the market-cap claim could not be checked: ${cap.note}`;
  const parts = cap.comparisons.map((c) => {
    const fx = c.fx ? ` at ${c.fx.rate} yuan per dollar (${c.fx.date})` : '';
    return `${formatMoney({ value: c.computed, currency: c.claimed.currency })}${fx} against the claimed ${formatMoney(c.claimed)} (${formatMovePct(c.difference)})`;
  });
  const status =
    cap.status === 'consistent'
      ? ''
      : cap.status === 'approximate'
        ? `, outside the ${bandPct(cap.tolerance)} tolerance but within ${bandPct(cap.approximate)}: the claimed value is only approximately right`
        : `, more than ${bandPct(cap.approximate)} off: the claimed value is inconsistent with the prices`;
  return `; at that close the market value was ${parts.join(' or ')}${status}`;
}

/** What the measured move is called in a gap phrase, so the gap names its own quantity. */
function measuredName(check: ClaimCheck): string {
  return check.claim.basis === 'close' ? 'close-to-close move' : check.claim.basis === 'intraday' ? 'intraday move' : 'multi-day move';
}

/**
 * 'the close-to-close move of +20.00% is 5.00 pp smaller than the claimed +25.00%': the gap
 * always follows the measured move it is the gap of (never an abnormal return quoted before it).
 */
function gapPhrase(check: ClaimCheck): string {
  const claimed = check.claim.move;
  const move = check.matchedMove ?? 0;
  const opposite = claimed !== 0 && move !== 0 && Math.sign(move) !== Math.sign(claimed);
  const size = opposite ? 'away from' : Math.abs(move) < Math.abs(claimed) ? 'smaller than' : 'larger than';
  const diff = Math.abs(check.differencePp ?? 0).toFixed(2);
  return `the ${measuredName(check)} of ${formatMovePct(move)} is ${diff} pp ${size} the claimed ${formatMovePct(claimed)}${opposite ? ', in the opposite direction' : ''}`;
}

/** The closing words of the headline when the market value overrules the move. */
function headlineClause(check: ClaimCheck): string {
  return check.verdict === 'inconsistent' ? ', so the claim as a whole is not confirmed' : '';
}

/** The quotable sentence for a finished check. */
export function explainCheck(check: ClaimCheck): string {
  const { claim, security } = check;
  const who = `${shortName(security.name)} (${security.symbol})`;
  const claimed = formatMovePct(claim.move);
  const { from, to } = check.window;
  if (check.verdict === 'no-data') {
    return `The data has no ${security.symbol} prices from ${from} to ${to} (suspended or missing), so the claimed ${claimed} move cannot be checked.`;
  }
  const day = check.evidence.find((d) => d.date === check.matchedDate);
  const move = check.matchedMove ?? 0;
  const opposite = claim.move !== 0 && move !== 0 && Math.sign(move) !== Math.sign(claim.move);
  const size = opposite ? 'away from' : Math.abs(move) < Math.abs(claim.move) ? 'smaller than' : 'larger than';
  const gap = `${Math.abs(check.differencePp ?? 0).toFixed(2)} pp ${size} the claimed ${claimed}${opposite ? ', in the opposite direction' : ''}`;
  const tail = `${capClause(check)}${headlineClause(check)}.`;

  let what: string;
  if (check.stretch) {
    const s = check.stretch;
    const car = s.car === null ? '' : `, a cumulative abnormal return of ${formatMovePct(s.car)}`;
    what = `${who} ${verb(move, 'rose', 'fell')} ${abs(move)} over the ${s.sessions} sessions from ${s.from} to ${s.to}${car}`;
  } else if (day) {
    const limit = day.limitUp ? ', a limit-up day' : day.limitDown ? ', a limit-down day' : '';
    const rel = relativeToReport(day, claim.reportedOn);
    if (claim.basis === 'intraday') {
      const price = move >= 0 ? day.high : day.low;
      what = `${who} traded as much as ${abs(move)} ${verb(move, 'above', 'below')} its previous close on ${day.date} (${verb(move, 'high', 'low')} ${price?.toFixed(2)} vs ${day.prevClose?.toFixed(2)})${limit}, ${rel}`;
    } else {
      what = `${who} closed ${verb(move, 'up', 'down')} ${abs(move)} on ${day.date}${limit}, ${rel}${abnormalClause(check, day)}`;
    }
  } else {
    what = `${who} moved ${formatMovePct(move)} by ${check.matchedDate}`;
  }

  switch (check.moveVerdict) {
    case 'confirmed':
      return `${what}${check.matchRule === 'price-limit' ? `, the daily limit the claim cites (${claimed})` : ''}${tail}`;
    case 'approximate':
      return `${what}; ${gapPhrase(check)}, so the move is only approximately right${tail}`;
    case 'contradicted': {
      const bound = check.priceLimitBound;
      const limit = bound ? `±${Number((bound.limit * 100).toFixed(2))}%` : 'its';
      const verbText = claim.basis === 'intraday' ? `trade ${abs(claim.move)} ${verb(claim.move, 'above', 'below')} its previous close` : `close ${verb(claim.move, 'up', 'down')} ${abs(claim.move)}`;
      return `Contradicted by the price limit: ${security.symbol} trades under a ${limit} daily price limit, so no session could ${verbText}. ${what}; ${gapPhrase(check)}${tail}`;
    }
    default: {
      const basis = claim.basis === 'close' ? 'close-to-close' : claim.basis === 'intraday' ? 'intraday' : 'multi-day';
      const closest = check.stretch
        ? `the ${check.stretch.sessions} sessions from ${check.stretch.from} to ${check.stretch.to}, ${formatMovePct(move)}`
        : `${check.matchedDate}${day ? ` (${relativeToReport(day, claim.reportedOn)})` : ''}, ${formatMovePct(move)}${day?.limitUp ? ' at the limit-up price' : day?.limitDown ? ' at the limit-down price' : ''}`;
      return `No ${basis} move of ${claimed} in ${who} from ${from} to ${to}: the closest is ${closest}, ${gap}${tail}`;
    }
  }
}
