/**
 * checkArticle: from news text to a verdict for every market claim in it. Each extracted claim is
 * handed to the claim checker (src/claims/check.ts) exactly as `impact check` would get it, so the
 * evidence and the explanation are the checker's own; the article adds where the claim is, what
 * the text said, and every number it did not check, with the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUserFacingError } from '../../errors.ts';
import type { IsoDate, SymbolInfo } from '../../types.ts';
import { SYMBOLS } from '../../data/symbols.ts';
import { checkClaimWith, type CheckClaimOptions } from '../check.ts';
import { formatMovePct } from '../parse.ts';
import type { ClaimCheck, ClaimDataAccess } from '../types.ts';
import { buildAliasTable, compileCompanyFinder, parseAliasFile, type AliasEntry } from './companies.ts';
import { extractArticle, type ExtractedArticle } from './extract.ts';
import type { LiveSourceOptions } from '../../data/live-source.ts';
import type { DataRead } from '../../data/verified.ts';
import { processLibraryCalls } from '../../study/call-log.ts';
import type { ArticleCheck, ArticleClaim, ArticleLanguage, ExtractedClaim } from './types.ts';

export interface CheckArticleOptions {
  /** The article's date, 'YYYY-MM-DD' (else the date the text states about itself). */
  date?: IsoDate;
  /** IANA zone of a dateline's time when the text names none (--tz). */
  timeZone?: string;
  /** Force the language (default: detected). */
  language?: ArticleLanguage;
  /** Extra names (an --aliases file, parsed with parseAliasFile). */
  aliases?: readonly AliasEntry[];
  /** An --aliases file to read (JSON, see parseAliasFile). */
  aliasFile?: string;
  /** A data folder overlaying the bundled snapshot (its symbols join the alias table). */
  dataDir?: string;
  /**
   * Data access (default: openDataStore({ dataDir }); with `source: 'yahoo'` the claims' securities
   * and benchmarks pinned from Yahoo Finance, see src/claims/live-data.ts).
   */
  data?: ClaimDataAccess;
  /** 'yahoo': check the claims on live prices pinned in `dataDir` (default: IMPACT_SOURCE, else the snapshot). */
  source?: LiveSourceOptions['source'];
  /** With 'yahoo': pull again (default IMPACT_REFRESH=1). */
  refresh?: boolean;
  /** With 'yahoo': the fetch to ask Yahoo through (tests), the per-request limit, notices. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  onNotice?: (line: string) => void;
  /** Securities beyond the bundled ones whose names the reader should know (a data folder's). */
  symbols?: readonly Pick<SymbolInfo, 'symbol' | 'name' | 'aliases'>[];
  check?: CheckClaimOptions;
}

/** checkClaim's market-cap statuses as article verdicts ('unavailable' → 'no-data'). */
export function capVerdict(status: string | undefined): string {
  return status === undefined || status === 'unavailable' ? 'no-data' : status;
}

/** checkClaim's move verdicts as article verdicts (passed through; 'unavailable' → 'no-data'). */
export function moveVerdict(verdict: string): string {
  return verdict === 'unavailable' ? 'no-data' : verdict;
}

/** The `impact check` command line giving the same answer as one article claim. */
export function checkCommandFor(claim: Pick<ExtractedClaim, 'input'>): string {
  const i = claim.input;
  const move = typeof i.move === 'number' ? formatMovePct(i.move, 4) : String(i.move);
  const parts = ['impact check', i.subject.includes(' ') ? `'${i.subject}'` : i.subject, `--move=${move.replace(/\.?0+%$/, '%')}`, `--reported ${i.reportedOn}`];
  if (i.basis && i.basis !== 'close') parts.push(`--basis ${i.basis}`);
  if (i.lookback !== undefined) parts.push(`--lookback ${i.lookback}`);
  const caps = Array.isArray(i.marketCap) ? i.marketCap : i.marketCap ? [i.marketCap] : [];
  for (const c of caps) if (typeof c === 'object' && c !== null) parts.push(`--market-cap '${c.value} ${c.currency}'`);
  return parts.join(' ');
}

/** The data folder's own symbols (its manifest), for the alias table. */
function folderSymbols(dataDir: string | undefined): SymbolInfo[] {
  if (dataDir === undefined) return [];
  try {
    const manifest = JSON.parse(readFileSync(`${dataDir}/manifest.json`, 'utf8')) as { symbols?: Record<string, SymbolInfo> };
    return Object.values(manifest.symbols ?? {}).map((s) => ({ ...s, aliases: s.aliases ?? [] }));
  } catch {
    return [];
  }
}

/**
 * Reads an article and checks every market claim in it.
 * @example
 * const r = await checkArticle(readFileSync('examples/cambricon-fr.txt', 'utf8'));
 * r.claims.map((c) => [c.symbol, c.kind, c.verdict]) // [['688256.SS', 'move', 'confirmed'], ['688256.SS', 'market-cap', 'consistent']]
 * @throws InputError when the article has no date and none is given, or for a bad option
 */
export async function checkArticle(text: string, options: CheckArticleOptions = {}): Promise<ArticleCheck> {
  if (options.data) return checkArticleWith(text, options.data, options);
  const { openDataStore } = await import('../../data/store.ts');
  const { priceSourceOf } = await import('../../data/live-source.ts');
  const live = priceSourceOf(options.source).source === 'yahoo';
  // A live folder may not exist before its first pin: then the bundled names are the ones known.
  const folder = options.dataDir === undefined ? {} : !live || existsSync(join(options.dataDir, 'manifest.json')) ? { dataDir: options.dataDir } : { dataDir: null };
  const store = openDataStore(folder);
  if (!live) return checkArticleWith(text, store, options);
  // Read the article first: its claims name the securities and days to pin; then check them on the pins.
  const extracted = readArticle(text, store, options);
  const { liveClaimData } = await import('../live-data.ts');
  const data = await liveClaimData(
    extracted.claims.map((c) => c.input),
    { ...options, ...options.check, source: 'yahoo' },
  );
  return checkExtracted(extracted, data, options);
}

/** Synchronous core of checkArticle with explicit data access. */
export function checkArticleWith(text: string, data: ClaimDataAccess, options: CheckArticleOptions = {}): ArticleCheck {
  return checkExtracted(readArticle(text, data, options), data, options);
}

/** The article read: sentences, claims and the numbers not checked (names from the data's symbols). */
function readArticle(text: string, data: Pick<ClaimDataAccess, 'resolveSymbol'>, options: CheckArticleOptions): ExtractedArticle {
  const symbols = [...SYMBOLS, ...folderSymbols(options.dataDir), ...(options.symbols ?? [])];
  const extra = [...(options.aliases ?? [])];
  if (options.aliasFile !== undefined) extra.push(...parseAliasFile(readFileSync(options.aliasFile, 'utf8'), options.aliasFile, (s) => data.resolveSymbol(s)));
  const finder = compileCompanyFinder(buildAliasTable(symbols, extra));
  return extractArticle(text, {
    finder,
    symbolInfo: (s) => data.resolveSymbol(s),
    ...(options.date !== undefined ? { date: options.date } : {}),
    ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
    ...(options.language !== undefined ? { language: options.language } : {}),
  });
}

/** Each extracted claim checked exactly as `impact check` would, with the article's view of it. */
function checkExtracted(extracted: ExtractedArticle, data: ClaimDataAccess & { reads?: () => DataRead[] }, options: CheckArticleOptions): ArticleCheck {
  const callsBefore = processLibraryCalls().length;

  // One check per input: a move and the market value stated with it share one checkClaim call.
  const results = new Map<object, { check: ClaimCheck | null; error: string | null }>();
  for (const c of extracted.claims) {
    if (results.has(c.input)) continue;
    try {
      results.set(c.input, { check: checkClaimWith(c.input, data, options.check), error: null });
    } catch (e) {
      if (!isUserFacingError(e)) throw e;
      results.set(c.input, { check: null, error: (e as Error).message });
    }
  }
  const claims: ArticleClaim[] = [];
  const checks: (ClaimCheck | null)[] = [];
  for (const c of extracted.claims) {
    const { check, error } = results.get(c.input)!;
    const { input, ...rest } = c;
    const isMove = c.kind === 'move';
    // A move claim gets the move's own verdict; its market value is a claim of its own (capVerdict).
    const verdict = check === null ? 'no-data' : isMove ? moveVerdict(check.moveVerdict) : capVerdict(check.marketCap?.status);
    claims.push({
      ...rest,
      input,
      verdict,
      matchedDate: check === null ? null : isMove ? check.matchedDate : (check.marketCap?.date ?? null),
      matchedMove: isMove ? (check?.matchedMove ?? null) : null,
      explanation: check === null ? `Not checked against the prices: ${error}` : check.explanation,
      evidence: check?.evidence ?? [],
      marketCap: isMove ? null : (check?.marketCap ?? null),
      checkCommand: checkCommandFor(c),
      notes: check?.notes ?? (error ? [error] : []),
    });
    checks.push(check);
  }
  return {
    article: {
      date: extracted.article.date,
      dateSource: extracted.article.source,
      dateText: extracted.article.found,
      time: extracted.article.time,
      timeZone: extracted.article.timeZone,
      language: extracted.article.language,
    },
    sentences: extracted.sentences,
    claims,
    notChecked: extracted.notChecked,
    checks,
    // What ran (this article's checkClaim calls) and what was read, as a study's footer has them.
    provenance: { calls: processLibraryCalls().slice(callsBefore), reads: typeof data.reads === 'function' ? data.reads() : [] },
  };
}
