/**
 * Conclusion sentences built from a StudyResult: which security, which day, against which
 * benchmark, how large the abnormal return, how many of the counted tests reject. A study's
 * bottom line and captions are made of these, so a study copied to another stock says what its
 * own run found — nothing in them is typed by hand. Plain data in, one string out; every number
 * goes through the shared formatters (src/format.ts), every verdict follows from a p-value and
 * the level (default 5%).
 *
 * Names come from `nameOf(symbol)`; the default asks the data store (the bundled snapshot and any
 * data folder) for the security's name without its parenthetical, and falls back to the symbol.
 */
import { MINUS, fixed, pPhrase, shortName, signedPercent } from '../format.ts';
import { defaultDataStore } from '../data/store.ts';
import { countedTests, eventsAdjustedP, significantTests } from './summaries.ts';
import type { AggregateRow, CarRow, EventResult, StudyResult } from './types.ts';
import type { CarRegression } from './regress.ts';
import type { Measure } from './measures.ts';

/** Options of the sentence builders. */
export interface ConclusionOptions {
  /** Significance level of every verdict (default 0.05). */
  level?: number;
  /** Display name of a symbol (default: the data store's name, e.g. '000688.SS' → 'STAR 50'). */
  nameOf?: (symbol: string) => string;
}

/** Below this many events the rank, sign and bootstrap tests have little power (STATISTICS.md: asymptotics need N in the tens). */
export const SMALL_PANEL = 10;

const levelOf = (o: ConclusionOptions) => o.level ?? 0.05;
/** '5%' for 0.05. */
const levelText = (level: number) => `${Number((level * 100).toPrecision(2))}%`;

/**
 * The default name lookup: the data store's name without its parenthetical, else the symbol.
 * @example defaultNameOf('000688.SS') // 'STAR 50'
 */
export function defaultNameOf(symbol: string): string {
  try {
    return shortName(defaultDataStore().resolveSymbol(symbol).name);
  } catch {
    return symbol;
  }
}

/**
 * A symbol in a sentence: 'STAR 50 (000688.SS)', or the symbol alone when it is its own name ('SPY').
 * @example symbolLabel('688256.SS') // 'Cambricon (688256.SS)'
 */
export function symbolLabel(symbol: string, options: ConclusionOptions = {}): string {
  const name = (options.nameOf ?? defaultNameOf)(symbol);
  return name === symbol || name === '' ? symbol : `${name} (${symbol})`;
}

/** An event's security in a sentence, from the result's own name: 'Cambricon (688256.SS)'. */
export function securityLabel(e: Pick<EventResult, 'symbol' | 'name'>): string {
  const name = shortName(e.name ?? '');
  return name === '' || name === e.symbol ? e.symbol : `${name} (${e.symbol})`;
}

/**
 * A CAR window label as prose: '[-1,+1]' → '[−1, +1]'.
 * @example windowText('[-5,+5]') // '[−5, +5]'
 */
export function windowText(label: string): string {
  return label.replace(/-/g, MINUS).replace(/,\s*/g, ', ');
}

/**
 * A list in prose: 'A', 'A and B', 'A, B and C'.
 * @example listText(['a', 'b', 'c']) // 'a, b and c'
 */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A count with its noun: '1 event', '3 events'. */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The distinct values of a list, in first-seen order. */
const distinct = <T>(xs: readonly T[]) => [...new Set(xs)];

/** A number with an explicit sign: '+0.89', '−1.20'. */
const signedFixed = (v: number, digits = 2) => (v > 0 ? '+' : '') + fixed(v, digits);

/**
 * What a study's cumulative abnormal values are called in a sentence, and how one is written:
 * returns as percentages ('CAR', '+7.00%'); abnormal log volume as a number with the factor it
 * means ('cumulative abnormal log volume', '+0.89 (2.44 times the usual volume)'); abnormal
 * volatility as a number ('cumulative abnormal volatility', '+24.59').
 * @example measureWords('volume').value(Math.log(2)) // '+0.69 (2.00 times the usual volume)'
 */
export function measureWords(measure: Measure | undefined): { single: string; mean: string; value: (v: number | null | undefined) => string } {
  if (measure === 'volume') {
    return {
      single: 'cumulative abnormal log volume over ',
      mean: 'mean cumulative abnormal log volume over ',
      value: (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${signedFixed(v)} (${fixed(Math.exp(v))} times the usual volume)`),
    };
  }
  if (measure === 'volatility') {
    return { single: 'cumulative abnormal volatility over ', mean: 'mean cumulative abnormal volatility over ', value: (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : signedFixed(v)) };
  }
  return { single: 'CAR', mean: 'CAAR', value: (v) => signedPercent(v) };
}

function aggregateRow(result: StudyResult, window: string): AggregateRow | undefined {
  return result.aggregate.find((a) => a.window === window);
}

function carRowOf(e: EventResult, window: string): CarRow | undefined {
  return e.car.find((c) => c.window === window);
}

/**
 * Day 0 in words: one date, or the range when the events have several.
 * @example day0Text(result) // 'day 0 2025-08-22'
 */
export function day0Text(result: Pick<StudyResult, 'events'>): string {
  const days = distinct(result.events.map((e) => e.day0)).sort();
  if (days.length === 0) return 'no day 0';
  return days.length === 1 ? `day 0 ${days[0]}` : `day 0 from ${days[0]} to ${days[days.length - 1]}`;
}

/** The benchmarks of a result in words: 'STAR 50 (000688.SS)', or 'SPY and STAR 50 (000688.SS)'. */
export function benchmarksText(result: Pick<StudyResult, 'events'>, options: ConclusionOptions = {}): string {
  const symbols = distinct(result.events.map((e) => e.market).filter((m): m is string => m !== null));
  return symbols.length === 0 ? 'no benchmark' : listText(symbols.map((s) => symbolLabel(s, options)));
}

/**
 * A caption for a result's tables: day 0, the model and the benchmark, from the result.
 * @example studyCaption(result) // 'Day 0 = 2025-08-22, market model vs STAR 50 (000688.SS)'
 */
export function studyCaption(result: Pick<StudyResult, 'events' | 'parameters'>, options: ConclusionOptions = {}): string {
  const days = distinct(result.events.map((e) => e.day0)).sort();
  const when = days.length === 0 ? 'No day 0' : days.length === 1 ? `Day 0 = ${days[0]}` : `Day 0 from ${days[0]} to ${days[days.length - 1]}`;
  return `${when}, ${result.parameters.model} model vs ${benchmarksText(result, options)}`;
}

/**
 * The method as run, from the result's effective parameters.
 * @example methodSentence(result)
 * // 'market model; estimation window [−250, −11] and event window [−5, +5] in trading days around day 0; CAR windows [−1, +1], [0, 0], [0, +1] and [−5, +5]; 13 tests; bootstrap with 9999 replications (seed 20250812).'
 */
export function methodSentence(result: Pick<StudyResult, 'parameters'>): string {
  const p = result.parameters;
  const w = (x: readonly number[]) => windowText(`[${x[0]},${x[1] > 0 ? '+' : ''}${x[1]}]`);
  const boot = p.bootstrap === false ? 'no bootstrap' : `bootstrap with ${p.bootstrap.replications} replications (seed ${p.bootstrap.seed})`;
  const measure = p.measure === 'volume' ? `abnormal log volume${p.volumeBasis === 'turnover' ? ' (turnover)' : ''}, ` : p.measure === 'volatility' ? 'abnormal volatility (AR²/s² − 1), ' : '';
  return `${measure}${p.model} model; estimation window ${w(p.estimationWindow)} and event window ${w(p.eventWindow)} in trading days around day 0; CAR windows ${listText(p.carWindows.map(w))}; ${count(p.tests.length, 'test')}; ${boot}.`;
}

/**
 * One event's day 0 in a sentence: its return, the benchmark's, the abnormal return with t and p
 * (the CAR[0,0] statistics), the verdict at the level, and a limit close when there was one.
 * @example day0Sentence(event)
 * // 'On 2025-08-12 (day 0) Cambricon (688256.SS) returned +20.00% while STAR 50 (000688.SS) returned +1.91%: an abnormal return of +17.19% (t = 5.16, p < 0.0001), significant at 5%; it closed at the daily limit (limit-up), so the return is censored.'
 */
export function day0Sentence(e: EventResult, options: ConclusionOptions = {}): string {
  const level = levelOf(options);
  const who = securityLabel(e);
  const d0 = e.ar.find((d) => d.rel === 0);
  if (!d0 || d0.ret === null || d0.ar === null) return `${who} has no return on day 0 (${e.day0}).`;
  const c0 = carRowOf(e, '[0,0]');
  const t = c0?.t ?? d0.sar;
  const p = c0?.p ?? null;
  const market = e.market === null ? '' : ` while ${symbolLabel(e.market, options)} returned ${signedPercent(d0.marketRet)}`;
  const stats = [t === null ? null : `t = ${fixed(t)}`, p === null ? null : pPhrase(p)].filter((s) => s !== null).join(', ');
  const verdict = p === null ? '' : p < level ? `, significant at ${levelText(level)}` : `, not significant at ${levelText(level)}`;
  const limit = d0.limitUp || d0.limitDown ? `; it closed at the daily limit (limit-${d0.limitUp ? 'up' : 'down'}), so the return is censored` : '';
  return `On ${e.day0} (day 0) ${who} returned ${signedPercent(d0.ret)}${market}: an abnormal return of ${signedPercent(d0.ar)}${stats === '' ? '' : ` (${stats})`}${verdict}${limit}.`;
}

/**
 * The multiple-testing clause of a count: ' after Holm's adjustment for 13 tests (Benjamini–Hochberg:
 * 7; unadjusted: 8)', or '' for a family of one (nothing to adjust).
 */
function adjustedClause(n: number, noun: string, bh: number, raw: number): string {
  return n <= 1 ? '' : ` after Holm's adjustment for ${count(n, noun)} (Benjamini–Hochberg: ${bh}; unadjusted: ${raw})`;
}

/**
 * The panel's tests of one window: CAAR, how many of the counted tests reject "no effect" at the
 * level (significantTests / countedTests: only countable results) — counted on their p-values
 * adjusted for the number of tests by Holm (1979), with the Benjamini–Hochberg and unadjusted
 * counts beside it — which tests are left out of the count and why, and — when events share
 * calendar time — the Kolari–Pynnönen adjusted BMP test that allows for it.
 * @example panelTestsSentence(result, '[0,0]')
 * // 'Across 3 events (Cambricon, Hygon and SMIC; day 0 2025-08-22; vs STAR 50 (000688.SS)) the CAAR[0, 0] was +7.64%, and 6 of 13 tests reject "no effect" at 5% after Holm's adjustment for 13 tests (Benjamini–Hochberg: 7; unadjusted: 8).'
 */
export function panelTestsSentence(result: StudyResult, window: string, options: ConclusionOptions = {}): string {
  const level = levelOf(options);
  const agg = aggregateRow(result, window);
  const names = listText(distinct(result.events.map((e) => shortName(e.name ?? '') || e.symbol)));
  const scope = `${count(result.events.length, 'event')} (${names}; ${day0Text(result)}; vs ${benchmarksText(result, options)})`;
  const words = measureWords(result.parameters.measure);
  if (!agg || agg.N === 0) return `No ${words.mean}${windowText(window)} could be computed across ${scope}.`;
  const sig = significantTests(result, window, level);
  const k = sig.holm.length;
  const rejecting = k === 0 ? 'no test rejects' : `${k} of ${sig.computed} tests reject`;
  const clause = adjustedClause(sig.computed, 'test', sig.bh.length, sig.rejecting.length);
  const parts = [`Across ${scope} the ${words.mean}${windowText(window)} was ${words.value(agg.caar)}, and ${rejecting} "no effect" at ${levelText(level)}${clause}${k === 0 && sig.computed <= 1 ? ` (of ${sig.computed} counted)` : ''}.`];
  if (sig.excluded.length > 0) {
    const notes = Object.values(agg.tests).filter((t) => t.p !== null && t.countable === false);
    const why = notes.map((t) => (t.note ? `${t.label}: ${t.note}` : t.label)).join('; ');
    parts.push(`Not counted, because ${sig.excluded.length === 1 ? 'it overstates' : 'they overstate'} significance here: ${why}.`);
  }
  const clustered = result.events.filter((e) => e.flags.eventWindowOverlapCount > 0).length > 1;
  const adjusted = Object.values(agg.tests).find((t) => t.test === 'adjusted-bmp');
  if (clustered && adjusted && countedTests({ adjusted }).length === 1) {
    parts.push(`The events share calendar time (r̄ = ${result.rbar === null ? 'n/a' : fixed(result.rbar, 3)}): the ${adjusted.label}, which allows for that, gives ${pPhrase(adjusted.p)}.`);
  }
  return parts.join(' ');
}

/**
 * The events significant over a window: each event's CAR p-value adjusted by Holm (1979) among
 * the events that have one (eventsAdjustedP), the event significant when the adjusted p is below
 * the level; with one event there is nothing to adjust.
 */
function significantEvents(result: StudyResult, window: string, level: number) {
  const fam = eventsAdjustedP(result, window);
  const hits = result.events.flatMap((e, i) => {
    const c = carRowOf(e, window);
    const holm = fam.holm[i];
    return c !== undefined && holm !== null && holm < level ? [{ e, c, holm }] : [];
  });
  const below = (v: (number | null)[]) => v.filter((x) => x !== null && x < level).length;
  return { hits, n: fam.n, bh: below(fam.bh), raw: below(fam.p) };
}

/**
 * Which events have a significant CAR over a window, by sign, on p-values adjusted for the
 * number of events by Holm (1979), with the Benjamini–Hochberg and unadjusted counts.
 * @example significantEventsSentence(result, '[0,0]')
 * // '2 of 7 events have a significantly negative CAR[0, 0] at 5% after Holm's adjustment for 7 events (Benjamini–Hochberg: 3; unadjusted: 3): NVIDIA (NVDA) −15.20% (p < 0.0001, Holm p = 0.0003) and Broadcom (AVGO) −13.00% (p = 0.0002, Holm p = 0.0012).'
 */
export function significantEventsSentence(result: StudyResult, window: string, options: ConclusionOptions = {}): string {
  const level = levelOf(options);
  const { hits, n: tested, bh, raw } = significantEvents(result, window, level);
  const n = result.events.length;
  const words = measureWords(result.parameters.measure);
  const clause = adjustedClause(tested, 'event', bh, raw);
  if (hits.length === 0) return `No single event of ${n} has a significant ${words.single}${windowText(window)} at ${levelText(level)}${clause}.`;
  const pText = (p: number, holm: number) => (tested <= 1 ? pPhrase(p) : `${pPhrase(p)}, Holm ${pPhrase(holm)}`);
  const phrase = (sign: 'negative' | 'positive', withClause: boolean) => {
    const group = hits.filter(({ c }) => (sign === 'negative' ? c.car < 0 : c.car >= 0));
    if (group.length === 0) return null;
    return `${group.length} of ${n} events ${group.length === 1 ? 'has' : 'have'} a significantly ${sign} ${words.single}${windowText(window)} at ${levelText(level)}${withClause ? clause : ''}: ${listText(group.map(({ e, c, holm }) => `${securityLabel(e)} ${words.value(c.car)} (${pText(c.p, holm)})`))}`;
  };
  const negative = phrase('negative', true);
  return `${[negative, phrase('positive', negative === null)].filter((s) => s !== null).join('; ')}.`;
}

/**
 * The CAAR over several windows in one sentence, naming the events' securities.
 * @example caarSentence(result, ['[0,0]', '[-1,+1]'])
 * // 'Across 3 events (Cambricon, Hygon Information and SMIC) the CAAR was +1.17% over [0, 0] and −0.30% over [−1, +1].'
 */
export function caarSentence(result: StudyResult, windows: readonly string[]): string {
  const parts = windows.map((w) => `${signedPercent(aggregateRow(result, w)?.caar)} over ${windowText(w)}`);
  return `Across ${count(result.events.length, 'event')} (${listText(distinct(result.events.map((e) => shortName(e.name ?? '') || e.symbol)))}) the CAAR was ${listText(parts)}.`;
}

/**
 * The verdict over several windows: "no detectable reaction" only when no counted test rejects in
 * any window and no single event is significant; otherwise which tests and events reject. Tests
 * are counted on their Holm-adjusted p among a window's counted tests, events on their
 * Holm-adjusted p among the window's events (see panelTestsSentence, significantEventsSentence).
 * @example windowsVerdictSentence(result, ['[0,0]', '[-1,+1]'])
 * // 'No counted test rejects "no effect" at 5% in [0, 0] or [−1, +1] after Holm's adjustment, and no single event has a significant CAR: no detectable reaction beyond what the benchmark explains.'
 */
export function windowsVerdictSentence(result: StudyResult, windows: readonly string[], options: ConclusionOptions = {}): string {
  const level = levelOf(options);
  const byWindow = windows.map((w) => ({ w, ...significantTests(result, w, level) }));
  const rejecting = byWindow.filter((x) => x.holm.length > 0);
  const eventHits = windows.map((w) => ({ w, ...significantEvents(result, w, level) }));
  const events = result.events.filter((e) => eventHits.some((x) => x.hits.some((h) => h.e === e)));
  const where = listText(windows.map(windowText)).replace(/ and ([^,]*)$/, ' or $1');
  const adjusted = byWindow.some((x) => x.computed > 1) || eventHits.some((x) => x.n > 1) ? " after Holm's adjustment" : '';
  if (rejecting.length === 0 && events.length === 0) {
    return `No counted test rejects "no effect" at ${levelText(level)} in ${where}${adjusted}, and no single event has a significant CAR: no detectable reaction beyond what the benchmark explains.`;
  }
  const parts = rejecting.map((x) => `In ${windowText(x.w)}, ${x.holm.length} of ${x.computed} tests reject at ${levelText(level)}${x.computed > 1 ? " after Holm's adjustment" : ''} (${x.holm.join(', ')}).`);
  for (const e of events) {
    const hits = eventHits.flatMap((x) => {
      const h = x.hits.find((y) => y.e === e);
      return h ? [`${windowText(x.w)} ${signedPercent(h.c.car)}, ${pPhrase(h.c.p)}${x.n > 1 ? `, Holm ${pPhrase(h.holm)}` : ''}`] : [];
    });
    parts.push(`${securityLabel(e)} alone is significant at ${levelText(level)} (${hits.join('; ')}).`);
  }
  return parts.join(' ');
}

/**
 * The caveat of a small panel, or null: with few events the rank, sign and bootstrap tests have
 * little power, so a non-rejection is weak evidence and the per-event t statistics carry the weight.
 * @example smallPanelNote(result) // 'With N = 3 events the rank, sign and bootstrap tests have little power: …'
 */
export function smallPanelNote(result: Pick<StudyResult, 'events'>): string | null {
  const n = result.events.length;
  if (n >= SMALL_PANEL) return null;
  return `With N = ${n} ${n === 1 ? 'event' : 'events'} the rank, sign and bootstrap tests have little power: a test that does not reject is weak evidence of no effect, and the per-event t statistics carry the evidence.`;
}

/**
 * Several sub-studies compared on one window: which had the largest |CAAR|, with its tests, and
 * the others' CAARs (`by` names what the groups are, default 'group'); tests counted on Holm-adjusted p.
 * @example compareGroupsSentence([{ label: 'OpenAI launches GPT-5', result: a }, { label: 'Huawei UCM', result: b }], '[-1,+1]', { by: 'announcement' })
 * // 'Split by announcement, the largest average move over [−1, +1] came with **OpenAI launches GPT-5** (CAAR +1.20%, 2 of 13 tests rejecting at 5%), against −0.40% for Huawei UCM.'
 */
export function compareGroupsSentence(groups: readonly { label: string; result: StudyResult }[], window: string, options: ConclusionOptions & { by?: string } = {}): string {
  const level = levelOf(options);
  const rows = groups.map((g) => ({ ...g, caar: aggregateRow(g.result, window)?.caar ?? null, sig: significantTests(g.result, window, level) }));
  const ranked = rows.filter((r) => r.caar !== null && Number.isFinite(r.caar)).sort((a, b) => Math.abs(b.caar!) - Math.abs(a.caar!));
  if (ranked.length === 0) return `No group has a CAAR over ${windowText(window)}.`;
  const top = ranked[0];
  const others = rows.filter((r) => r !== top).map((r) => `${signedPercent(r.caar)} for ${r.label}`);
  return `Split by ${options.by ?? 'group'}, the largest average move over ${windowText(window)} came with **${top.label}** (CAAR ${signedPercent(top.caar)}, ${top.sig.holm.length} of ${top.sig.computed} tests rejecting at ${levelText(level)}${top.sig.computed > 1 ? " after Holm's adjustment" : ''})${others.length > 0 ? `, against ${listText(others)}` : ''}.`;
}

/**
 * One event's day 0 in a volume study: how many times its usual volume the security traded, the
 * abnormal log volume with t and p, the verdict at the level, and a flag when the day had no
 * trading or was locked at the price limit.
 * @example volumeDay0Sentence(event)
 * // 'On 2025-01-27 (day 0) NVIDIA (NVDA) traded 2.44 times its usual volume: an abnormal log volume of +0.89 (t = 2.09, p = 0.0379), significant at 5%.'
 */
export function volumeDay0Sentence(e: EventResult, options: ConclusionOptions = {}): string {
  const level = levelOf(options);
  const who = securityLabel(e);
  const d0 = e.ar.find((d) => d.rel === 0);
  if (e.flags.noTradeDays?.includes(e.day0)) return `${who} did not trade on day 0 (${e.day0}): no abnormal volume, not a zero one.`;
  if (!d0 || d0.ar === null) return `${who} has no volume on day 0 (${e.day0}).`;
  const c0 = carRowOf(e, '[0,0]');
  const stats = c0 ? ` (t = ${fixed(c0.t)}, ${pPhrase(c0.p)})` : '';
  const verdict = c0 ? (c0.p < level ? `, significant at ${levelText(level)}` : `, not significant at ${levelText(level)}`) : '';
  const locked = e.flags.limitLockedDays?.includes(e.day0) ? '; it was locked at the daily price limit all day, so the volume is censored' : '';
  return `On ${e.day0} (day 0) ${who} traded ${fixed(Math.exp(d0.ar))} times its usual volume: an abnormal log volume of ${signedFixed(d0.ar)}${stats}${verdict}${locked}.`;
}

/**
 * The same events under two models, on one window: how many events the second study fitted with
 * its own model and which fell back (with the reason), and each security's t under both, e.g.
 * the market model and the GARCH model.
 * @example modelComparisonSentence(market, garch, '[0,0]')
 * // 'With the garch model, 2 of 7 events were fitted as asked and 5 fell back to the market model (AMD, ...: GARCH(1,1) not used (...)); the t of CAR[0, 0] was NVIDIA (NVDA) −5.16 against −5.06 with the market model, and ...'
 */
export function modelComparisonSentence(base: StudyResult, other: StudyResult, window: string): string {
  const model = other.parameters.model;
  const fitted = other.events.filter((e) => e.flags.modelFallback === null || e.flags.modelFallback === undefined);
  const fell = other.events.filter((e) => e.flags.modelFallback);
  const byModel = distinct(fell.map((e) => e.model));
  // The reasons without the estimate each quotes, so events that failed alike are named together.
  const why = (e: EventResult) => (e.flags.modelFallback as string).replace(/ \(estimate [^)]*\)/g, '');
  const fallbackText =
    fell.length === 0
      ? ''
      : ` and ${fell.length} fell back to the ${listText(byModel)} model (${distinct(fell.map(why))
          .map((w) => `${listText(fell.filter((e) => why(e) === w).map((e) => e.symbol))}: ${w}`)
          .join('; ')})`;
  const pairs = fitted.flatMap((e) => {
    const b = base.events.find((x) => x.id === e.id);
    const c = carRowOf(e, window);
    const cb = b ? carRowOf(b, window) : undefined;
    return c && cb ? [`${securityLabel(e)} ${fixed(c.t)} against ${fixed(cb.t)}`] : [];
  });
  const head = `With the ${model} model, ${fitted.length} of ${other.events.length} events ${fitted.length === 1 ? 'was' : 'were'} fitted as asked${fallbackText}`;
  return pairs.length === 0 ? `${head}.` : `${head}; the t of ${measureWords(other.parameters.measure).single}${windowText(window)} was ${listText(pairs)} with the ${base.parameters.model} model.`;
}

/** A regressor's name in prose: 'beta' → 'the market-model beta', 'prior20' → 'the return over the 20 sessions before the event window'. */
function regressorText(name: string): string {
  if (name === 'beta') return 'the market-model beta';
  const m = /^prior(\d+)$/.exec(name);
  if (m) return `the return over the ${m[1]} sessions before the event window`;
  return `'${name}'`;
}

/**
 * A second-stage regression in one sentence: what was regressed on what over how many events,
 * R², and each slope with its t and p under HC1 and clustered standard errors, then the
 * regression's notes (e.g. too few clusters).
 * @example carRegressionSentence(reg)
 * // 'Across 7 events, CAR[0, 0] regressed by OLS on the market-model beta and the return over the 20 sessions before the event window (R² = 0.686): the market-model beta −0.0900 (HC1 t = −3.43, p = 0.0267; clustered by security t = −3.43, p = 0.0141); ...'
 */
export function carRegressionSentence(reg: CarRegression): string {
  const fit = reg.ols;
  const dep = `${reg.dependent === 'car' ? 'CAR' : 'SCAR'}${windowText(reg.window)}`;
  const by = reg.cluster === 'date' ? 'day 0' : 'security';
  const slopes = fit.coefficients
    .filter((c) => c.name !== '(intercept)')
    .map((c) => {
      const se = (label: string, s: { t: number | null; p: number | null } | null) => (s && s.t !== null ? `${label} t = ${fixed(s.t)}, ${pPhrase(s.p)}` : `${label}: not defined`);
      return `${regressorText(c.name)} ${fixed(c.estimate, 4)} (${se('HC1', c.hc1)}; ${se(`clustered by ${by}`, c.clustered)})`;
    });
  const excluded = reg.excluded.length > 0 ? ` ${count(reg.excluded.length, 'event')} could not be used (${listText(reg.excluded.map((e) => `${e.id}: ${e.reason}`))}).` : '';
  const notes = [...fit.notes, ...reg.notes].map((n) => ` ${n.charAt(0).toUpperCase()}${n.slice(1)}.`).join('');
  return `Across ${count(fit.n, 'event')}, ${dep} regressed by OLS on ${listText(reg.terms.map((t) => regressorText(t.name)))} (R² = ${fixed(fit.r2, 3)}): ${slopes.join('; ')}.${excluded}${notes}`;
}
