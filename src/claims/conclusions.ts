/**
 * Conclusion sentences built from a ClaimCheck: the claim as it was checked (which security, which
 * move, reported when), the verdict with the checker's own explanation, and the market value
 * against the claimed one. With src/study/conclusions.ts these make a study's bottom line, so no
 * name, number, date or verdict in it is typed by hand.
 */
import { shortName, signedPercent } from '../format.ts';
import { formatMoney } from './explain.ts';
import type { ClaimCheck, MarketCapCheck } from './types.ts';

/** The checked security in a sentence: 'Cambricon (688256.SS)'. */
export function claimSubject(check: Pick<ClaimCheck, 'security'>): string {
  const name = shortName(check.security.name);
  return name === check.security.symbol ? name : `${name} (${check.security.symbol})`;
}

/**
 * A claimed move without sign, as few decimals as it needs: 0.2 → '20%', -0.1697 → '16.97%'.
 * @example claimedMoveText(-0.17) // '17%'
 */
export function claimedMoveText(move: number): string {
  return `${Number((Math.abs(move) * 100).toFixed(2))}%`;
}

const BASIS_WORDS = { close: '', intraday: ' intraday', cumulative: ' over several sessions' } as const;

/**
 * The claimed move, in words.
 * @example claimText(check) // 'Cambricon (688256.SS) rose 20%'
 * @example claimText(nvda) // 'NVIDIA (NVDA) fell 17%'
 */
export function claimText(check: Pick<ClaimCheck, 'claim' | 'security'>): string {
  const c = check.claim;
  return `${claimSubject(check)} ${c.move < 0 ? 'fell' : 'rose'} ${claimedMoveText(c.move)}${BASIS_WORDS[c.basis]}`;
}

/**
 * The claim as a question, for a title.
 * @example claimQuestion(check) // 'Did Cambricon really rise 20%?'
 */
export function claimQuestion(check: Pick<ClaimCheck, 'claim' | 'security'>): string {
  const c = check.claim;
  return `Did ${shortName(check.security.name)} really ${c.move < 0 ? 'fall' : 'rise'} ${claimedMoveText(c.move)}${BASIS_WORDS[c.basis]}?`;
}

/**
 * The headline verdict with the checker's explanation.
 * @example claimVerdictSentence(check)
 * // 'The claim that Cambricon (688256.SS) rose 20%, reported on 2025-08-13, is **confirmed**: Cambricon (688256.SS) closed up 20.00% on 2025-08-12, …'
 */
export function claimVerdictSentence(check: Pick<ClaimCheck, 'claim' | 'security' | 'verdict' | 'explanation'>): string {
  return `The claim that ${claimText(check)}, reported on ${check.claim.reportedOn}, is **${check.verdict}**: ${check.explanation}`;
}

/**
 * The claimed market value against close × shares, or null when the claim states none.
 * @example marketCapSentence(check)
 * // 'At the 2025-08-12 close Cambricon (688256.SS) was worth 355.1 billion yuan (49.5 billion dollars at 7.1785 yuan per dollar), so the claimed 355.0 billion yuan (49.7 billion dollars) is **consistent** (within 5%).'
 */
export function marketCapSentence(check: Pick<ClaimCheck, 'security' | 'marketCap'>): string | null {
  const mc: MarketCapCheck | null = check.marketCap;
  if (mc === null) return null;
  const claimed = mc.comparisons.map((c) => formatMoney(c.claimed));
  if (mc.status === 'unavailable' || mc.computed === null) {
    return `The claimed market value could not be checked: ${mc.note.replace(/\.?$/, '.')}`;
  }
  const band = (f: number) => `${Number((f * 100).toFixed(1))}%`;
  const status =
    mc.status === 'consistent'
      ? `**consistent** (within ${band(mc.tolerance)})`
      : mc.status === 'approximate'
        ? `only **approximately** right (within ${band(mc.approximate)}, outside ${band(mc.tolerance)})`
        : `**inconsistent** with the prices (more than ${band(mc.approximate)} off)`;
  const converted = mc.comparisons
    .filter((c) => c.fx !== null)
    .map((c) => `${formatMoney({ value: c.computed, currency: c.claimed.currency })} at ${c.fx!.rate} ${mc.computed!.currency === 'CNY' ? 'yuan per dollar' : `${mc.computed!.currency} per ${c.claimed.currency}`}`);
  const worth = `${formatMoney(mc.computed)}${converted.length > 0 ? ` (${converted.join(', ')})` : ''}`;
  const worst = mc.comparisons.reduce((a, c) => (Math.abs(c.difference) > Math.abs(a) ? c.difference : a), 0);
  return `At the ${mc.date} close ${claimSubject(check)} was worth ${worth}, so the claimed ${claimed[0]}${claimed.length > 1 ? ` (${claimed.slice(1).join(', ')})` : ''} is ${status}; the largest gap is ${signedPercent(worst)}.`;
}
