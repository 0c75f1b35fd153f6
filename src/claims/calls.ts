/**
 * The run-log record of a claim check (src/study/call-log.ts): the claim as the checker understood
 * it (subject resolved to a symbol, move as a fraction, basis, lookback, tolerance, market values
 * with their currencies, the benchmark actually used) and the options after defaults.
 */
import type { JsonValue, LibraryCall } from '../study/call-log.ts';
import type { ClaimCheck } from './types.ts';

/**
 * `parameters`: the checker's options after defaults (estimation window, tolerances, stretch).
 * @example claimCheckCall(await checkClaim({ subject: 'cambricon', reportedOn: '2025-08-13', move: '+20%' }), { capTolerance: 0.05 }).inputs
 * // { subject: 'cambricon', symbol: '688256.SS', reportedOn: '2025-08-13', move: 0.2, basis: 'close', lookback: 5, tolerancePp: 1.5, marketCap: [], benchmark: '000688.SS' }
 */
export function claimCheckCall(check: Pick<ClaimCheck, 'claim' | 'security' | 'benchmark'>, parameters: Record<string, JsonValue>): LibraryCall {
  const c = check.claim;
  const inputs: Record<string, JsonValue> = {};
  if (c.id !== undefined) inputs.id = c.id;
  Object.assign(inputs, {
    subject: c.subject,
    symbol: check.security.symbol,
    reportedOn: c.reportedOn,
    move: c.move,
    basis: c.basis,
    lookback: c.lookback,
    tolerancePp: c.tolerancePp,
    marketCap: c.marketCap.map((m) => ({ value: m.value, currency: m.currency })),
    benchmark: check.benchmark?.symbol ?? null,
  });
  return {
    kind: 'checkClaim',
    inputs,
    parameters: { ...parameters },
    seeds: {},
  };
}
