/**
 * The claim checker's defaults and options, in one place: read by the checker (check.ts), by the
 * live path that pins a claim's prices first (live-data.ts) and by the run log.
 */
import type { RelWindow, SymbolInfo } from '../types.ts';
import type { LiveSourceOptions } from '../data/live-source.ts';

/** Estimation window relative to the (first) event day, STATISTICS.md default. */
export const CLAIM_ESTIMATION_WINDOW: readonly [number, number] = [-250, -11];
/** Minimum valid estimation days for a market-model AR (STATISTICS.md). */
export const MIN_ESTIMATION_DAYS = 120;
/** `approximate` band, percentage points. */
export const APPROXIMATE_PP = 5;
/** A claim this close to the daily limit matches a limit close (percentage points). */
export const LIMIT_MATCH_PP = 0.1;
/** Largest relative market-cap difference called consistent. */
export const DEFAULT_CAP_TOLERANCE = 0.05;
/**
 * Largest relative market-cap difference called approximate, as a multiple of the tolerance
 * (default 2: 5-10% off). Beyond it a value is inconsistent: more than a rounding or a
 * neighbouring day's close usually explains.
 */
export const CAP_APPROXIMATE_FACTOR = 2;
/** Longest stretch tried on the cumulative basis, in sessions. */
export const DEFAULT_MAX_STRETCH = 20;

export interface CheckClaimOptions extends LiveSourceOptions {
  /** Estimation window of the abnormal returns, in sessions relative to the day measured (default [-250, -11]). */
  estimationWindow?: RelWindow;
  /** Largest |computed / claimed - 1| for a consistent market cap (default 0.05). */
  capTolerance?: number;
  /** Largest |computed / claimed - 1| for an approximate market cap (default 2 × capTolerance). */
  capApproximate?: number;
  /** Longest cumulative stretch in sessions (default 20). */
  maxStretchSessions?: number;
  /**
   * A data folder overlaying the bundled snapshot, used when no `data` is passed (default: the
   * IMPACT_DATA_DIR environment variable, else none). With `source: 'yahoo'`, the folder the
   * prices are pinned in (default `.cache/live`).
   */
  dataDir?: string;
}

/**
 * The default benchmark of a security: SPY for US listings, the STAR 50 (000688.SS) for Shanghai
 * STAR stocks (688/689xxx), the CSI 300 (000300.SS) for other Shanghai and Shenzhen shares;
 * null where the snapshot has none (Hong Kong).
 * @example defaultBenchmark({ symbol: '688256.SS', exchange: 'XSHG', ... }) // '000688.SS'
 */
export function defaultBenchmark(info: Pick<SymbolInfo, 'symbol' | 'exchange'>): string | null {
  switch (info.exchange) {
    case 'XNYS':
    case 'XNAS':
      return 'SPY';
    case 'XSHG':
      return /^68[89]\d{3}\./.test(info.symbol) ? '000688.SS' : '000300.SS';
    case 'XSHE':
      return '000300.SS';
    default:
      return null;
  }
}

/**
 * The options of a check with every default filled in: the one place the checker's defaults are
 * applied, and what the run log records as the check's parameters.
 * @example checkOptionsWithDefaults({ capTolerance: 0.02 }).capApproximate // 0.04
 */
export function checkOptionsWithDefaults(opts: CheckClaimOptions = {}): { estimationWindow: [number, number]; minEstimationDays: number; capTolerance: number; capApproximate: number; maxStretchSessions: number } {
  const capTolerance = opts.capTolerance ?? DEFAULT_CAP_TOLERANCE;
  return {
    estimationWindow: [...(opts.estimationWindow ?? CLAIM_ESTIMATION_WINDOW)] as [number, number],
    minEstimationDays: MIN_ESTIMATION_DAYS,
    capTolerance,
    capApproximate: opts.capApproximate ?? CAP_APPROXIMATE_FACTOR * capTolerance,
    maxStretchSessions: opts.maxStretchSessions ?? DEFAULT_MAX_STRETCH,
  };
}
