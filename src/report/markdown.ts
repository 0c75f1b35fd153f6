/**
 * A small, safe Markdown → HTML converter for study prose. Supported: ATX headings, paragraphs,
 * bullet and numbered lists (nested by indentation), emphasis (*em*, **strong**, ~~del~~), inline
 * code, fenced code blocks, block quotes, horizontal rules, pipe tables, and links whose target is
 * http(s). Everything else, raw HTML included, is escaped and shown as text: prose comes from study
 * files and data (event names, company names), which must never become markup.
 */

/**
 * Escapes the five HTML-special characters. Safe for text content and quoted attribute values.
 * @example escapeHtml('<b a="1">&') // '&lt;b a=&quot;1&quot;&gt;&amp;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** Makes unique, URL-safe anchor ids from heading text ('Results', 'Results' → 'results', 'results-2'). */
export function createSlugger(): (text: string) => string {
  const used = new Map<string, number>();
  return (text: string) => {
    const base =
      text
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'section';
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };
}

/** A heading met while converting, for the table of contents. */
export interface HeadingInfo {
  level: number;
  id: string;
  text: string;
}

/** Options of {@link markdownToHtml}. */
export interface MarkdownOptions {
  /** Shared slugger so ids stay unique across a whole document. */
  slug?: (text: string) => string;
  /** Called for every heading (after its id is chosen). */
  onHeading?: (heading: HeadingInfo) => void;
}

/** True for an http(s) URL without spaces or control characters. */
export function isSafeUrl(url: string): boolean {
  return /^https?:\/\/[^\s\u0000-\u001f"<>]+$/i.test(url);
}

/** Plain text of inline markdown (markup removed), for heading ids and TOC entries. */
export function inlinePlainText(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/(\*\*|__|~~|\*|_)/g, '')
    .trim();
}

const PH = '\u0000';

/**
 * Inline markdown → HTML. Code spans, links and backslash escapes are cut out into placeholders
 * first, the rest is HTML-escaped, then emphasis markers (which escaping leaves alone) become tags.
 */
export function inlineToHtml(text: string, allowLinks = true): string {
  const tokens: string[] = [];
  const hold = (html: string) => `${PH}${tokens.push(html) - 1}${PH}`;
  let s = text.replace(/\u0000/g, '');
  s = s.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks: string, code: string) => hold(`<code>${escapeHtml(code.replace(/^ (.*) $/s, '$1'))}</code>`));
  s = s.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, (_m, c: string) => hold(escapeHtml(c)));
  if (allowLinks) {
    s = s.replace(/\[([^\]\n]*)\]\(\s*([^)\s]*)(?:\s+"([^"]*)")?\s*\)/g, (m, label: string, url: string, title?: string) => {
      if (!isSafeUrl(url)) return hold(escapeHtml(m));
      const titleAttr = title === undefined ? '' : ` title="${escapeHtml(title)}"`;
      return hold(`<a href="${escapeHtml(url)}"${titleAttr}>${inlineToHtml(label, false)}</a>`);
    });
  }
  s = escapeHtml(s)
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\p{L}\p{N}_])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}_])/gu, '$1<strong>$2</strong>')
    .replace(/\*(?=\S)([\s\S]*?\S)\*/g, '<em>$1</em>')
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([\s\S]*?\S)_(?![\p{L}\p{N}_])/gu, '$1<em>$2</em>')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '<del>$1</del>')
    .replace(/(?: {2,}|\\)\n/g, '<br>\n');
  return s.replace(new RegExp(`${PH}(\\d+)${PH}`, 'g'), (_m, i: string) => tokens[Number(i)]);
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const HR = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const TABLE_SEP = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** Splits a pipe-table row into cells (`\|` is a literal pipe). */
function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  return s.split(/(?<!\\)\|/).map((c) => c.trim());
}

function isBlockStart(line: string, next: string | undefined): boolean {
  return FENCE.test(line) || HEADING.test(line) || HR.test(line) || LIST_ITEM.test(line) || QUOTE.test(line) || (line.includes('|') && next !== undefined && TABLE_SEP.test(next) && next.includes('-'));
}

/**
 * Converts markdown to safe HTML.
 * @example markdownToHtml('# Hi <b>\n\nSome *text*.') // '<h1 id="hi-b">Hi &lt;b&gt;</h1>\n<p>Some <em>text</em>.</p>'
 */
export function markdownToHtml(markdown: string, options: MarkdownOptions = {}): string {
  const slug = options.slug ?? createSlugger();
  const lines = markdown.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
  const html: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1];
      const body: string[] = [];
      i++;
      while (i < lines.length && !new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`).test(lines[i])) body.push(lines[i++]);
      i++;
      const lang = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : '';
      html.push(`<pre><code${lang}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1].length;
      const text = heading[2] ?? '';
      const id = slug(inlinePlainText(text));
      options.onHeading?.({ level, id, text: inlinePlainText(text) });
      html.push(`<h${level} id="${escapeHtml(id)}">${inlineToHtml(text)}</h${level}>`);
      i++;
      continue;
    }
    if (HR.test(line)) {
      html.push('<hr>');
      i++;
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      const header = splitRow(line);
      const aligns = splitRow(lines[i + 1]).map((c) => (c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : c.startsWith(':') ? 'left' : ''));
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && lines[i].trim() !== '' && lines[i].includes('|')) rows.push(splitRow(lines[i++]));
      const cell = (tag: string, text: string, j: number) => `<${tag}${aligns[j] ? ` style="text-align:${aligns[j]}"` : ''}>${inlineToHtml(text)}</${tag}>`;
      html.push(
        `<div class="table-wrap"><table><thead><tr>${header.map((h, j) => cell('th', h, j)).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${header.map((_, j) => cell('td', r[j] ?? '', j)).join('')}</tr>`)
          .join('')}</tbody></table></div>`,
      );
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && lines[i].trim() !== '' && (QUOTE.test(lines[i]) || body.length > 0)) {
        const q = QUOTE.exec(lines[i]);
        body.push(q ? q[1] : lines[i]);
        i++;
      }
      html.push(`<blockquote>\n${markdownToHtml(body.join('\n'), { ...options, slug })}\n</blockquote>`);
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const baseIndent = item[1].length;
      const ordered = /\d/.test(item[2]);
      const start = ordered ? Number.parseInt(item[2], 10) : 1;
      const items: string[][] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]);
        if (m && m[1].length <= baseIndent + 1 && /\d/.test(m[2]) === ordered) {
          items.push([m[3]]);
          i++;
          continue;
        }
        if (lines[i].trim() === '') {
          // A blank line continues the list only if indented content or another item follows.
          const next = lines[i + 1];
          const nm = next === undefined ? null : LIST_ITEM.exec(next);
          const continues = next !== undefined && ((nm !== null && nm[1].length <= baseIndent + 1 && /\d/.test(nm[2]) === ordered) || /^\s+\S/.test(next) && next.search(/\S/) > baseIndent + 1);
          if (!continues) break;
          items[items.length - 1].push('');
          i++;
          continue;
        }
        const indent = lines[i].search(/\S/);
        if (indent > baseIndent + 1) {
          items[items.length - 1].push(lines[i].slice(Math.min(indent, baseIndent + 2)));
          i++;
          continue;
        }
        if (m || isBlockStart(lines[i], lines[i + 1])) break;
        items[items.length - 1].push(lines[i]); // lazy continuation of the item's paragraph
        i++;
      }
      const tag = ordered ? 'ol' : 'ul';
      const startAttr = ordered && start !== 1 ? ` start="${start}"` : '';
      const lis = items.map((body) => {
        const inner = markdownToHtml(body.join('\n'), { ...options, slug });
        // Tight items (no blank line inside): the leading paragraph is shown without <p>.
        const tight = !body.includes('') && inner.startsWith('<p>') ? inner.replace(/^<p>([\s\S]*?)<\/p>/, '$1') : inner;
        return `<li>${tight}</li>`;
      });
      html.push(`<${tag}${startAttr}>\n${lis.join('\n')}\n</${tag}>`);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() !== '' && (para.length === 0 || !isBlockStart(lines[i], lines[i + 1]))) para.push(lines[i++]);
    html.push(`<p>${inlineToHtml(para.join('\n').trim())}</p>`);
  }
  return html.join('\n');
}
