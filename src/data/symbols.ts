/**
 * The symbols the bundled snapshot covers, with their aliases, and the mapping from a symbol to
 * its file name. Symbols follow Yahoo conventions ('NVDA', '^GSPC', '688256.SS').
 */
import { InputError } from '../errors.ts';
import { editDistance } from './suggest.ts';
import type { ExchangeCode, InstrumentKind, SymbolInfo } from '../types.ts';

function info(
  symbol: string,
  name: string,
  exchange: ExchangeCode,
  kind: InstrumentKind,
  aliases: string[] = [],
): SymbolInfo {
  const cn = exchange === 'XSHG' || exchange === 'XSHE';
  return {
    symbol,
    name,
    aliases,
    exchange,
    currency: cn ? 'CNY' : 'USD',
    timeZone: cn ? 'Asia/Shanghai' : 'America/New_York',
    kind,
  };
}

/** Every symbol of the snapshot, US first, then China. */
export const SYMBOLS: readonly SymbolInfo[] = [
  info('NVDA', 'NVIDIA', 'XNAS', 'stock', ['nvidia', '英伟达']),
  info('AMD', 'Advanced Micro Devices', 'XNAS', 'stock', ['advanced micro devices']),
  info('AVGO', 'Broadcom', 'XNAS', 'stock', ['broadcom', '博通']),
  info('MSFT', 'Microsoft', 'XNAS', 'stock', ['microsoft', '微软']),
  info('META', 'Meta Platforms', 'XNAS', 'stock', ['meta platforms', 'facebook']),
  info('GOOGL', 'Alphabet (class A)', 'XNAS', 'stock', ['alphabet', 'google', '谷歌']),
  info('GOOG', 'Alphabet (class C)', 'XNAS', 'stock', []),
  info('TSM', 'Taiwan Semiconductor (ADR)', 'XNYS', 'stock', ['tsmc', 'taiwan semiconductor', '台积电']),
  info('SPY', 'SPDR S&P 500 ETF', 'XNYS', 'etf', ['s&p 500 etf']),
  info('QQQ', 'Invesco QQQ (Nasdaq-100 ETF)', 'XNAS', 'etf', ['nasdaq-100 etf']),
  info('SOXX', 'iShares Semiconductor ETF', 'XNAS', 'etf', []),
  info('SMH', 'VanEck Semiconductor ETF', 'XNAS', 'etf', []),
  info('^GSPC', 'S&P 500', 'XNYS', 'index', ['^SPX', 'SPX', 'GSPC', 's&p 500', 'sp500']),
  info('^NDX', 'Nasdaq-100', 'XNAS', 'index', ['NDX', 'nasdaq-100', 'nasdaq 100']),
  info('^IXIC', 'Nasdaq Composite', 'XNAS', 'index', ['IXIC', 'nasdaq', 'nasdaq composite']),
  info('^SOX', 'PHLX Semiconductor', 'XNAS', 'index', ['SOX', 'philadelphia semiconductor']),
  info('688256.SS', 'Cambricon (寒武纪)', 'XSHG', 'stock', ['688256', 'cambricon', '寒武纪', '寒武纪-U']),
  info('688041.SS', 'Hygon Information (海光信息)', 'XSHG', 'stock', ['688041', 'hygon', '海光信息', '海光']),
  info('688981.SS', 'SMIC (中芯国际, STAR A shares)', 'XSHG', 'stock', ['688981', 'smic', '中芯国际']),
  info('600519.SS', 'Kweichow Moutai (贵州茅台)', 'XSHG', 'stock', ['600519', 'moutai', 'kweichow moutai', '贵州茅台', '茅台']),
  info('000688.SS', 'STAR 50 (科创50)', 'XSHG', 'index', ['000688', '000688.SH', 'star 50', 'star50', '科创50']),
  info('000300.SS', 'CSI 300 (沪深300)', 'XSHG', 'index', ['000300', '000300.SH', 'csi 300', 'csi300', '沪深300']),
  info('000001.SS', 'SSE Composite (上证指数)', 'XSHG', 'index', ['000001.SH', 'sse composite', 'shanghai composite', '上证指数']),
];

const norm = (s: string) => s.trim().toLowerCase();

/** Lookup table: lower-cased symbol or alias -> SymbolInfo. */
const BY_KEY: ReadonlyMap<string, SymbolInfo> = (() => {
  const map = new Map<string, SymbolInfo>();
  for (const s of SYMBOLS) for (const key of [s.symbol, ...s.aliases]) map.set(norm(key), s);
  return map;
})();

/** Up to three snapshot symbols closest to `query` (by symbol or alias). */
export function suggestSymbols(query: string): string[] {
  const q = norm(query);
  const scored: { symbol: string; d: number }[] = [];
  for (const s of SYMBOLS) {
    const d = Math.min(...[s.symbol, ...s.aliases].map((k) => {
      const key = norm(k);
      return key.startsWith(q) || q.startsWith(key) ? Math.min(1, editDistance(q, key)) : editDistance(q, key);
    }));
    scored.push({ symbol: s.symbol, d });
  }
  return scored
    .filter((x) => x.d <= Math.max(2, Math.floor(q.length / 3)))
    .sort((a, b) => a.d - b.d || (a.symbol < b.symbol ? -1 : 1))
    .slice(0, 3)
    .map((x) => x.symbol);
}

/**
 * The snapshot symbol a user means: a Yahoo symbol or an alias, case-insensitive.
 * @example resolveSymbol('cambricon').symbol // '688256.SS'
 * @throws InputError naming the query and suggesting near matches
 */
export function resolveSymbol(query: string): SymbolInfo {
  const hit = BY_KEY.get(norm(query));
  if (hit) return hit;
  assertSafeSymbol(query);
  const near = suggestSymbols(query);
  const hint = near.length > 0 ? `; did you mean ${near.join(', ')}?` : `; the snapshot covers ${SYMBOLS.map((s) => s.symbol).join(', ')}`;
  throw new InputError(`unknown symbol '${query}'${hint}`);
}

/** SymbolInfo of a symbol, or undefined when the snapshot does not know it (no aliases). */
export function findSymbol(symbol: string): SymbolInfo | undefined {
  return SYMBOLS.find((s) => s.symbol === symbol);
}

/** Rejects path-like or empty symbols before they reach a file name. */
export function assertSafeSymbol(symbol: string): void {
  if (symbol.trim() === '' || /[/\\\0]|\.\./.test(symbol) || symbol.length > 32) {
    throw new InputError(`not a valid symbol: '${symbol}' (expected something like NVDA, ^GSPC or 688256.SS)`);
  }
}

/**
 * The snapshot file name of a symbol: '^' becomes 'idx-' (indices), anything outside
 * [A-Za-z0-9.-] becomes '_', so a symbol can never name a path.
 * @example symbolFileName('^GSPC') // 'idx-GSPC.csv'
 * @example symbolFileName('688256.SS') // '688256.SS.csv'
 */
export function symbolFileName(symbol: string): string {
  assertSafeSymbol(symbol);
  return `${symbol.replace(/^\^/, 'idx-').replace(/[^A-Za-z0-9.-]/g, '_')}.csv`;
}
