/**
 * The plain-text view of an article check: the article's date and language, one row per claim
 * with its verdict, the checker's sentence for each, and the numbers not checked with reasons.
 */
import { formatMovePct } from '../parse.ts';
import { formatMoney } from '../explain.ts';
import type { ArticleCheck, ArticleClaim } from './types.ts';

/** What a claim says, in one cell: '+20.00% (close)', '≈ -17.00% (close)', '355.0 billion yuan / 49.7 billion dollars'. */
export function claimedText(c: Pick<ArticleClaim, 'kind' | 'move' | 'basis' | 'hedge' | 'limitMove' | 'amounts'>): string {
  if (c.kind === 'market-cap') return c.amounts.map((a) => formatMoney(a)).join(' / ');
  const hedge = c.hedge ? `${c.hedge} ` : '';
  return `${hedge}${formatMovePct(c.move ?? 0)} (${c.basis}${c.limitMove ? ', limit move' : ''})`;
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * The human-readable report of an article check.
 * @example formatArticleCheck(result) // 'article: 2025-08-13 (found in the text: "13 août 2025"), language fr\n...'
 */
export function formatArticleCheck(r: ArticleCheck): string {
  const a = r.article;
  const out: string[] = [];
  const when = a.dateSource === 'flag' ? 'given with --date' : `found in the text: "${a.dateText}"`;
  out.push(`article: ${a.date}${a.time ? ` ${a.time}${a.timeZone ? ` ${a.timeZone}` : ''}` : ''} (${when}), language ${a.language}, ${r.sentences.length} sentences`);
  out.push('');
  if (r.claims.length === 0) out.push('claims: none (no price move or market value of a listed security)');
  else {
    out.push(`claims (${r.claims.length}):`);
    out.push(
      table(
        ['#', 'verdict', 'symbol', 'kind', 'claimed', 'day named', 'matched', 'company'],
        r.claims.map((c, i) => [String(i + 1), c.verdict, c.symbol, c.kind, claimedText(c), c.statedDateText ? `${c.statedDateText} = ${c.statedDate}` : '', c.matchedDate ?? '', c.company]),
      ),
    );
    out.push('');
    r.claims.forEach((c, i) => {
      out.push(`[${i + 1}] "${clip(c.sentence, 160)}"`);
      out.push(`    ${c.explanation}`);
      out.push(`    same as: ${c.checkCommand}`);
    });
  }
  out.push('');
  if (r.notChecked.length === 0) out.push('not checked: nothing');
  else {
    out.push(`not checked (${r.notChecked.length}):`);
    out.push(table(['number', 'reason', 'sentence'], r.notChecked.map((n) => [n.text, n.reason, clip(n.sentence, 70)])));
  }
  return out.join('\n') + '\n';
}
