/** Claim-evidence chart from a claim check (src/claims): the glue a study would otherwise repeat. */
import type { ClaimCheck } from '../claims/types.ts';
import { claimEvidence } from './claim-evidence.ts';
import { shortName } from '../format.ts';
import type { VegaLiteSpec } from './types.ts';

/**
 * Daily close-to-close returns of the checked window, the claimed move, the price-limit lines
 * (where the exchange has them) and the matched day highlighted. Days without a return are left out.
 */
export function claimChart(check: ClaimCheck, title?: string): VegaLiteSpec {
  const rows = check.evidence
    .filter((d) => d.closeReturn !== null)
    .map((d) => ({
      date: d.date,
      ret: d.closeReturn as number,
      ...(d.intradayHigh !== null ? { high: d.intradayHigh } : {}),
      ...(d.intradayLow !== null ? { low: d.intradayLow } : {}),
      limitUp: d.limitUp,
      limitDown: d.limitDown,
    }));
  const move = `${check.claim.move >= 0 ? '+' : ''}${(check.claim.move * 100).toFixed(1)}%`;
  return claimEvidence({
    title: title ?? `Claim: ${shortName(check.security.name)} (${check.security.symbol}) moved ${move} (reported ${check.claim.reportedOn})`,
    subtitle: `verdict: ${check.verdict}; ${check.claim.basis} basis; sessions ${check.window.from}..${check.window.to}`,
    rows,
    claimedMove: check.claim.move,
    limit: check.evidence.find((d) => d.limit !== null)?.limit ?? null,
    ...(check.matchedDate ? { matchedDate: check.matchedDate } : {}),
  });
}
