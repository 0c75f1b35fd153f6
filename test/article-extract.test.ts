/** The article reader's pure parts: sentences, numbers, dates, companies, the classifier. */
import { describe, expect, it } from 'vitest';
import { SYMBOLS } from '../src/data/symbols.ts';
import { buildCalendar } from '../src/calendar/calendar.ts';
import {
  buildAliasTable,
  classifySentence,
  compileCompanyFinder,
  detectLanguage,
  findArticleDate,
  findDayMentions,
  findNumbers,
  parseAliasFile,
  parseChineseNumeral,
  parseLocalizedNumber,
  resolveDayMention,
  splitSentences,
  extractArticle,
} from '../src/claims/article/index.ts';
import { resolveSymbol } from '../src/data/symbols.ts';

const finder = compileCompanyFinder(buildAliasTable(SYMBOLS));
const amounts = (text: string, lang: Parameters<typeof findNumbers>[1]) => findNumbers(text, lang).filter((n) => n.kind === 'amount' || n.kind === 'count').map((n) => [n.value, n.currency]);

describe('sentences', () => {
  it('do not end after abbreviations, initials, tickers or German ordinals', () => {
    const t = 'Mr. Li of Foo Corp. said so. M. Dupont est là. Z.B. stieg die Aktie am 3. August um 5 Prozent. 寒武纪（688256.SH）涨停。Done.';
    expect(splitSentences(t, 'en').map((s) => s.text)).toEqual(['Mr. Li of Foo Corp. said so.', 'M. Dupont est là.', 'Z.B. stieg die Aktie am 3. August um 5 Prozent.', '寒武纪（688256.SH）涨停。', 'Done.']);
  });
  it('keep exact offsets and end at blank lines (a dateline is its own sentence)', () => {
    const t = 'PARIS, 13 août 2025 — Titre\n\nL’action a bondi de 20 %.\nSuite sur la même ligne.';
    const s = splitSentences(t, 'fr');
    expect(s.map((x) => x.text)).toEqual(['PARIS, 13 août 2025 — Titre', 'L’action a bondi de 20 %.', 'Suite sur la même ligne.']);
    for (const x of s) expect(t.slice(x.start, x.end)).toBe(x.text);
  });
});

describe('numbers', () => {
  it('read decimal commas, thousands separators and thin/narrow/non-breaking spaces by language', () => {
    expect(parseLocalizedNumber('49,7', 'fr')).toBe(49.7);
    expect(parseLocalizedNumber('4\u202f348', 'fr')).toBe(4348);
    expect(parseLocalizedNumber('355.000', 'es')).toBe(355000);
    expect(parseLocalizedNumber('4.348', 'it')).toBe(4348);
    expect(parseLocalizedNumber('17.4', 'de')).toBe(17.4);
    expect(parseLocalizedNumber('2,048', 'en')).toBe(2048);
    expect(parseLocalizedNumber('1,234.5', 'en')).toBe(1234.5);
    expect(parseLocalizedNumber('1.234,5', 'de')).toBe(1234.5);
  });
  it('give scale words their value in each language, false friends included', () => {
    expect(amounts('355 billion yuan', 'en')).toEqual([[355e9, 'CNY']]);
    expect(amounts("1 billion d'euros", 'fr')).toEqual([[1e12, 'EUR']]);
    expect(amounts('355\u00a0milliards de yuans', 'fr')).toEqual([[355e9, 'CNY']]);
    expect(amounts('49,7 Md$', 'fr')).toEqual([[49.7e9, null]]);
    expect(amounts('un bilione di dollari', 'it')).toEqual([[1e12, 'USD']]);
    expect(amounts('355 miliardi di yuan, 3 mld di euro', 'it')).toEqual([[355e9, 'CNY'], [3e9, 'EUR']]);
    expect(amounts('eine Billion Dollar, 49,7 Mrd. US-Dollar', 'de')).toEqual([[1e12, 'USD'], [49.7e9, 'USD']]);
    expect(amounts('355 Milliarden Yuan', 'de')).toEqual([[355e9, 'CNY']]);
    expect(amounts('un billón de dólares, 49.700 millones de dólares, 3 mil millones de euros, 2 millardos de yuanes', 'es')).toEqual([[1e12, 'USD'], [49.7e9, 'USD'], [3e9, 'EUR'], [2e9, 'CNY']]);
    expect(amounts('3551亿元，1万亿元，6000亿美元，5万元，HK$12.5bn', 'zh')).toEqual([[355.1e9, 'CNY'], [1e12, 'CNY'], [6e11, 'USD'], [5e4, 'CNY'], [12.5e9, 'HKD']]);
    expect(amounts('$49.7bn and US$5.6 million, €3bn, RMB 10 billion', 'en')).toEqual([[49.7e9, 'USD'], [5.6e6, 'USD'], [3e9, 'EUR'], [10e9, 'CNY']]);
  });
  it('read percentages in six languages, Chinese numerals and percentage points; skip identifiers and dates', () => {
    const pcts = (t: string, l: Parameters<typeof findNumbers>[1]) => findNumbers(t, l).filter((n) => n.kind === 'percent').map((n) => Number(n.value.toFixed(6)));
    expect(pcts('20\u202f%, 17 Prozent, 3 per cent, 5 por ciento, 2 per cento, 7 pour cent', 'fr')).toEqual([0.2, 0.17, 0.03, 0.05, 0.02, 0.07]);
    expect(pcts('涨幅百分之二十，跌17％', 'zh')).toEqual([0.2, 0.17]);
    expect(parseChineseNumeral('一百二十三')).toBe(123);
    expect(parseChineseNumeral('三点五')).toBe(3.5);
    expect(findNumbers('up 2 percentage points', 'en')[0].kind).toBe('points');
    expect(findNumbers('A100, H800, V3.1, MATH-500, 910C', 'en')).toEqual([]);
    expect(findNumbers('2025年8月13日', 'zh').every((n) => n.kind === 'date-part')).toBe(true);
    expect(findNumbers('by 2030', 'en')[0].kind).toBe('year');
  });
});

describe('dates', () => {
  it('find the article date in a dateline, with a stated time and zone', () => {
    expect(findArticleDate('PARIS, 13 août 2025 — Titre')?.date).toBe('2025-08-13');
    expect(findArticleDate('FRANKFURT, 28. Januar 2025 – Titel')?.date).toBe('2025-01-28');
    expect(findArticleDate('MADRID, 29 de agosto de 2025 — x')?.date).toBe('2025-08-29');
    expect(findArticleDate('2025年8月22日 科创板')?.date).toBe('2025-08-22');
    expect(findArticleDate('Published 2025-08-13\nText')?.date).toBe('2025-08-13');
    expect(findArticleDate('NEW YORK, January 27, 2025, 10:30 p.m. ET — x')).toMatchObject({ date: '2025-01-27', time: '22:30', timeZone: 'America/New_York' });
    expect(findArticleDate('No date here. Nvidia fell 17% on Monday.')).toBeNull();
  });
  it('resolve weekdays, yesterday (on the exchange calendar) and absolute days against the article date', () => {
    const [monday] = findDayMentions('Lundi, Nvidia a chuté', 'fr');
    expect(resolveDayMention(monday, '2025-01-28')).toBe('2025-01-27');
    const [venerdi] = findDayMentions('venerdì', 'it');
    expect(resolveDayMention(venerdi, '2025-08-25')).toBe('2025-08-22');
    const [zhou] = findDayMentions('周二大涨', 'zh');
    expect(resolveDayMention(zhou, '2025-08-13')).toBe('2025-08-12');
    const [gestern] = findDayMentions('gestern', 'de');
    // 2025-01-20 is Martin Luther King Day on the NYSE: 'yesterday' of Tuesday the 21st is Friday the 17th.
    expect(resolveDayMention(gestern, '2025-01-21', buildCalendar('XNYS'))).toBe('2025-01-17');
    const [ayer] = findDayMentions('ayer', 'es');
    expect(resolveDayMention(ayer, '2025-01-21', buildCalendar('XSHG'))).toBe('2025-01-20');
    const [abs] = findDayMentions('la séance du 22 août', 'fr');
    expect(resolveDayMention(abs, '2025-08-25')).toBe('2025-08-22');
    expect(findDayMentions('hier', 'de')).toEqual([]); // German 'hier' means 'here'
  });
});

describe('companies', () => {
  it('find names, Chinese names, tickers, cashtags and exchange-prefixed tickers; unlisted names carry a reason', () => {
    const found = finder.find('$NVDA, NASDAQ: AVGO, 688256.SH, 海光信息, Taiwan Semiconductor, Huawei, OpenAI, Alibaba');
    expect(found.map((c) => c.symbol)).toEqual(['NVDA', 'AVGO', '688256.SS', '688041.SS', 'TSM', null, null, null]);
    expect(found[5].reason).toBe('not a listed security');
    expect(found[7].reason).toMatch(/not in the data/);
    expect(finder.find('the meta data of nvidia.com')).toEqual([]);
  });
  it('read an --aliases file and name the bad entry', () => {
    const extra = parseAliasFile('{"aliases":{"NVDA":["Team Green"]},"unlisted":["Acme AI"]}', 'a.json', resolveSymbol);
    const f = compileCompanyFinder(buildAliasTable(SYMBOLS, extra));
    expect(f.find('Team Green rose 3%, Acme AI too').map((c) => c.symbol)).toEqual(['NVDA', null]);
    expect(() => parseAliasFile('{"aliases":{"NOPE":["x"]}}', 'a.json', resolveSymbol)).toThrow(/a\.json: aliases of 'NOPE': unknown symbol/);
    expect(() => parseAliasFile('{"names":{}}', 'a.json', resolveSymbol)).toThrow(/a\.json: unknown field 'names'/);
  });
});

describe('classifier', () => {
  const read = (t: string, l: Parameters<typeof findNumbers>[1]) => classifySentence(t, l, finder);
  it('takes a move verb + percentage about a listed company as a move, with hedge and basis', () => {
    const r = read('At one point on Monday, Nvidia was down as much as 18%.', 'en');
    expect(r.moves).toHaveLength(1);
    expect(r.moves[0]).toMatchObject({ direction: -1, basis: 'intraday', hedge: 'as much as' });
    expect(r.moves[0].company.symbol).toBe('NVDA');
  });
  it('never takes costs, revenue growth, utilisation, market share or performance as a move', () => {
    for (const [t, l] of [
      ['Nvidia’s data-center revenue grew 112% year over year.', 'en'],
      ['Le chiffre d’affaires de Cambricon a progressé de 4 348 %.', 'fr'],
      ['DeepSeek zufolge sanken die Trainingskosten um 97 Prozent.', 'de'],
      ['Nvidia controla cerca del 80% del mercado.', 'es'],
      ['华为昇腾910C的性能达到英伟达H100的60%。', 'zh'],
      ['Il cluster ha lavorato all’85% della capacità.', 'it'],
    ] as const) {
      const r = read(t, l);
      expect(r.moves, t).toEqual([]);
      expect(r.skipped.length, t).toBeGreaterThan(0);
    }
  });
  it('sends moves of unlisted companies to not-checked with the reason', () => {
    const r = read('OpenAI is reportedly valued at $300 billion, up 90% from its last round.', 'en');
    expect(r.moves).toEqual([]);
    expect(r.skipped.map((s) => s.reason)).toEqual(['not a listed security', 'not a listed security']);
  });
  it('separates a market value from a change in market value', () => {
    const cap = read('总市值升至3551亿元。', 'zh');
    expect(cap.caps).toHaveLength(0); // no company named: not about a listed security
    expect(read('寒武纪涨停，总市值升至3551亿元。', 'zh').caps[0].amounts[0].value).toBe(355.1e9);
    const change = read('Nvidia shares plunged 17%, wiping out nearly $600 billion of market value.', 'en');
    expect(change.caps).toEqual([]);
    expect(change.skipped[0].reason).toBe('a change in market value, not a level');
  });
  it('takes 涨停 as a limit move and does not double it when the percentage is stated', () => {
    expect(read('海光信息涨停。', 'zh').moves[0]).toMatchObject({ limit: 1, percent: null });
    expect(read('寒武纪股价涨停，涨幅20%。', 'zh').moves).toHaveLength(1);
  });
  it('detects the language', () => {
    expect(detectLanguage('Die Aktie von Cambricon stieg um 20 Prozent auf das Tageslimit.')).toBe('de');
    expect(detectLanguage('Las acciones de Nvidia se desplomaron un 17% el lunes.')).toBe('es');
    expect(detectLanguage('Lunedì il titolo Nvidia è crollato del 17%, secondo gli analisti.')).toBe('it');
    expect(detectLanguage('寒武纪股价涨停')).toBe('zh');
  });
});

/**
 * The rules that make the reader generalise beyond its lexicon's first sentences (found by the
 * blind set in test/fixtures/articles/blind/, tested here on other sentences).
 */
describe('classifier: sentence structure', () => {
  const read = (t: string, l: Parameters<typeof findNumbers>[1], lastCompany: ReturnType<typeof finder.find>[number] | null = null) => classifySentence(t, l, finder, { lastCompany });
  const claims = (t: string, l: Parameters<typeof findNumbers>[1], lastCompany: ReturnType<typeof finder.find>[number] | null = null) =>
    read(t, l, lastCompany).moves.map((m) => [m.company.symbol, m.direction * (m.percent ? Math.abs(m.percent.value) : 1), m.basis]);
  const near = (rows: unknown[][]) => rows.map(([s, v, b]) => [s, Math.round((v as number) * 1e6) / 1e6, b]);

  it('knows inflections and the move words of each language, verb-final German included', () => {
    expect(near(claims('Meta shares gave back 1.2% after climbing earlier.', 'en'))).toEqual([['META', -0.012, 'close']]);
    expect(near(claims("Broadcom s'est repliée de 3 % jeudi.", 'fr'))).toEqual([['AVGO', -0.03, 'close']]);
    expect(near(claims('Amd ha restituito il 2,5% venerdì.', 'it'))).toEqual([['AMD', -0.025, 'close']]);
    expect(near(claims('Nachdem Hygon um 12,9 Prozent gestiegen war, gab die Aktie 6,1 Prozent ab.', 'de'))).toEqual([['688041.SS', 0.129, 'close'], ['688041.SS', -0.061, 'close']]);
    expect(near(claims('Microsoft se anotó un 2,9% el martes.', 'es'))).toEqual([['MSFT', 0.029, 'close']]);
    expect(near(claims('微软周二反弹2.9%。', 'zh'))).toEqual([['MSFT', 0.029, 'close']]);
  });
  it('finds the subject across an apposition, after the verb (inversion) and in a list', () => {
    // The apposition's nouns are not the subject's: 'share' does not block Nvidia's move.
    expect(near(claims('Nvidia, whose market share is near 80%, fell 17%.', 'en'))).toEqual([['NVDA', -0.17, 'close']]);
    expect(near(claims('Microsoft, the largest weight in the index, slipped 2.1%.', 'en'))).toEqual([['MSFT', -0.021, 'close']]);
    expect(near(claims('Wie Nvidia verlor auch AMD am Montag 6,4 Prozent.', 'de'))).toEqual([['AMD', -0.064, 'close']]);
    expect(near(claims('El lunes cayeron las acciones de Broadcom un 17,4%.', 'es'))).toEqual([['AVGO', -0.174, 'close']]);
    expect(near(claims('Nvidia and Broadcom fell about 17% on Monday.', 'en')).map((r) => r[0]).sort()).toEqual(['AVGO', 'NVDA']);
    expect(near(claims('Unlike Microsoft, Meta rose 1.9%.', 'en'))).toEqual([['META', 0.019, 'close']]);
    expect(read('寒武纪、海光信息双双涨停。', 'zh').moves.map((m) => m.company.symbol).sort()).toEqual(['688041.SS', '688256.SS']);
  });
  it('carries a verb over to a second company (gapping) and resolves references back', () => {
    expect(near(claims('Broadcom fell 17.4% and TSMC 13.3%.', 'en'))).toEqual([['AVGO', -0.174, 'close'], ['TSM', -0.133, 'close']]);
    expect(near(claims('Hygon ha guadagnato il 12,9% e Smic il 3%.', 'it'))).toEqual([['688041.SS', 0.129, 'close'], ['688981.SS', 0.03, 'close']]);
    // 'the chipmaker' is the last listed company named before it, not the unlisted DeepSeek.
    expect(near(claims("Nvidia rebounded on Tuesday after DeepSeek's launch knocked 17% off the chipmaker's shares.", 'en'))).toEqual([['NVDA', -0.17, 'close']]);
    const nvidia = finder.find('Nvidia')[0];
    expect(near(claims('Zeitweise hatte das Minus sogar 18 Prozent betragen.', 'de', nvidia))).toEqual([['NVDA', -0.18, 'intraday']]);
    expect(claims('Zeitweise hatte das Minus sogar 18 Prozent betragen.', 'de')).toEqual([]);
  });
  it('takes a percentage after a level preposition as a level, and a modal as a forecast', () => {
    for (const [t, l] of [
      ['SMIC è salita al 7% del paniere.', 'it'],
      ['Cambricon subió al 20% de su capital flotante.', 'es'],
      ['Nvidia could lose another 10% this quarter.', 'en'],
      ['Broadcom pourrait perdre 20 % en cas de récession.', 'fr'],
      ['博通股价或将下跌10%。', 'zh'],
      ['Analysten halten einen Rückgang der Nvidia-Aktie um 15 Prozent für möglich.', 'de'],
    ] as const) {
      const r = read(t, l);
      expect(r.moves, t).toEqual([]);
      expect(r.skipped.map((x) => x.reason).join(' '), t).toMatch(/level|forecast/);
    }
    // A signed number after 'à' is a move; a modal inside a relative clause is not the claim's.
    expect(near(claims('Cambricon a terminé à +20 % vendredi.', 'fr'))).toEqual([['688256.SS', 0.2, 'close']]);
    expect(near(claims('Nvidia, which could face new export curbs, fell 17%.', 'en'))).toEqual([['NVDA', -0.17, 'close']]);
  });
  it('reads a market value whose company follows the keyword, with its conversion into dollars', () => {
    const r = read('Der Börsenwert von Moutai lag am Mittwoch bei 1,79 Billionen Yuan, umgerechnet rund 250 Milliarden Dollar.', 'de');
    expect(r.caps).toHaveLength(1);
    expect(r.caps[0].company.symbol).toBe('600519.SS');
    expect(r.caps[0].amounts.map((a) => [a.value, a.currency])).toEqual([[1.79e12, 'CNY'], [250e9, 'USD']]);
    // Another currency after a plain comma is not the same value.
    const two = read("Cambricon's market value reached 520 billion yuan, $10 billion more than a week ago.", 'en');
    expect(two.caps[0].amounts).toHaveLength(1);
  });
});

describe('classifier: what the second blind set taught', () => {
  const read = (t: string, l: Parameters<typeof findNumbers>[1], last: string | null = null) => classifySentence(t, l, finder, { lastCompany: last ? finder.find(last)[0] : null });
  const claims = (t: string, l: Parameters<typeof findNumbers>[1], last: string | null = null) =>
    read(t, l, last).moves.map((m) => [m.company.symbol, Math.round(m.direction * (m.percent ? Math.abs(m.percent.value) : 1) * 1e6) / 1e6, m.basis]);
  it('gives an intraday phrase to the number it is nearest to, not to the close after it', () => {
    expect(claims("Mardi, l'action Broadcom a chuté jusqu'à 12 % en séance, avant de terminer en repli de 10,5 %.", 'fr')).toEqual([['AVGO', -0.12, 'intraday'], ['AVGO', -0.105, 'close']]);
    expect(claims('周四英伟达盘中一度大跌近9%，收盘跌幅收窄至7.81%。', 'zh')).toEqual([['NVDA', -0.09, 'intraday'], ['NVDA', -0.0781, 'close']]);
    expect(claims('Nvidia-Aktien fielen am Donnerstag zeitweise um 9 Prozent und schlossen 7,8 Prozent im Minus.', 'de')).toEqual([['NVDA', -0.09, 'intraday'], ['NVDA', -0.078, 'close']]);
  });
  it('extends a claim to the companies after "tout comme", "as did", "al igual que"', () => {
    expect(claims('Broadcom fell 10.5% on Thursday, as did AMD.', 'en')).toEqual([['AVGO', -0.105, 'close'], ['AMD', -0.105, 'close']]);
    expect(claims('Hygon a terminé au plafond de 20 %, tout comme SMIC et Cambricon.', 'fr').map((r) => r[0])).toEqual(['688041.SS', '688981.SS', '688256.SS']);
  });
  it('takes a description opening the sentence for the company named before, and a stock noun for a listed one', () => {
    expect(claims('Der chinesische KI-Chiphersteller verlor am Donnerstag 14,7 Prozent.', 'de', 'Cambricon')).toEqual([['688256.SS', -0.147, 'close']]);
    expect(claims('The Shanghai-listed chipmaker slumped 14.7% on Thursday.', 'en', 'Cambricon')).toEqual([['688256.SS', -0.147, 'close']]);
    expect(claims('The index fell 3%.', 'en', 'Cambricon')).toEqual([]);
  });
  it('does not take a noun of another clause between the company and the verb as the subject', () => {
    expect(claims('Nvidia still trades at 30 times expected earnings, even after shedding 9.5% on Tuesday.', 'en')).toEqual([['NVDA', -0.095, 'close']]);
    expect(claims("Cambricon's revenue, which analysts had expected to double, rose 4,000%.", 'en')).toEqual([]);
  });
  it('reads "der Börsenwert" after a semicolon as the last company’s, and "stieg um" as a change', () => {
    const r = read('Die Aktien von Moutai stiegen um 9,8 Prozent; der Börsenwert kletterte auf 1,83 Billionen Yuan.', 'de');
    expect(r.caps.map((c) => [c.company.symbol, c.amounts[0].value])).toEqual([['600519.SS', 1.83e12]]);
    expect(read('Meta sprang um 20 Prozent, der Börsenwert stieg um rund 197 Milliarden Dollar.', 'de').caps).toEqual([]);
    expect(read('The AI chip market could be valued at $1 trillion by 2030.', 'en', 'Nvidia').caps).toEqual([]);
  });
});

describe('classifier: probes written after the fixes (regression guards)', () => {
  const read = (t: string, l: string) => classifySentence(t, l as Parameters<typeof findNumbers>[1], finder);
  it('finds no claim in forecasts, stakes, margins, shares, growth, currencies, periods and companies outside the data', () => {
    const negatives: [string, string][] = [
  ['en', 'Nvidia said its gross margin would be about 73% next quarter.'],
  ['en', 'Microsoft owns roughly 49% of OpenAI’s for-profit arm.'],
  ['en', 'Alphabet shares trade at 20 times earnings, a 15% discount to the Nasdaq.'],
  ['en', 'Meta plans to cut about 5% of its workforce.'],
  ['en', 'Broadcom’s AI revenue jumped 220% in fiscal 2024.'],
  ['en', 'Analysts expect Nvidia shares to rise 25% over the next year.'],
  ['en', 'Nvidia could see its stock rally 30% if demand holds, Citi said.'],
  ['en', 'TSMC raised its prices by up to 10% for advanced nodes.'],
  ['en', 'AMD’s market share in server CPUs climbed to 24%.'],
  ['en', 'About 60% of Nvidia’s revenue comes from data centers.'],
  ['en', 'Huawei’s smartphone shipments rose 40% in the quarter.'],
  ['en', 'The yuan weakened 0.3% against the dollar on Monday.'],
  ['en', 'Nvidia accounts for 7% of the S&P 500 after its 170% rally last year.'],
  ['en', 'The Nasdaq 100 has a 9% weighting in Nvidia.'],
  ['en', 'Microsoft increased its dividend by 10% to 83 cents a share.'],
  ['en', 'Intel shares fell 6% on Monday.'],
  ['en', 'Cambricon expects revenue to rise as much as 50% this year.'],
  ['fr', 'Nvidia vise une marge brute de 75 % au prochain trimestre.'],
  ['fr', 'La part de marché d’AMD dans les serveurs a grimpé à 24 %.'],
  ['fr', 'Les analystes anticipent une hausse de 25 % du titre Nvidia sur douze mois.'],
  ['fr', 'Microsoft détient environ 49 % d’OpenAI.'],
  ['fr', 'Le chiffre d’affaires de SMIC a progressé de 22 % au deuxième trimestre.'],
  ['fr', 'ASML a chuté de 7 % à Amsterdam.'],
  ['it', 'Secondo gli analisti il titolo Nvidia potrebbe salire del 25% in un anno.'],
  ['it', 'La quota di Amd nei server è salita al 24%.'],
  ['it', 'I ricavi di Smic sono cresciuti del 22% nel trimestre.'],
  ['it', 'Stellantis ha perso il 3% a Piazza Affari.'],
  ['it', 'Microsoft detiene circa il 49% di OpenAI.'],
  ['de', 'Analysten trauen der Nvidia-Aktie ein Plus von 25 Prozent zu.'],
  ['de', 'Der Marktanteil von AMD bei Servern stieg auf 24 Prozent.'],
  ['de', 'Der Umsatz von SMIC legte im zweiten Quartal um 22 Prozent zu.'],
  ['de', 'Die Siemens-Aktie verlor 3 Prozent.'],
  ['de', 'Microsoft hält rund 49 Prozent an OpenAI.'],
  ['de', 'Nvidia dürfte in diesem Jahr um weitere 20 Prozent zulegen.'],
  ['es', 'Los analistas prevén que Nvidia suba un 25% en doce meses.'],
  ['es', 'La cuota de AMD en servidores subió al 24%.'],
  ['es', 'Los ingresos de SMIC crecieron un 22% en el trimestre.'],
  ['es', 'Inditex cayó un 3% en el Ibex.'],
  ['es', 'Microsoft posee cerca del 49% de OpenAI.'],
  ['zh', '分析师预计英伟达股价未来一年有望上涨25%。'],
  ['zh', 'AMD在服务器市场的份额升至24%。'],
  ['zh', '中芯国际二季度营收同比增长22%。'],
  ['zh', '腾讯控股周一下跌3%。'],
  ['zh', '微软持有OpenAI约49%的股份。'],
  ['zh', '寒武纪预计全年营收增长50%至70%。'],
  ['zh', '人民币兑美元周一贬值0.3%。'],
    ];
    for (const [l, t] of negatives) expect(read(t, l).moves.map((m) => m.company.symbol), t).toEqual([]);
  });
  it('finds the move in other phrasings of reported moves', () => {
    const positives: [string, string][] = [
  ['en', 'Nvidia closed up 18.7% on Wednesday.'],
  ['en', 'Shares in AMD surged almost 24% on Wednesday.'],
  ['en', 'Broadcom shed 10.5% on Thursday.'],
  ['en', 'Microsoft stock rallied 10% on Wednesday, its best day since 2015.'],
  ['fr', 'Mercredi, Microsoft a pris 10,1 %.'],
  ['fr', 'Le géant des puces Nvidia a terminé en hausse de 18,7 % mercredi.'],
  ['it', 'Mercoledì Nvidia ha chiuso con un balzo del 18,7%.'],
  ['it', 'Brillante anche Alphabet (+9,7%).'],
  ['de', 'Am Mittwoch zogen Nvidia um 18,7 Prozent an.'],
  ['de', 'Alphabet gewannen 9,7 Prozent.'],
  ['es', 'Nvidia cerró el miércoles con una subida del 18,7%.'],
  ['es', 'Alphabet se revalorizó el miércoles un 9,7%.'],
  ['zh', '周三，英伟达股价收涨18.72%，微软涨10.13%。'],
  ['zh', '谷歌A类股周三上涨9.68%。'],
    ];
    for (const [l, t] of positives) expect(read(t, l).moves.length, t).toBeGreaterThan(0);
  });
});

describe('days: the previous session and "a day after"', () => {
  const info = (s: string) => resolveSymbol(s);
  const extract = (text: string, date: string, language: Parameters<typeof findNumbers>[1]) =>
    extractArticle(text, { finder, symbolInfo: info, date, language }).claims.map((c) => [c.symbol, Math.round(c.move! * 1e4) / 1e4, c.statedDate]);
  it('date a move by the session before the day named last', () => {
    expect(extract('Hygon a cédé 6,1 % mardi, après un bond de 12,9 % la veille.', '2025-08-27', 'fr')).toEqual([['688041.SS', -0.061, '2025-08-26'], ['688041.SS', 0.129, '2025-08-25']]);
    // Monday 2025-01-20 was a US holiday: the session before Tuesday the 21st is Friday the 17th.
    expect(extract('Nvidia rose 2.3% on Tuesday after a 3.1% gain the previous session.', '2025-01-22', 'en')).toEqual([['NVDA', 0.023, '2025-01-21'], ['NVDA', 0.031, '2025-01-17']]);
    expect(extract('Nvidia rebounded 8.9% on Tuesday, a day after it fell 17%.', '2025-01-29', 'en')).toEqual([['NVDA', 0.089, '2025-01-28'], ['NVDA', -0.17, '2025-01-27']]);
    // 'A day after X, Nvidia jumped': the day after an unnamed day is not named.
    expect(extract('A day after its results, Nvidia jumped 5%.', '2025-01-29', 'en')).toEqual([['NVDA', 0.05, null]]);
  });
  it('put "last Thursday" strictly before the article date and 上周四 in the week before', () => {
    expect(extract('Nvidia had slumped 7.8% last Thursday.', '2025-04-10', 'en')).toEqual([['NVDA', -0.078, '2025-04-03']]);
    expect(extract('英伟达上周四下跌7.81%。', '2025-04-10', 'zh')).toEqual([['NVDA', -0.0781, '2025-04-03']]);
    expect(extract('Nvidia a perdu 7,8 % jeudi dernier.', '2025-04-08', 'fr')).toEqual([['NVDA', -0.078, '2025-04-03']]);
    expect(extract('Nvidia fell 7.8% on Thursday.', '2025-04-03', 'en')).toEqual([['NVDA', -0.078, '2025-04-03']]);
  });
  it('date a market value stated without a day by the latest day the article named, not its dateline', () => {
    const r = extractArticle('MADRID, 17 de enero de 2025. Cambricon se desplomó un 14,65% el jueves. Con ello, su capitalización bursátil quedó en unos 248.500 millones de yuanes.', { finder, symbolInfo: info });
    expect(r.claims.map((c) => [c.kind, c.statedDate])).toEqual([['move', '2025-01-16'], ['market-cap', '2025-01-16']]);
  });
  it('leave "that day" unnamed when no day was named before it', () => {
    expect(extract('博通当日收跌17.4%。', '2025-01-28', 'zh')).toEqual([['AVGO', -0.174, null]]);
    expect(extract('周一英伟达暴跌17%，博通当日收跌17.4%。', '2025-01-28', 'zh')).toEqual([['NVDA', -0.17, '2025-01-27'], ['AVGO', -0.174, '2025-01-27']]);
  });
});

describe('classifier: what the third blind set taught (one rule per failure class; sentences in no fixture)', () => {
  type Lang = Parameters<typeof findNumbers>[1];
  const read = (t: string, l: Lang, last: string | null = null) => classifySentence(t, l, finder, { lastCompany: last ? finder.find(last)[0] : null });
  const claims = (t: string, l: Lang, last: string | null = null) =>
    read(t, l, last).moves.map((m) => [m.company.symbol, Math.round(m.direction * (m.percent ? Math.abs(m.percent.value) : 1) * 1e6) / 1e6, m.basis]);
  const days = (t: string, l: Lang) => read(t, l).moves.map((m) => [m.company.symbol, m.day?.text ?? null]);
  const caps = (t: string, l: Lang) => read(t, l).caps.map((c) => [c.company.symbol, ...c.amounts.map((a) => [a.value, a.currency])]);

  it('finds a name its owner writes lower-case (iShares), not a lower-case word', () => {
    expect(claims('Der iShares Semiconductor ETF gab am Montag um 3,2 % nach.', 'de')).toEqual([['SOXX', -0.032, 'close']]);
    expect(finder.find('see nvidia.com for details')).toEqual([]);
  });
  it('takes a signed number right after a name or after a colon as the move (cashtags, tables), not one that qualifies a noun', () => {
    expect(claims('$META +3.1% and $MSFT -0.8% at the open', 'en')).toEqual([['META', 0.031, 'close'], ['MSFT', -0.008, 'close']]);
    expect(claims('Cambricon termine une semaine folle : +18,2 % vendredi.', 'fr')).toEqual([['688256.SS', 0.182, 'close']]);
    expect(claims('Meta +22% ad revenue growth, again.', 'en')).toEqual([]);
    expect(claims('Résultats de Nvidia : +94 % de chiffre d’affaires.', 'fr')).toEqual([]);
  });
  it('gives a week or multi-day marker to the number of its own clause, never to a claim before it', () => {
    expect(claims('海光信息周四收涨3.2%，本周累计上涨超15%。', 'zh')).toEqual([['688041.SS', 0.032, 'close'], ['688041.SS', 0.15, 'cumulative']]);
    expect(claims('Die Aktie von Hygon verlor am Freitag 4 %, obwohl die Papiere in dieser Woche zuvor gestiegen waren.', 'de')).toEqual([['688041.SS', -0.04, 'close']]);
    expect(claims('AMD slipped 2% on Thursday, trimming its three-day gain to 11%.', 'en')).toEqual([['AMD', -0.02, 'close'], ['AMD', 0.11, 'cumulative']]);
    expect(claims('AMD fell 4% on Tuesday after a three-day winning streak.', 'en')).toEqual([['AMD', -0.04, 'close']]);
    expect(claims('Il titolo di Hygon è salito del 25% in tre sedute.', 'it')).toEqual([['688041.SS', 0.25, 'cumulative']]);
  });
  it('finds the subject before an apposition or relative clause followed by the verb’s own words', () => {
    expect(claims('Hygon, il principale fornitore di processori per server in Cina, ha chiuso venerdì in rialzo del 6,4%.', 'it')).toEqual([['688041.SS', 0.064, 'close']]);
    expect(claims('The iShares Semiconductor ETF, whose top holding is Broadcom, closed the session down 2.7%.', 'en')).toEqual([['SOXX', -0.027, 'close']]);
  });
  it('reads a conversion in brackets with hedges as the same market value', () => {
    expect(caps('La capitalizzazione di Cambricon è scesa a 236 miliardi di yuan (poco meno di 33 miliardi di dollari).', 'it')).toEqual([['688256.SS', [236e9, 'CNY'], [33e9, 'USD']]]);
  });
  it('takes "N% of something" as a share, but "N% of its value" as a move', () => {
    expect(claims('Nvidia now makes up 6.5% of the Nasdaq 100.', 'en')).toEqual([]);
    expect(claims('Malgré une hausse de 35 % de son bénéfice, Meta a cédé 4 %.', 'fr')).toEqual([['META', -0.04, 'close']]);
    expect(claims('Broadcom ganó un 3% tras un alza del 40% de sus ingresos.', 'es')).toEqual([['AVGO', 0.03, 'close']]);
    expect(claims('Meta lost 11% of its value on Thursday.', 'en')).toEqual([['META', -0.11, 'close']]);
  });
  it('takes a noun the company owns as the subject unless it is its shares', () => {
    expect(claims('QQQ’s trading volume jumped 40% on Monday.', 'en')).toEqual([]);
    expect(claims('Le volume d’échanges de Nvidia a bondi de 40 %.', 'fr')).toEqual([]);
    expect(claims('Taiwan Semiconductor’s American depositary shares rose 4%.', 'en')).toEqual([['TSM', 0.04, 'close']]);
  });
  it('does not give a reported move to the company that reports it', () => {
    expect(claims('Alphabet ha detto che YouTube è cresciuta del 15%.', 'it')).toEqual([]);
    expect(claims('Microsoft said GitHub Copilot grew 40% last quarter.', 'en')).toEqual([]);
    expect(claims('微软称其股价周四上涨7%。', 'zh')).toEqual([['MSFT', 0.07, 'close']]);
  });
  it('keeps the nouns of a concessive phrase out of the subject, and its number out of the claims', () => {
    expect(claims('AMD gaben am Dienstag trotz eines Umsatzsprungs von 36 % um 9 % nach.', 'de')).toEqual([['AMD', -0.09, 'close']]);
    expect(claims('Nvidia rose 5% despite a 20% drop in gaming revenue.', 'en')).toEqual([['NVDA', 0.05, 'close']]);
  });
  it('reads German separable verbs and directional adverbs after the number', () => {
    expect(claims('Die Papiere von TSMC gaben nach Zahlen mit einem Umsatzplus von 39 % um 3 % nach.', 'de')).toEqual([['TSM', -0.03, 'close']]);
    expect(claims('Für Hygon ging es am Montag um 6 % bergab.', 'de')).toEqual([['688041.SS', -0.06, 'close']]);
  });
  it('resolves a subject pronoun to the last company named', () => {
    expect(claims('Die Aktien von Cambricon sprangen um 9 % an, zeitweise hatten sie sogar 14 % höher notiert.', 'de')).toEqual([['688256.SS', 0.09, 'close'], ['688256.SS', 0.14, 'intraday']]);
    expect(claims('It fell 4.4% on Friday.', 'en', 'Broadcom')).toEqual([['AVGO', -0.044, 'close']]);
  });
  it('drops a move the text denies, keeps a restriction ("n’a perdu que")', () => {
    expect(claims('Meta did not drop 20% on Thursday; it fell 11%.', 'en')).toEqual([['META', -0.11, 'close']]);
    expect(claims('Hygon non è crollata del 30%: il calo è stato del 9,8%.', 'it')).toEqual([['688041.SS', -0.098, 'close']]);
    expect(claims('Cambricon n’a perdu que 3 % mardi.', 'fr')).toEqual([['688256.SS', -0.03, 'close']]);
    expect(claims('英伟达股价并未暴跌10%，实际下跌3.5%。', 'zh')).toEqual([['NVDA', -0.035, 'close']]);
  });
  it('reads a move noun with a copula as the last company’s move ("la subida fue del", "the gain was", "das Plus betrug")', () => {
    expect(claims('Hygon cerró con fuerza: la subida fue del 12,9%.', 'es')).toEqual([['688041.SS', 0.129, 'close']]);
    expect(claims('Broadcom had its best day in years: the gain was 24%.', 'en')).toEqual([['AVGO', 0.24, 'close']]);
    expect(claims('Das Plus betrug am Ende 7,9 %.', 'de', 'TSMC')).toEqual([['TSM', 0.079, 'close']]);
  });
  it('takes a number set apart by a comma after the verb and its day', () => {
    expect(claims('Hygon a encore progressé jeudi, de 6,8 %.', 'fr')).toEqual([['688041.SS', 0.068, 'close']]);
    expect(claims('Meta rose again on Tuesday, by 3.8%.', 'en')).toEqual([['META', 0.038, 'close']]);
  });
  it('reads an elided move ("después del 23,7% del lunes") as the same company’s, or the one named after it, each with the day of its own clause', () => {
    expect(days('AMD subió un 3,8% el martes, después del 23,7% del lunes.', 'es')).toEqual([['AMD', 'martes'], ['AMD', 'lunes']]);
    expect(claims('Nvidia subió un 5%, tras el 10% del Nasdaq.', 'es')).toEqual([['NVDA', 0.05, 'close'], ['^IXIC', 0.1, 'close']]);
    expect(claims('Nvidia rose 5% on Monday, after a 10% rally in the Nasdaq.', 'en')).toEqual([['NVDA', 0.05, 'close'], ['^IXIC', 0.1, 'close']]);
    expect(days('Dopo un balzo del 10% lunedì, Cambricon ha ceduto il 3%.', 'it')).toEqual([['688256.SS', 'lunedì'], ['688256.SS', null]]);
  });
  it('gives a phrase opening the sentence before the subject to the main clause’s company', () => {
    expect(claims('Following a 9% slide on Thursday, TSMC steadied on Friday.', 'en')).toEqual([['TSM', -0.09, 'close']]);
    expect(claims('After a 10% rise in revenue, Nvidia gained 3% on Thursday.', 'en')).toEqual([['NVDA', 0.03, 'close']]);
  });
  it('carries a verb over to a second subject written as a noun phrase with the name in brackets', () => {
    expect(claims('Nvidia a cédé 3 % et le fonds VanEck sur les semi-conducteurs (SMH) 2,4 %.', 'fr')).toEqual([['NVDA', -0.03, 'close'], ['SMH', -0.024, 'close']]);
  });
  it('does not read a board’s daily limit as a move', () => {
    expect(claims('中芯国际所在的科创板涨幅上限为20%。', 'zh')).toEqual([]);
  });
  it('reads "an der Börse … wert" as a market value, a contract’s worth not', () => {
    expect(caps('Hygon war damit an der Börse rund 510 Mrd. Yuan wert.', 'de')).toEqual([['688041.SS', [510e9, 'CNY']]]);
    expect(caps('Der Auftrag ist für AMD rund 10 Mrd. Dollar wert.', 'de')).toEqual([]);
  });
  it('reads "Kursgewinn" as a move, not a profit, and "seit Bekanntgabe" as a multi-day stretch', () => {
    expect(claims('Der Kursgewinn von Broadcom seit Bekanntgabe des Deals summierte sich auf 14 %.', 'de')).toEqual([['AVGO', 0.14, 'cumulative']]);
    expect(claims('Der Gewinn von Broadcom stieg um 14 %.', 'de')).toEqual([]);
  });
});
