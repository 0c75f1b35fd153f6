/**
 * `npm run eval:claims`: scores `impact article` on the gold set in test/fixtures/articles/
 * (written by hand before the extractor, from the bundled tape). Prints, per language, precision
 * and recall of claim extraction (a claim counts when symbol, kind, basis and the claimed move or
 * amounts all match) and the share of correctly extracted claims whose verdict is the expected one;
 * for whole articles also whether the date was read from the text. test/article-eval.test.ts
 * asserts the goal (precision >= 0.97 and recall >= 0.9 on every language).
 *
 * The sets: `gold` (sentences.json + articles.json, written with the lexicon), `heldout`
 * (heldout.json, written after the extractor, then used to fix it), `blind` (blind/, written by
 * a second author before reading the extractor; its first run is in blind/FIRST-RUN.md) and
 * `blind2` (blind2/, written after the fixes, before the extractor was run on it) and `blind3`
 * (blind3/, a third author's set, likewise committed before the extractor was run on it).
 * `npm run eval:claims -- --set blind` prints one set; without --set it prints all of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkArticleWith } from '../src/claims/article/check.ts';
import type { ArticleClaim, ArticleLanguage } from '../src/claims/article/types.ts';
import { ARTICLE_LANGUAGES } from '../src/claims/article/types.ts';
import { openDataStore } from '../src/data/store.ts';

export const GOLD_DIR = join(import.meta.dirname, '..', 'test', 'fixtures', 'articles');

export interface GoldClaim {
  symbol: string;
  kind: 'move' | 'market-cap';
  move?: number;
  basis?: string;
  amounts?: { value: number; currency: string }[];
  date?: string;
  verdict: string;
}
interface GoldSentence {
  id: string;
  lang: ArticleLanguage;
  date: string;
  text: string;
  claims: GoldClaim[];
}
interface GoldArticle {
  id: string;
  file: string;
  lang: ArticleLanguage;
  date: string;
  claims: GoldClaim[];
}

/** One language's scores. */
export interface LanguageScore {
  language: ArticleLanguage;
  sentences: number;
  articles: number;
  gold: number;
  extracted: number;
  truePositives: number;
  precision: number;
  recall: number;
  verdictsCorrect: number;
  verdictAccuracy: number;
  /** Matched claims whose gold claim names a session (`date`) and whose matched session is that one. */
  daysCorrect: number;
  /** Matched claims whose gold claim names a session. */
  daysChecked: number;
  articleDatesCorrect: number;
}

/** The evaluation sets: where their sentences and whole articles are. */
export const EVAL_SETS = {
  gold: { dir: GOLD_DIR, sentences: 'sentences.json', articles: 'articles.json', title: 'gold set (test/fixtures/articles/sentences.json + articles.json)' },
  heldout: { dir: GOLD_DIR, sentences: 'heldout.json', articles: null, title: 'held-out sentences (test/fixtures/articles/heldout.json)' },
  blind: { dir: join(GOLD_DIR, 'blind'), sentences: 'sentences.json', articles: 'articles.json', title: 'blind set (test/fixtures/articles/blind/, written before reading the extractor)' },
  blind2: { dir: join(GOLD_DIR, 'blind2'), sentences: 'sentences.json', articles: 'articles.json', title: 'second blind set (test/fixtures/articles/blind2/, written after the fixes, before running the extractor on it)' },
  blind3: { dir: join(GOLD_DIR, 'blind3'), sentences: 'sentences.json', articles: 'articles.json', title: 'third blind set (test/fixtures/articles/blind3/, written without reading the extractor, before running it)' },
} as const;
export type EvalSetName = keyof typeof EVAL_SETS;

export interface EvalResult {
  languages: LanguageScore[];
  /** Every mismatch, for reading: missed and spurious claims, wrong verdicts, wrong dates. */
  problems: string[];
}

const close = (a: number, b: number, rel = 1e-6) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

/** True when an extracted claim is the gold claim (symbol, kind, basis, and the move or every amount). */
export function sameClaim(got: Pick<ArticleClaim, 'symbol' | 'kind' | 'move' | 'basis' | 'amounts'>, want: GoldClaim): boolean {
  if (got.symbol !== want.symbol || got.kind !== want.kind) return false;
  if (want.kind === 'move') return got.move !== null && close(got.move, want.move!, 1e-9) && got.basis === want.basis;
  const amounts = want.amounts ?? [];
  return got.amounts.length === amounts.length && amounts.every((a) => got.amounts.some((g) => g.currency === a.currency && close(g.value, a.value)));
}

const describe = (c: GoldClaim | ArticleClaim) =>
  `${c.symbol} ${c.kind} ${c.kind === 'move' ? `${c.move} ${c.basis}` : (c.amounts ?? []).map((a) => `${a.value} ${a.currency}`).join('+')}`;

/**
 * Scores one evaluation set (reads the fixtures and the bundled snapshot): `gold` by default,
 * `heldout` (also `heldOut: true`) or `blind`; `sets` scores several as one.
 */
export function evaluateClaims(opts: { heldOut?: boolean; set?: EvalSetName; sets?: readonly EvalSetName[] } = {}): EvalResult {
  const data = openDataStore();
  const names = opts.sets ?? [opts.set ?? (opts.heldOut ? 'heldout' : 'gold')];
  const items = names.flatMap((name) => {
    const set = EVAL_SETS[name];
    const sentences = JSON.parse(readFileSync(join(set.dir, set.sentences), 'utf8')) as GoldSentence[];
    const articles = set.articles === null ? [] : (JSON.parse(readFileSync(join(set.dir, set.articles), 'utf8')) as GoldArticle[]);
    return [...sentences.map((item) => ({ item, dir: set.dir })), ...articles.map((item) => ({ item, dir: set.dir }))];
  });
  const problems: string[] = [];
  const acc = new Map<ArticleLanguage, LanguageScore>(
    ARTICLE_LANGUAGES.map((language) => [
      language,
      { language, sentences: 0, articles: 0, gold: 0, extracted: 0, truePositives: 0, precision: 1, recall: 1, verdictsCorrect: 0, verdictAccuracy: 1, daysCorrect: 0, daysChecked: 0, articleDatesCorrect: 0 },
    ]),
  );
  const score = (id: string, lang: ArticleLanguage, got: ArticleClaim[], want: GoldClaim[]) => {
    const s = acc.get(lang)!;
    s.gold += want.length;
    s.extracted += got.length;
    const used = new Set<number>();
    for (const w of want) {
      const i = got.findIndex((g, k) => !used.has(k) && sameClaim(g, w));
      if (i < 0) {
        problems.push(`${id}: missed ${describe(w)}`);
        continue;
      }
      used.add(i);
      s.truePositives++;
      if (got[i].verdict === w.verdict) s.verdictsCorrect++;
      else problems.push(`${id}: ${describe(w)} verdict ${got[i].verdict}, expected ${w.verdict}`);
      if (w.date !== undefined) {
        s.daysChecked++;
        if (got[i].matchedDate === w.date) s.daysCorrect++;
        else problems.push(`${id}: ${describe(w)} matched ${got[i].matchedDate}, expected ${w.date}`);
      }
    }
    got.forEach((g, k) => {
      if (!used.has(k)) problems.push(`${id}: spurious ${describe(g)} from "${g.sentence.slice(0, 80)}"`);
    });
  };
  for (const { item, dir } of items) {
    if (!('file' in item)) {
      acc.get(item.lang)!.sentences++;
      const r = checkArticleWith(item.text, data, { date: item.date, language: item.lang });
      score(item.id, item.lang, r.claims, item.claims);
      continue;
    }
    const s = acc.get(item.lang)!;
    s.articles++;
    const r = checkArticleWith(readFileSync(join(dir, item.file), 'utf8'), data, {});
    if (r.article.date === item.date && r.article.language === item.lang) s.articleDatesCorrect++;
    else problems.push(`${item.id}: article date ${r.article.date} (${r.article.dateSource}) language ${r.article.language}, expected ${item.date} ${item.lang}`);
    score(item.id, item.lang, r.claims, item.claims);
  }
  for (const s of acc.values()) {
    s.precision = s.extracted === 0 ? 1 : s.truePositives / s.extracted;
    s.recall = s.gold === 0 ? 1 : s.truePositives / s.gold;
    s.verdictAccuracy = s.truePositives === 0 ? 1 : s.verdictsCorrect / s.truePositives;
  }
  return { languages: [...acc.values()], problems };
}

/** The table `npm run eval:claims` prints. */
export function formatEval(r: EvalResult): string {
  const f = (x: number) => x.toFixed(3);
  const rows = r.languages.map((s) => [s.language, String(s.sentences), String(s.articles), String(s.gold), String(s.extracted), String(s.truePositives), f(s.precision), f(s.recall), `${f(s.verdictAccuracy)} (${s.verdictsCorrect}/${s.truePositives})`, `${s.daysCorrect}/${s.daysChecked}`, `${s.articleDatesCorrect}/${s.articles}`]);
  const header = ['lang', 'sentences', 'articles', 'gold', 'extracted', 'matched', 'precision', 'recall', 'verdicts correct', 'days correct', 'article dates'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  out.push('', 'goal: precision >= 0.97 and recall >= 0.9 on every language');
  if (r.problems.length > 0) out.push('', `${r.problems.length} mismatches:`, ...r.problems.map((p) => `  ${p}`));
  return out.join('\n') + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(
      'Usage: npm run eval:claims [-- --set gold|heldout|blind|blind2|blind3]\n\n' +
        'Scores impact article on hand-written sets in test/fixtures/articles/ (precision and recall of claim\n' +
        'extraction, verdicts and matched sessions of the matched claims, article dates). Without --set, all of them.\n' +
        'Format: sentences.json [{id, lang, date, text, claims: [{symbol, kind: move|market-cap, move, basis,\n' +
        'amounts: [{value, currency}], date, verdict}], note}] and articles.json [{id, file, lang, date, claims, note}].\n',
    );
    process.exit(0);
  }
  const at = args.indexOf('--set');
  const only = at >= 0 ? args[at + 1] : undefined;
  if (only !== undefined && !(only in EVAL_SETS)) {
    process.stderr.write(`eval-claims: unknown --set '${only}' (gold, heldout, blind, blind2 or blind3)\n`);
    process.exit(1);
  }
  const notes: Record<EvalSetName, string> = {
    gold: '',
    heldout:
      'Their first run found 6 of 9 claims with 1 spurious (en precision 0.50 recall 0.50, de and es recall 0); the misses\n' +
      "were then fixed (relative clauses, 'schnellte', 'subida del'), so they are no longer unseen.\n",
    blind: 'Its first run (the honest measure) is recorded in test/fixtures/articles/blind/FIRST-RUN.md.\n',
    blind2: 'Its first run is recorded in test/fixtures/articles/blind2/FIRST-RUN.md.\n',
    blind3: 'Its first run is recorded in test/fixtures/articles/blind3/FIRST-RUN.md.\n',
  };
  (Object.keys(EVAL_SETS) as EvalSetName[])
    .filter((name) => only === undefined || name === only)
    .forEach((name, k) => {
      process.stdout.write(`${k > 0 ? '\n' : ''}${EVAL_SETS[name].title}:\n${notes[name]}`);
      process.stdout.write(formatEval(evaluateClaims({ set: name })));
    });
}
