/**
 * `impact article` end to end on the bundled data: the done-when article, dates, errors,
 * the HTML report's escaping, and the gold-set goal (npm run eval:claims).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, expectOneLineError } from './helpers/cli.ts';
import { checkArticle } from '../src/claims/article/index.ts';
import { evaluateClaims, GOLD_DIR } from '../scripts/eval-claims.ts';

const EXAMPLE = join(import.meta.dirname, '..', 'examples', 'cambricon-fr.txt');

describe('impact article: the done-when article (Cambricon, 13 août 2025)', () => {
  it('finds exactly the move and the market value, confirms the move on 2025-08-12, both amounts consistent, other percentages not checked', async () => {
    const r = await run('article', EXAMPLE, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.article).toMatchObject({ date: '2025-08-13', dateSource: 'text', language: 'fr' });
    expect(out.claims.map((c: { kind: string }) => c.kind)).toEqual(['move', 'market-cap']);
    const [move, cap] = out.claims;
    expect(move).toMatchObject({ symbol: '688256.SS', company: 'Cambricon', move: 0.2, basis: 'close', verdict: 'confirmed', matchedDate: '2025-08-12' });
    expect(move.sentence).toMatch(/a bondi de 20\s%/);
    expect(move.evidence.length).toBeGreaterThan(0);
    expect(cap).toMatchObject({ symbol: '688256.SS', verdict: 'consistent', matchedDate: '2025-08-12' });
    expect(cap.amounts).toEqual([{ value: 355e9, currency: 'CNY' }, { value: 49.7e9, currency: 'USD' }]);
    expect(cap.marketCap.comparisons).toHaveLength(2);
    for (const c of cap.marketCap.comparisons) expect(Math.abs(c.difference)).toBeLessThanOrEqual(0.05);
    // Every other percentage of the article is listed as not checked, with a reason.
    const text = readFileSync(EXAMPLE, 'utf8');
    const percents = [...text.matchAll(/\d[\d\u202f\u00a0 ,]*\s?%/g)].map((m) => m[0].trim());
    expect(percents).toHaveLength(6);
    const notChecked = out.notChecked.filter((n: { kind: string }) => n.kind === 'percent');
    expect(notChecked.map((n: { text: string }) => n.text.replace(/\s/g, ''))).toEqual(['4348%', '91%', '97%', '82%', '80%']);
    for (const n of out.notChecked) expect(n.reason).toMatch(/\S/);
  });

  it('gives the same evidence and explanation as impact check with the printed command', async () => {
    const art = JSON.parse((await run('article', EXAMPLE, '--json')).out);
    const check = JSON.parse((await run('check', '688256.SS', '--move', '+20%', '--reported', '2025-08-12', '--lookback', '0', '--market-cap', '355000000000 CNY', '--market-cap', '49700000000 USD', '--json')).out);
    expect(art.claims[0].checkCommand).toBe("impact check 688256.SS --move=+20% --reported 2025-08-12 --lookback 0 --market-cap '355000000000 CNY' --market-cap '49700000000 USD'");
    expect(art.claims[0].explanation).toBe(check.explanation);
    expect(art.claims[0].evidence).toEqual(check.evidence);
    expect(art.claims[1].marketCap).toEqual(check.marketCap);
  });

  it('prints what the README shows for the example file', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const shown = /npx impact article examples\/cambricon-fr\.txt[^\n]*\n```\n\n```text\n([\s\S]*?)\n```/.exec(readme);
    expect(shown).not.toBeNull();
    expect((await run('article', 'examples/cambricon-fr.txt')).out.trimEnd()).toBe(shown![1]);
  });

  it('prints a table with the verdicts and the reasons', async () => {
    const r = await run('article', EXAMPLE);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/article: 2025-08-13 \(found in the text: "13 août 2025"\), language fr/);
    expect(r.out).toMatch(/confirmed\s+688256\.SS\s+move/);
    expect(r.out).toMatch(/consistent\s+688256\.SS\s+market-cap/);
    expect(r.out).toMatch(/not checked \(5\)/);
  });
});

describe('impact article: dates and errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'article-'));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('refuses an article without a date of its own unless --date is given', async () => {
    const f = write('nodate.txt', 'Nvidia shares plunged 17% on Monday.');
    expectOneLineError(await run('article', f), /states no date of its own.*--date YYYY-MM-DD/);
    const ok = JSON.parse((await run('article', f, '--date', '2025-01-28', '--json')).out);
    expect(ok.article.dateSource).toBe('flag');
    expect(ok.claims[0]).toMatchObject({ symbol: 'NVDA', verdict: 'confirmed', statedDate: '2025-01-27', matchedDate: '2025-01-27' });
  });

  it('moves a dateline with a time across midnight onto the security’s exchange (--tz when the text names no zone)', async () => {
    const f = write('tz.txt', 'NEW YORK, August 12, 2025, 10:30 p.m. — Cambricon jumped 20% today.');
    const r = JSON.parse((await run('article', f, '--tz', 'America/New_York', '--json')).out);
    expect(r.article).toMatchObject({ date: '2025-08-12', time: '22:30', timeZone: 'America/New_York' });
    // 22:30 in New York is the next morning in Shanghai: 'today' there is 2025-08-13.
    expect(r.claims[0].statedDate).toBe('2025-08-13');
  });

  it('refuses bad options in one line', async () => {
    expectOneLineError(await run('article'), /missing the article/);
    expectOneLineError(await run('article', join(dir, 'nope.txt')), /nope\.txt does not exist/);
    expectOneLineError(await run('article', EXAMPLE, '--date', '2025-02-30'), /--date/);
    expectOneLineError(await run('article', EXAMPLE, '--lang', 'pt'), /--lang must be one of/);
    expectOneLineError(await run('article', EXAMPLE, '--source', 'bloomberg'), /--source must be snapshot or yahoo/);
    // --source yahoo now checks on pinned Yahoo prices (test/live-source.test.ts); --refresh needs it.
    expectOneLineError(await run('article', EXAMPLE, '--refresh'), /--refresh needs --source yahoo/);
  });

  it('a right move with a wrong market value: the move is confirmed, the value inconsistent (each claim its own verdict)', async () => {
    const r = await checkArticle("PARIS, 13 août 2025 — L'action Cambricon a bondi de 20 % mardi, propulsant sa capitalisation boursière à 500 milliards de yuans.", { language: 'fr' });
    expect(r.claims.map((c) => [c.kind, c.verdict])).toEqual([['move', 'confirmed'], ['market-cap', 'inconsistent']]);
  });

  it('a company that is not listed is not checked, with the reason', async () => {
    const r = await checkArticle('Huawei’s revenue fell 3%. DeepSeek soared 40% in valuation.', { date: '2025-01-28', language: 'en' });
    expect(r.claims).toEqual([]);
    expect(r.notChecked.map((n) => n.reason)).toEqual(['not a price move (revenue)', 'not a listed security']);
  });
});

describe('impact article --report', () => {
  it('writes the article with verdict tags and one chart per check, escaping everything from the article', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'article-report-'));
    const f = join(dir, 'evil.txt');
    writeFileSync(f, 'PARIS, 13 août 2025 — <script>alert(1)</script>\n\nL’action Cambricon a bondi de 20 % mardi <img src=x onerror=alert(2)>. Les coûts ont chuté de 97 % *selon* [DeepSeek](javascript:alert(3)).');
    const r = await run('article', f, '--report', join(dir, 'out'));
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script>alert|<img src=x|href="javascript/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/<strong>a bondi de 20 %<\/strong> <em>\[1: ✔ confirmed\]<\/em>/);
    expect(html.match(/<figure class="chart"/g)).toHaveLength(1);
    expect(html).toContain('not a price move (coûts)');
    const md = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    expect(md).toContain('charts/claim-1.png');
    expect(md).not.toMatch(/<script>/);
  });
});

describe('gold set (npm run eval:claims)', () => {
  it('is big enough: >= 60 sentences and >= 6 whole articles in all six languages', () => {
    const sentences = JSON.parse(readFileSync(join(GOLD_DIR, 'sentences.json'), 'utf8')) as { lang: string }[];
    const articles = JSON.parse(readFileSync(join(GOLD_DIR, 'articles.json'), 'utf8')) as { lang: string }[];
    expect(sentences.length).toBeGreaterThanOrEqual(60);
    expect(articles.length).toBeGreaterThanOrEqual(6);
    for (const l of ['en', 'fr', 'it', 'de', 'es', 'zh']) {
      expect(sentences.some((s) => s.lang === l), l).toBe(true);
      expect(articles.some((s) => s.lang === l), l).toBe(true);
    }
  });

  it('the first and third blind sets (written before reading the extractor) have >= 20 sentences and an article per language; the third >= 40% hard negatives', () => {
    for (const set of ['blind', 'blind3']) {
      const sentences = JSON.parse(readFileSync(join(GOLD_DIR, set, 'sentences.json'), 'utf8')) as { lang: string; claims: unknown[] }[];
      const articles = JSON.parse(readFileSync(join(GOLD_DIR, set, 'articles.json'), 'utf8')) as { lang: string }[];
      for (const l of ['en', 'fr', 'it', 'de', 'es', 'zh']) {
        const own = sentences.filter((s) => s.lang === l);
        const negatives = own.filter((s) => s.claims.length === 0).length;
        expect(own.length, `${set} ${l}`).toBeGreaterThanOrEqual(20);
        expect(negatives, `${set} ${l} hard negatives`).toBeGreaterThanOrEqual(set === 'blind3' ? Math.ceil(0.4 * own.length) : 5);
        expect(articles.some((s) => s.lang === l), `${set} ${l}`).toBe(true);
      }
    }
  });

  it('meets the goal on every language of the union of the gold, held-out and the three blind sets: precision >= 0.97, recall >= 0.9, matched sessions and article dates right', () => {
    const r = evaluateClaims({ sets: ['gold', 'heldout', 'blind', 'blind2', 'blind3'] });
    expect(r.languages).toHaveLength(6);
    for (const s of r.languages) {
      expect(s.gold, s.language).toBeGreaterThan(0);
      expect(s.precision, `${s.language} precision; ${r.problems.join('; ')}`).toBeGreaterThanOrEqual(0.97);
      expect(s.recall, `${s.language} recall; ${r.problems.join('; ')}`).toBeGreaterThanOrEqual(0.9);
      expect(s.articleDatesCorrect, s.language).toBe(s.articles);
      expect(s.daysCorrect, `${s.language} matched sessions; ${r.problems.join('; ')}`).toBe(s.daysChecked);
    }
  });
});
