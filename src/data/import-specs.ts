/**
 * Which raw file feeds each snapshot symbol, and how to read it. Everything here is copied from
 * ../shared/data/raw/README.md and the PROVENANCE.md files (repository, path, commit, quirks);
 * no number in this file is a price.
 */
import type { IsoDate } from '../types.ts';
import type { RawFormat } from './raw-formats.ts';

export interface PrimarySpec {
  symbol: string;
  /** Path under the raw folder. */
  file: string;
  repo: string;
  path: string;
  commit: string;
  format: RawFormat;
  /** Drop the last row, with the reason (a partial intraday bar captured on the download day). */
  dropLastRow?: string;
  /** How close/adjClose are adjusted, for the manifest and SOURCES.md. */
  adjustment: string;
  notes?: string[];
  /**
   * The first trading day and the public page that states it (the listing announcement): the
   * manifest's `listingDate` / `listingSource`, from which the calendar stage recognises the
   * first sessions after listing (no A-share price limit). Only with a source.
   */
  listing?: { date: IsoDate; source: string };
}

/** Rows before this date are not imported (declared in SOURCES.md): enough history for 2024-2026 studies. */
export const IMPORT_FROM: IsoDate = '2020-01-01';

/** Secondary files are compared with the primary over this span (avoids the partial 2026 tails). */
export const COMPARE_SPAN: readonly [IsoDate, IsoDate] = ['2024-01-01', '2025-12-31'];

const US_RAW_ADJ = 'open/high/low/close raw traded prices (split-adjusted only); adjClose = Yahoo dividend+split-adjusted close';

function dane(symbol: string): PrimarySpec {
  return {
    symbol,
    file: `us/${symbol}__dane-anderson__equity-signal-engine.csv`,
    repo: 'github.com/dane-anderson/equity-signal-engine',
    path: `data/${symbol}.csv`,
    commit: '3317209da4f3e9f739a05fcbef7a7e24394c2e5e',
    format: { volumeUnit: 'shares' },
    adjustment: `${US_RAW_ADJ} as of 2026-04 (yf.download auto_adjust=False)`,
  };
}

function landon(symbol: string): PrimarySpec {
  return {
    symbol,
    file: `us/${symbol}__landon-io__stocks-ai-agent.csv`,
    repo: 'github.com/landon-io/stocks-ai-agent',
    path: `data/${symbol}.csv`,
    commit: 'd5dd6341022d9d668a954fa9bcb52a8e02e63a87',
    format: { volumeUnit: 'shares' },
    dropLastRow: 'partial intraday bar of the download day (non-round volume, Close == Adj Close), per PROVENANCE.md',
    adjustment: `${US_RAW_ADJ} as of 2026-07`,
  };
}

function xiedonge(symbol: string, code: string, notes: string[], adjustment: string, listing?: PrimarySpec['listing']): PrimarySpec {
  return {
    ...(listing ? { listing } : {}),
    symbol,
    file: `cn/${code}__xiedonge__first_codex.csv`,
    repo: 'github.com/xiedonge/first_codex',
    path: `data/daily/${code}.csv`,
    commit: 'd941e0d282b6901037087ef79b68f172209aaa81',
    format: { volumeUnit: 'lots' },
    adjustment,
    notes,
  };
}

function chenzt(symbol: string, code: string, extra: Partial<RawFormat> = {}): PrimarySpec {
  return {
    symbol,
    file: `cn/${code}.SH__chenzt2020__quant.csv`,
    repo: 'github.com/chenzt2020/quant',
    path: `data/index/sh${code}.csv`,
    commit: 'ced77b919b3b95824497b0432624da640d3d6e2d',
    format: { volumeUnit: 'lots', ...extra },
    adjustment: 'index points (not adjusted); close = adjClose',
  };
}

export const PRIMARY_SPECS: readonly PrimarySpec[] = [
  ...['NVDA', 'AMD', 'AVGO', 'MSFT', 'META', 'GOOGL', 'GOOG', 'SPY'].map(dane),
  ...['QQQ', 'SOXX', 'SMH'].map(landon),
  {
    symbol: 'TSM',
    file: 'us/TSM__davidliu-2008__wharton-investment-competition25-26.csv',
    repo: 'github.com/davidliu-2008/wharton-investment-competition25-26',
    path: 'data/TSM.csv',
    commit: '3aa1a0178389c9ea203562a3698f5faa916db620',
    format: { volumeUnit: 'shares' },
    adjustment: 'all prices dividend+split-adjusted as of 2026-02 (yf.download auto_adjust=True); close = adjClose, so levels differ slightly from traded prices',
  },
  {
    symbol: '^GSPC',
    file: 'us/SPX__hjyssg__tqqq_simulation.csv',
    repo: 'github.com/hjyssg/tqqq_simulation',
    path: 'data/^SPX.csv',
    commit: '83b9dc0fa7c3c863cc79938f4469e3d8d13c8890',
    format: { volumeUnit: 'shares' },
    adjustment: 'index points (Yahoo ^SPX = ^GSPC); close = adjClose',
  },
  {
    symbol: '^NDX',
    file: 'us/NDX__hjyssg__tqqq_simulation.csv',
    repo: 'github.com/hjyssg/tqqq_simulation',
    path: 'data/^NDX.csv',
    commit: '83b9dc0fa7c3c863cc79938f4469e3d8d13c8890',
    format: { volumeUnit: 'shares' },
    adjustment: 'index points; close = adjClose',
  },
  {
    symbol: '^IXIC',
    file: 'us/IXIC__abhichkrbrty__Nasdaq-Support-Resistance.csv',
    repo: 'github.com/abhichkrbrty/Nasdaq-Support-Resistance',
    path: 'data/nasdaq_2020_2025.csv',
    commit: 'a96da9ddb39e299d11e24d451c8df09cd74c9c46',
    format: { volumeUnit: 'shares' },
    adjustment: 'index points; close = adjClose',
    notes: [
      'Ends 2025-04-09. A second public file (Key07211, 2025-05-12..2026-05-11) is not spliced on: one file per series, and 2025-04-10..2025-05-11 is covered by neither. Use SPY or ^GSPC as the US benchmark after April 2025.',
    ],
  },
  {
    symbol: '^SOX',
    file: 'us/SOX__Key07211__AI-and-Chips-stock-analysis.csv',
    repo: 'github.com/Key07211/AI-and-Chips-stock-analysis',
    path: 'data/SOX.csv',
    commit: '91aa34091af0fd1498390d0e619692ff38f2b1f1',
    format: { volumeUnit: 'shares' },
    dropLastRow: 'partial intraday bar of the download day (2026-05-11), per PROVENANCE.md',
    adjustment: 'index points rounded to 2 decimals; close = adjClose; volume is 0 (index)',
    notes: ['Starts 2025-05-12: no public ^SOX file covers the DeepSeek-R1 window; use SOXX or SMH there.'],
  },
  // Listing dates: each company's STAR Market listing announcement (首次公开发行股票科创板上市公告书,
  // "股票将于 … 在上海证券交易所科创板上市"), as printed in a designated disclosure newspaper.
  xiedonge('688256.SS', '688256', [], 'Eastmoney forward-adjusted (qfq) as of ~2026-01; Cambricon had no dividend or bonus issue before then, so these equal traded prices (checked against an independent tushare copy); close = adjClose', {
    date: '2020-07-20', // 上海证券报 2020-07-17: "股票将于2020年7月20日在上海证券交易所科创板上市"
    source: 'https://paper.cnstock.com/html/2020-07/17/content_1346558.htm',
  }),
  xiedonge('688041.SS', '688041', ['Trading suspended 2025-05-26..2025-06-09 (Hygon-Sugon merger plan): no rows, not filled in.'], 'Eastmoney forward-adjusted (qfq) as of ~2026-01: levels before ex-dividend dates are shifted by small cash dividends; close = adjClose', {
    date: '2022-08-12', // 证券日报 2022-08-11: "股票将于2022年8月12日在上海证券交易所科创板上市"
    source: 'http://epaper.zqrb.cn/html/2022-08/11/content_865397.htm',
  }),
  xiedonge('688981.SS', '688981', ['Trading suspended 2025-09-01..2025-09-08 (SMIC North acquisition plan): no rows, not filled in.'], 'Eastmoney forward-adjusted (qfq); no A-share dividends, so equal to traded prices; close = adjClose', {
    date: '2020-07-16', // 证券日报 2020-07-15: "股票将于2020年7月16日在上海证券交易所科创板上市"
    source: 'http://epaper.zqrb.cn/html/2020-07/15/content_640853.htm',
  }),
  {
    symbol: '600519.SS',
    file: 'cn/600519__GerryZhang0925__data-driven-stock-picker.csv',
    repo: 'github.com/GerryZhang0925/data-driven-stock-picker',
    path: 'data/daily/600519.csv',
    commit: '23bdfe3da29e69f54b66623f0c0bcef1cdaa7ae3',
    format: { volumeUnit: 'lots' },
    dropLastRow: 'possible intraday snapshot (2026-01-20), per PROVENANCE.md',
    adjustment: 'Eastmoney forward-adjusted (qfq) as of ~2026-01: cash dividends are subtracted from earlier prices, so use it for returns, not price levels; close = adjClose',
  },
  chenzt('000688.SS', '000688', { duplicateDatesKeepLast: ['2025-04-18'] }),
  chenzt('000300.SS', '000300'),
  chenzt('000001.SS', '000001'),
];

/** The symbol a raw file name's prefix (before '__') stands for. */
export function symbolOfRawFile(fileName: string): string | null {
  const prefix = fileName.split('__')[0];
  const map: Record<string, string> = {
    SPX: '^GSPC',
    GSPC: '^GSPC',
    NDX: '^NDX',
    IXIC: '^IXIC',
    SOX: '^SOX',
    '688256': '688256.SS',
    '688041': '688041.SS',
    '688981': '688981.SS',
    '600519': '600519.SS',
    '000688.SH': '000688.SS',
    '000300.SH': '000300.SS',
    '000001.SH': '000001.SS',
  };
  if (prefix.startsWith('_')) return null;
  return map[prefix] ?? prefix;
}

/** Reading options for secondary files (compared with the primary, never imported). */
export function secondaryFormat(fileName: string): RawFormat {
  if (fileName.startsWith('NVDA__AdamElkadri')) {
    // Header says Date,Open,High,Low,Close,Volume; PROVENANCE.md shows the real order.
    return { volumeUnit: 'shares', columns: ['Date', 'Close', 'High', 'Low', 'Open', 'Volume'] };
  }
  const cn = /^\d{6}/.test(fileName);
  return { volumeUnit: cn ? 'lots' : 'shares', duplicateDatesKeepLast: fileName.startsWith('000688') ? ['2025-04-18'] : [] };
}

/** Share counts stated by public pages (../shared/data/raw/shares/SHARES-SOURCES.md). Not prices. */
export interface StatedShareCount {
  symbol: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  totalShares: number;
  kind: 'stated' | 'derived';
  source: string;
  /** The Eastmoney snapshot code whose total must equal this count (cross-check), if any. */
  checkAgainstSnapshot?: boolean;
}

export const STATED_SHARE_COUNTS: readonly StatedShareCount[] = [
  {
    symbol: '688256.SS',
    validFrom: null,
    validTo: '2025-10-15',
    totalShares: 418_350_224,
    kind: 'derived',
    source: '421685170 minus the 3334946 placement shares registered 2025-10-16 (announcement 2025-059: https://cfi.cn/p20251020002061.html); equals the Eastmoney float count of 2025-12-26',
  },
  {
    symbol: '688256.SS',
    validFrom: '2025-10-16',
    validTo: '2026-03-12',
    totalShares: 421_685_170,
    kind: 'stated',
    source: 'announcement 2025-059 (https://cfi.cn/p20251020002061.html) and 2026-003; equals the Eastmoney total of 2025-12-26',
    checkAgainstSnapshot: true,
  },
  {
    symbol: '600519.SS',
    validFrom: null,
    validTo: '2025-08-29',
    totalShares: 1_256_197_800,
    kind: 'stated',
    source: 'buyback announcement 2024-09-20 (https://stock.stockstar.com/notice/SN2024092000043909.shtml): 12.56亿 shares before the cancellation',
  },
  {
    symbol: '600519.SS',
    validFrom: '2025-12-26',
    validTo: null,
    totalShares: 1_252_270_215,
    kind: 'stated',
    source: '1256197800 minus 3927585 cancelled buyback shares; Eastmoney snapshot of 2025-12-26 (cancellation date 2025-08-29..2025-12-26 not found: no count for those days)',
    checkAgainstSnapshot: true,
  },
];

/** Eastmoney quote-list snapshots (总市值/最新价 = total shares, 流通市值/最新价 = float shares). */
export const SHARE_SNAPSHOT_FILES: readonly { file: string; repo: string; path: string; commit: string; asOf: IsoDate | null }[] = [
  {
    file: 'shares/stock_list_sh_xsb__GerryZhang0925__data-driven-stock-picker__c20251227.csv',
    repo: 'github.com/GerryZhang0925/data-driven-stock-picker',
    path: 'data/daily/stock_list_sh_xsb.csv',
    commit: 'e7524bd9c0880e13c652852e2991df5fc800205b',
    asOf: '2025-12-26',
  },
];

/** What a reader must know about an Eastmoney-derived count (SHARES-SOURCES.md / PROVENANCE.md). */
export const SNAPSHOT_SHARE_CAVEATS: Readonly<Record<string, string>> = {
  '688981.SS': 'Eastmoney values A and H shares together at the A-share price; the float figure 1999562549 is the A-share count',
  '688041.SS': 'no dated 2024-2025 figure found; incentive vestings and the Sugon merger plan not checked',
};

/** Primary USD/CNY file: FRED DEXCHUS; rows from this date on came from a Yahoo fallback and are not imported. */
export const FX_SPEC = {
  file: 'fx/usdcny__chepin-ai__vinf-market-kernel.csv',
  repo: 'github.com/chepin-ai/vinf-market-kernel',
  path: 'usdcny.csv',
  commit: '8e6b4396689d8f133b3f28eefd7e1ff2f0bd1c1e',
  excludeFrom: '2026-07-05',
  compareWith: 'fx/DEXCHUS__codejoncode__congenial-fortnight.csv',
} as const;
