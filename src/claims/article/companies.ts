/**
 * Companies and indices in news text: a multilingual alias table for every security the data
 * knows (names, short names, Chinese names, tickers, '688256.SH', 'NASDAQ: NVDA', '$NVDA'), the
 * names of well-known companies that are not listed (Huawei, DeepSeek, OpenAI…) or not in the
 * data (Alibaba, Apple…), and the finder that marks them in a sentence.
 */
import { InputError } from '../../errors.ts';
import type { SymbolInfo } from '../../types.ts';
import type { CompanyMention } from './types.ts';

/** One name of the table: a security of the data, or a company known to have none. */
export interface AliasEntry {
  name: string;
  /** The security (Yahoo symbol), or null for a company that is not one in the data. */
  symbol: string | null;
  /** Why `symbol` is null. */
  reason?: string;
  /** Match only with this exact case (tickers and short words such as 'Meta', 'Arm'). */
  caseSensitive?: boolean;
}

export const NOT_LISTED = 'not a listed security';
export const NOT_IN_DATA = 'company not in the data (add its prices with --data-dir and its names with --aliases)';

/**
 * Names beyond the symbol table's own aliases, in the six languages' usual spellings.
 * (Indices are securities too: 'the Nasdaq Composite fell 3.1%' is a claim about ^IXIC.)
 */
export const EXTRA_ALIASES: Readonly<Record<string, readonly string[]>> = {
  NVDA: ['Nvidia', 'NVIDIA Corp', 'Nvidia Corp', 'Nvidia Corporation', '英伟达', '輝達', '辉达'],
  AMD: ['Advanced Micro Devices', 'Amd', '超威半导体', '超威'],
  AVGO: ['Broadcom', 'Broadcom Inc', '博通'],
  MSFT: ['Microsoft', '微软'],
  META: ['Meta Platforms', 'Meta', 'Facebook'],
  GOOGL: ['Alphabet', 'Google', '谷歌'],
  TSM: ['TSMC', 'Tsmc', 'Taiwan Semiconductor Manufacturing', 'Taiwan Semiconductor Manufacturing Co', 'Taiwan Semiconductor', '台积电', '台積電'],
  '^GSPC': ['S&P 500', 'S&P-500', 'S&P500', 'Standard & Poor’s 500', "Standard & Poor's 500", '标普500指数', '标普500'],
  '^NDX': ['Nasdaq-100', 'Nasdaq 100', '纳斯达克100指数'],
  '^IXIC': ['Nasdaq Composite', 'Nasdaq-Composite', 'Nasdaq composite', 'Nasdaq', 'Nasdaq Composite Index', '纳斯达克综合指数', '纳斯达克指数', '纳指'],
  '^SOX': ['Philadelphia Semiconductor Index', 'PHLX Semiconductor', 'Philadelphia semiconductor index', '费城半导体指数', '费城半导体'],
  '688256.SS': ['Cambricon', 'Cambricon Technologies', '寒武纪', '寒武纪-U', '寒武纪科技'],
  '688041.SS': ['Hygon', 'Hygon Information', 'Hygon Information Technology', '海光信息', '海光'],
  '688981.SS': ['SMIC', 'Smic', 'Semiconductor Manufacturing International', 'Semiconductor Manufacturing International Corp', '中芯国际', '中芯'],
  '600519.SS': ['Moutai', 'Kweichow Moutai', '贵州茅台', '茅台'],
  '000688.SS': ['STAR 50', 'STAR Market 50', 'STAR50', 'Star 50', '科创50指数', '科创50'],
  '000300.SS': ['CSI 300', 'CSI300', '沪深300指数', '沪深300'],
  '000001.SS': ['Shanghai Composite', 'SSE Composite', 'Shanghai Composite Index', '上证指数', '上证综指', '沪指'],
};

/** Companies that have no listed shares (names as written in the six languages). */
export const UNLISTED_COMPANIES: readonly string[] = [
  'Huawei', '华为', 'DeepSeek', '深度求索', 'OpenAI', 'Anthropic', 'Mistral AI', 'Mistral', 'xAI', 'ByteDance', '字节跳动',
  'Moonshot AI', '月之暗面', 'Zhipu', '智谱', 'MiniMax', 'Perplexity', 'SpaceX', 'Unitree', '宇树科技', 'Cohere', 'Safe Superintelligence',
];

/** Listed companies the bundled data does not hold. */
export const LISTED_NOT_IN_DATA: readonly string[] = [
  'Alibaba', '阿里巴巴', 'Tencent', '腾讯', 'Baidu', '百度', 'Apple', '苹果', 'Intel', '英特尔', 'ASML', 'Samsung', '三星', 'SK Hynix', 'Hynix',
  'Micron', '美光', 'Oracle', '甲骨文', 'Xiaomi', '小米', 'Amazon', '亚马逊', 'Tesla', '特斯拉', 'Qualcomm', '高通', 'Marvell', 'Super Micro',
  'Supermicro', 'Dell', 'SAP', 'Siemens', 'Infineon', 'Lenovo', '联想', 'SenseTime', '商汤', 'iFlytek', '科大讯飞', 'Inspur', '浪潮信息',
  'Zhongji Innolight', '中际旭创', 'Sugon', '中科曙光', 'Arm Holdings', 'Palantir', 'CoreWeave', 'Vertiv', 'Constellation Energy',
];

/** Words that refer back to the last company named: 'the stock', 'ses actions', '该股'. */
export const STOCK_ANAPHORS =
  /(?<![\p{L}])(?:the stock|the shares|its shares|its stock|the (?:chipmaker|chip maker|chip designer|chip company|company|group|firm)(?:['’]s (?:shares|stock))?|l'action|l’action|le titre|ses actions|le groupe|la société|l'entreprise|l’entreprise|le (?:fabricant|concepteur|spécialiste) (?:de|des) (?:puces|semi-conducteurs)|le fondeur|il titolo|le azioni|le sue azioni|il gruppo|la società|l'azienda|l’azienda|il produttore di chip|die aktie|das papier|die papiere|die titel|der (?:konzern|chipkonzern|chiphersteller|chipentwickler|halbleiterkonzern)|das unternehmen|la acción|las acciones|los títulos|el título|sus acciones|el grupo|la compañía|la empresa|el fabricante de (?:chips|semiconductores))(?![\p{L}])|该股|该公司股价|该公司/giu;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isCjk = (s: string) => /\p{Script=Han}/u.test(s);

/** The names of a symbol-table entry: its symbol, its aliases, and its display name without parentheses. */
function namesOf(info: Pick<SymbolInfo, 'symbol' | 'name' | 'aliases'>): AliasEntry[] {
  const out: AliasEntry[] = [];
  const plain = info.name.replace(/\s*\(([^)]*)\)\s*$/, '').trim();
  const inner = /\(([^)]*)\)\s*$/.exec(info.name)?.[1];
  if (plain) out.push({ name: plain, symbol: info.symbol });
  if (inner) for (const part of inner.split(/[,，]/)) if (isCjk(part.trim())) out.push({ name: part.trim(), symbol: info.symbol });
  // Tickers are matched as written (upper case): 'META' is a ticker, 'meta' a word.
  if (/^[A-Z^][A-Z.^]{0,9}$/.test(info.symbol)) out.push({ name: info.symbol.replace(/^\^/, ''), symbol: info.symbol, caseSensitive: true });
  for (const a of info.aliases) {
    if (/^[a-z]{1,4}$/.test(a) || /^[A-Z]{1,5}$/.test(a)) out.push({ name: a.toUpperCase(), symbol: info.symbol, caseSensitive: true });
    else out.push({ name: a, symbol: info.symbol });
  }
  // A-share codes: 688256 -> 688256.SH / 688256.SS / SH688256.
  const code = /^(\d{6})\.(SS|SZ)$/.exec(info.symbol);
  if (code) {
    const ex = code[2] === 'SS' ? 'SH' : 'SZ';
    for (const n of [code[1], `${code[1]}.SH`, `${code[1]}.SS`, `${code[1]}.SZ`, `${ex}${code[1]}`, `${ex.toLowerCase()}${code[1]}`]) out.push({ name: n, symbol: info.symbol, caseSensitive: true });
  }
  return out;
}

/**
 * The alias table: every symbol of `symbols` with its names, the extra multilingual names, the
 * unlisted and not-in-data companies, then `extra` (an --aliases file; its names win).
 */
export function buildAliasTable(symbols: readonly Pick<SymbolInfo, 'symbol' | 'name' | 'aliases'>[], extra: readonly AliasEntry[] = []): AliasEntry[] {
  const known = new Set(symbols.map((s) => s.symbol));
  const table = new Map<string, AliasEntry>();
  const put = (e: AliasEntry) => table.set(e.caseSensitive ? `=${e.name}` : e.name.toLowerCase(), e);
  for (const n of UNLISTED_COMPANIES) put({ name: n, symbol: null, reason: NOT_LISTED });
  for (const n of LISTED_NOT_IN_DATA) put({ name: n, symbol: null, reason: NOT_IN_DATA });
  put({ name: 'Arm', symbol: null, reason: NOT_IN_DATA, caseSensitive: true });
  for (const s of symbols) for (const e of namesOf(s)) put(e);
  for (const [symbol, names] of Object.entries(EXTRA_ALIASES)) if (known.has(symbol)) for (const n of names) put({ name: n, symbol, ...(n.length <= 4 && !isCjk(n) ? { caseSensitive: true } : {}) });
  for (const e of extra) put(e);
  return [...table.values()];
}

/**
 * Reads an --aliases file: JSON `{ "aliases": { "SYMBOL": ["name", ...] }, "unlisted": ["name", ...] }`.
 * Every symbol must be one `resolve` knows (the data's symbols); names are matched like the
 * built-in ones (case-insensitive, except names of up to four Latin letters).
 * @throws InputError naming the file and the entry at fault
 */
export function parseAliasFile(text: string, file: string, resolve: (symbol: string) => SymbolInfo): AliasEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new InputError(`${file}: expected an object { "aliases": { "SYMBOL": ["name", ...] }, "unlisted": ["name", ...] }`);
  const o = doc as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'aliases' && k !== 'unlisted') throw new InputError(`${file}: unknown field '${k}' (expected aliases, unlisted)`);
  const out: AliasEntry[] = [];
  const names = (v: unknown, where: string): string[] => {
    if (!Array.isArray(v) || v.some((n) => typeof n !== 'string' || n.trim() === '')) throw new InputError(`${file}: ${where} must be a list of non-empty names`);
    return (v as string[]).map((n) => n.trim());
  };
  if (o.aliases !== undefined) {
    if (o.aliases === null || typeof o.aliases !== 'object' || Array.isArray(o.aliases)) throw new InputError(`${file}: "aliases" must be an object { "SYMBOL": ["name", ...] }`);
    for (const [symbol, list] of Object.entries(o.aliases as Record<string, unknown>)) {
      let info: SymbolInfo;
      try {
        info = resolve(symbol);
      } catch (e) {
        throw new InputError(`${file}: aliases of '${symbol}': ${(e as Error).message}`);
      }
      for (const n of names(list, `aliases of '${symbol}'`)) out.push({ name: n, symbol: info.symbol, ...(/^[A-Za-z]{1,4}$/.test(n) ? { caseSensitive: true } : {}) });
    }
  }
  if (o.unlisted !== undefined) for (const n of names(o.unlisted, '"unlisted"')) out.push({ name: n, symbol: null, reason: NOT_LISTED });
  return out;
}

/** A compiled finder for one alias table. */
export interface CompanyFinder {
  find(text: string): CompanyMention[];
  /** The display name of a symbol (its first alias in the table). */
  entries: readonly AliasEntry[];
}

/**
 * Compiles a table into a finder. Latin names match as whole words (a German genitive 's' and
 * compounds such as 'Nvidia-Aktie' included) and must not start lower-case ('nvidia' in a URL is
 * not a mention) unless the name does ('iShares'); Chinese names match anywhere; the longest name wins. Also '$NVDA' and
 * 'NASDAQ: NVDA' / 'NYSE: TSM' / 'SH: 688256' forms of tickers in the table.
 * @example compileCompanyFinder(buildAliasTable(SYMBOLS)).find('Nvidia shares fell')[0].symbol // 'NVDA'
 */
export function compileCompanyFinder(table: readonly AliasEntry[]): CompanyFinder {
  const sorted = [...table].sort((a, b) => b.name.length - a.name.length);
  const ci = new Map<string, AliasEntry>();
  const cs = new Map<string, AliasEntry>();
  for (const e of sorted) (e.caseSensitive ? cs : ci).set(e.caseSensitive ? e.name : e.name.toLowerCase(), e);
  const alt = sorted.map((e) => escapeRe(e.name)).join('|');
  const re = new RegExp(`(?:(?:NASDAQ|Nasdaq|NYSE|Nyse|SSE|SZSE|SH|SZ)\\s?[:：]\\s?|\\$)?(?<![\\p{Script=Latin}\\p{N}])(${alt})(?:s(?=[^\\p{L}]|$))?(?![\\p{Script=Latin}\\p{N}])|(${sorted.filter((e) => isCjk(e.name)).map((e) => escapeRe(e.name)).join('|') || '(?!)'})`, 'gu');
  const reCi = new RegExp(re.source, 'giu');
  return {
    entries: sorted,
    find(text: string): CompanyMention[] {
      const out: CompanyMention[] = [];
      for (const m of text.matchAll(reCi)) {
        const word = m[1] ?? m[2];
        const entry = cs.get(word) ?? ci.get(word.toLowerCase());
        if (!entry) continue;
        if (entry.caseSensitive && entry.name !== word) continue;
        // A lower-case start is a word, not a name ('nvidia' in a URL), unless the name itself is
        // written so ('iShares Semiconductor ETF').
        if (!isCjk(word) && /^\p{Ll}/u.test(word) && word[0] !== entry.name[0]) continue;
        const start = m.index!;
        const end = start + m[0].length;
        out.push({ start, end, text: m[0], symbol: entry.symbol, ...(entry.reason ? { reason: entry.reason } : {}) });
      }
      for (const m of text.matchAll(STOCK_ANAPHORS)) {
        if (out.some((c) => m.index! < c.end && m.index! + m[0].length > c.start)) continue;
        out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], symbol: null, anaphor: true });
      }
      return out.sort((a, b) => a.start - b.start);
    },
  };
}
