/**
 * The report section of an article check (`impact article ... --report DIR`): the article's
 * sentences with each claim highlighted and tagged with its verdict, one claim-evidence chart per
 * checked claim with the checker's sentence, and the numbers not checked with their reasons.
 * Built as a StudyDocument and written by the ordinary writers (index.html, report.md + charts/),
 * so every string from the article is escaped the way study prose is.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleCheck, ArticleClaim } from '../claims/article/types.ts';
import { claimedText } from '../claims/article/format.ts';
import type { DocumentCell, Output, StudyDocument } from './document.ts';
import { writeHtmlReport } from './html.ts';
import { writeMarkdownReport } from './markdown-report.ts';
import { collectProvenance, findProjectRoot } from './provenance.ts';

/** Backslash-escapes everything markdown would read as markup, so article text stays text. */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

const MARK: Record<string, string> = {
  confirmed: '✔',
  consistent: '✔',
  approximate: '≈',
  'not-found': '✘',
  contradicted: '✘',
  inconsistent: '✘',
  'no-data': '?',
};

/** One sentence as markdown, the claims' words in bold, each followed by its verdict tag. */
function sentenceMarkdown(sentence: { start: number; end: number; text: string }, claims: readonly { claim: ArticleClaim; n: number }[]): string {
  const marks: { start: number; end: number; tag: string }[] = [];
  for (const { claim, n } of claims) {
    for (const [i, s] of claim.spans.entries()) {
      const isLast = i === claim.spans.length - 1;
      marks.push({ start: s.start - sentence.start, end: s.end - sentence.start, tag: isLast ? ` *[${n}: ${MARK[claim.verdict] ?? ''} ${claim.verdict}]*` : '' });
    }
  }
  marks.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue; // overlapping spans (a move and its market value share the company)
    out += escapeMarkdownText(sentence.text.slice(at, m.start));
    out += `**${escapeMarkdownText(sentence.text.slice(m.start, m.end))}**${m.tag}`;
    at = m.end;
  }
  return out + escapeMarkdownText(sentence.text.slice(at));
}

/**
 * The article report as a document (pure apart from rendering the charts).
 * @param title what to call the article (its file name)
 */
export async function articleDocument(result: ArticleCheck, opts: { title: string; rootDir?: string }): Promise<StudyDocument> {
  const { renderPng, renderSvg } = await import('../charts/render.ts');
  const { claimChart } = await import('../charts/from-claim.ts');
  const a = result.article;
  const numbered = result.claims.map((claim, i) => ({ claim, n: i + 1 }));
  const cells: DocumentCell[] = [];
  const counts = new Map<string, number>();
  for (const c of result.claims) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  cells.push({
    kind: 'markdown',
    source: [
      `# Claims in ${escapeMarkdownText(opts.title)}`,
      '',
      `Article of **${a.date}** (${a.dateSource === 'flag' ? 'given with --date' : `stated in the text: "${escapeMarkdownText(a.dateText ?? '')}"`}), language **${a.language}**, ${result.sentences.length} sentences.`,
      '',
      `${result.claims.length} market claims: ${[...counts].map(([v, k]) => `${k} ${v}`).join(', ') || 'none'}; ${result.notChecked.length} numbers not checked.`,
    ].join('\n'),
    outputs: [],
  });
  const paragraphs = result.sentences.map((s) => {
    const own = numbered.filter(({ claim }) => claim.sentenceIndex === s.index);
    return own.length === 0 ? escapeMarkdownText(s.text) : `> ${sentenceMarkdown(s, own)}`;
  });
  cells.push({ kind: 'markdown', source: ['## The article', '', 'Each claim in **bold**, tagged *[number: verdict]*.', '', paragraphs.join('\n\n')].join('\n'), outputs: [] });
  cells.push({ kind: 'markdown', source: '## The claims', outputs: [] });
  const charted = new Set<unknown>();
  for (const { claim, n } of numbered) {
    const check = result.checks[n - 1];
    const outputs: Output[] = [
      {
        kind: 'markdown',
        text: `**[${n}] ${claim.verdict}**: ${escapeMarkdownText(claim.company)} (${claim.symbol}), ${claim.kind}, claimed ${escapeMarkdownText(claimedText(claim))}${claim.statedDateText ? ` on ${escapeMarkdownText(claim.statedDateText)} (${claim.statedDate})` : ''}.\n\n${escapeMarkdownText(claim.explanation)}`,
      },
    ];
    // One chart per check: a move and its market value share one.
    if (check && !charted.has(check)) {
      charted.add(check);
      const spec = claimChart(check);
      const svg = await renderSvg(spec);
      const png = renderPng(svg).toString('base64');
      outputs.push({ kind: 'chart', name: `claim-${n}`, spec, svg, png, alt: `Claim ${n}: daily returns of ${claim.symbol} around ${claim.input.reportedOn} with the claimed move (${claim.verdict})` });
    }
    cells.push({ kind: 'code', source: claim.checkCommand, outputs });
  }
  cells.push({ kind: 'markdown', source: '## Numbers not checked', outputs: [] });
  cells.push({
    kind: 'code',
    source: '# numbers the article states that are not a price or market-value claim about a listed security',
    outputs: [{ kind: 'table', columns: ['number', 'reason', 'sentence'], rows: result.notChecked.map((n) => [n.text, n.reason, n.sentence]) }],
  });
  const rootDir = opts.rootDir ?? findProjectRoot(resolve(fileURLToPath(import.meta.url), '..'));
  // The footer from what ran and what was read (the checks' run log and data reads), like a study's.
  const provenance = collectProvenance(
    {},
    {
      rootDir,
      reads: result.provenance.reads,
      calls: result.provenance.calls,
      parameters: { article: opts.title, date: a.date, dateSource: a.dateSource, language: a.language },
    },
  );
  return { id: 'article', title: `Claims in ${opts.title}`, cells, provenance };
}

/** Writes DIR/index.html and DIR/report.md (+ charts/) for an article check. */
export async function writeArticleReport(result: ArticleCheck, dir: string, opts: { title: string }): Promise<{ html: string; markdown: string }> {
  const doc = await articleDocument(result, opts);
  return { html: writeHtmlReport(doc, dir), markdown: writeMarkdownReport(doc, dir) };
}
