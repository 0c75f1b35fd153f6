/**
 * Unit tests of the report stage's pure parts: escaping, the markdown converter, the percent-format
 * parser and instrumenter, table formatting, and the display API's capture records.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CAPTURE_ENV,
  escapeHtml,
  escapeTableCell,
  formatTableText,
  instrumentScript,
  isInlineSafeSvg,
  markdownToHtml,
  mergeProvenanceInputs,
  neutraliseHtml,
  oneLine,
  parsePercentScript,
  prefixSvgIds,
  showChart,
  showTable,
  tableToHtml,
  tableToMarkdown,
  toPlainTable,
  toTableCell,
  dataFilesFor,
  markdown,
  renderHtmlReport,
  renderMarkdownReport,
  studyTitle,
} from '../src/report/index.ts';
import { documentOutline, type DocumentCell } from '../src/report/document.ts';

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
  it('leaves other text alone', () => {
    expect(escapeHtml('NVDA −16.9% 寒武纪')).toBe('NVDA −16.9% 寒武纪');
  });
});

describe('markdownToHtml', () => {
  it('converts headings, paragraphs and emphasis', () => {
    expect(markdownToHtml('## Results\n\nNVDA *fell* **17%** on `day 0`.')).toBe(
      '<h2 id="results">Results</h2>\n<p>NVDA <em>fell</em> <strong>17%</strong> on <code>day 0</code>.</p>',
    );
  });
  it('escapes raw HTML instead of passing it through', () => {
    const html = markdownToHtml('Hi <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).toBe('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>');
  });
  it('links only http(s) URLs, escaping the href', () => {
    expect(markdownToHtml("[ok](https://a.com/?x=1&y='2')")).toBe('<p><a href="https://a.com/?x=1&amp;y=&#39;2&#39;">ok</a></p>');
    // A quote could end the attribute early: such a URL is not linked at all.
    expect(markdownToHtml('[q](https://a.com/"onmouseover=alert(1))')).not.toContain('<a');
    expect(markdownToHtml('[bad](javascript:alert(1))')).toBe('<p>[bad](javascript:alert(1))</p>');
    expect(markdownToHtml('[bad](data:text/html,x)')).not.toContain('<a');
  });
  it('keeps snake_case words and code contents literal', () => {
    expect(markdownToHtml('use car_window and `a*b*c <x>`')).toBe('<p>use car_window and <code>a*b*c &lt;x&gt;</code></p>');
  });
  it('converts bullet, numbered and nested lists', () => {
    expect(markdownToHtml('- one\n- two\n  - two.a\n\n3. three\n4. four')).toBe(
      '<ul>\n<li>one</li>\n<li>two\n<ul>\n<li>two.a</li>\n</ul></li>\n</ul>\n<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>',
    );
  });
  it('converts pipe tables with alignment and escaped cells', () => {
    expect(markdownToHtml('| a | b |\n|---|--:|\n| <i> | 1 |')).toBe(
      '<div class="table-wrap"><table><thead><tr><th>a</th><th style="text-align:right">b</th></tr></thead><tbody><tr><td>&lt;i&gt;</td><td style="text-align:right">1</td></tr></tbody></table></div>',
    );
  });
  it('escapes fenced code blocks and keeps them verbatim', () => {
    expect(markdownToHtml('```ts\nconst a = "<b>";\n```')).toBe('<pre><code class="language-ts">const a = &quot;&lt;b&gt;&quot;;</code></pre>');
  });
  it('gives duplicate headings unique ids', () => {
    const ids: string[] = [];
    markdownToHtml('# A b\n## A b', { onHeading: (h) => ids.push(h.id) });
    expect(ids).toEqual(['a-b', 'a-b-2']);
  });
  it('converts block quotes and rules', () => {
    expect(markdownToHtml('> quoted *text*\n\n---')).toBe('<blockquote>\n<p>quoted <em>text</em></p>\n</blockquote>\n<hr>');
  });
});

describe('markdown report escaping', () => {
  it('escapes pipes, backslashes, < and newlines in table cells', () => {
    expect(escapeTableCell('a|b\\c<d>\ne')).toBe('a\\|b\\\\c&lt;d>&lt;br>'.replace('&lt;br>', '<br>') + 'e');
  });
  it('neutralises HTML outside code only', () => {
    expect(neutraliseHtml('x <b> `<c>`\n```\n<d>\n```')).toBe('x &lt;b> `<c>`\n```\n<d>\n```');
  });
  it('writes GitHub pipe tables, numeric columns right-aligned', () => {
    expect(tableToMarkdown(['sym', 'car'], [['A|B', -0.05], ['C', 0.1]], 'CARs')).toBe(
      '*CARs*\n\n| sym | car |\n| --- | ---: |\n| A\\|B | \u22120.05 |\n| C | 0.1 |',
    );
  });
});

describe('parsePercentScript / instrumentScript', () => {
  const script = [
    '// %% [markdown]',
    '// # Title',
    '//',
    '// Some *prose*.',
    '',
    '// %%',
    "import { x } from './x.ts';",
    'console.log(x);',
    '',
    '// %% Second code cell',
    'console.log(2);',
    '',
  ].join('\n');

  it('splits markdown and code cells and strips the comment prefix', () => {
    expect(parsePercentScript(script)).toEqual([
      { kind: 'markdown', source: '# Title\n\nSome *prose*.', markerLine: 0 },
      { kind: 'code', source: "import { x } from './x.ts';\nconsole.log(x);", markerLine: 5 },
      { kind: 'code', source: 'console.log(2);', markerLine: 9 },
    ]);
  });
  it('treats code before the first marker as a cell and ignores indented markers', () => {
    const cells = parsePercentScript('const a = 1;\n  // %% not a marker\n// %%\nb();');
    expect(cells.map((c) => [c.kind, c.source])).toEqual([
      ['code', 'const a = 1;\n  // %% not a marker'],
      ['code', 'b();'],
    ]);
  });
  it('instruments only code-cell marker lines, keeping line numbers', () => {
    const cells = parsePercentScript(script);
    const out = instrumentScript(script, cells).split('\n');
    const original = script.split('\n');
    expect(out.length).toBe(original.length);
    expect(out[5]).toBe(';(globalThis as any).__miCell?.(1);// %%');
    expect(out[9]).toBe(';(globalThis as any).__miCell?.(2);// %% Second code cell');
    const changed = out.map((l, i) => (l !== original[i] ? i : -1)).filter((i) => i >= 0);
    expect(changed).toEqual([5, 9]);
  });
});

describe('tables', () => {
  it('makes plain tables from records, choosing and formatting columns', () => {
    const t = toPlainTable(
      [
        { sym: 'NVDA', car: -0.1693, n: 1 },
        { sym: 'AMD', car: 0.02, extra: true },
      ],
      { columns: ['sym', 'car', 'extra'], format: { car: { percent: true, digits: 1 } }, caption: 'c' },
    );
    expect(t).toEqual({ columns: ['sym', 'car', 'extra'], rows: [['NVDA', '\u221216.9%', null], ['AMD', '2.0%', true]], caption: 'c' });
  });
  it('accepts DataFrame-like objects (.columns + .values)', () => {
    const frame = { columns: ['a', 'b'], values: [[1, 'x'], [NaN, new Date('2025-01-27T00:00:00Z')]] };
    expect(toPlainTable(frame)).toEqual({ columns: ['a', 'b'], rows: [[1, 'x'], ['NaN', '2025-01-27']] });
  });
  it('accepts Series-like objects (.values + .index)', () => {
    expect(toPlainTable({ values: [0.1, 0.2], index: ['2025-01-24', '2025-01-27'], name: 'ar' })).toEqual({
      columns: ['index', 'ar'],
      rows: [['2025-01-24', 0.1], ['2025-01-27', 0.2]],
    });
  });
  it('turns non-finite numbers into readable strings, not silent nulls', () => {
    expect([NaN, Infinity, -Infinity, -0, undefined].map(toTableCell)).toEqual(['NaN', '∞', '-∞', 0, null]);
  });
  it('rejects unknown columns with a clear error', () => {
    expect(() => toPlainTable([{ a: 1 }], { columns: ['b'] })).toThrow(/no column 'b'/);
  });
  it('aligns text tables, numbers to the right', () => {
    expect(formatTableText({ columns: ['sym', 'car'], rows: [['NVDA', -0.17], ['A', 2]] })).toBe(
      'sym     car\n----  -----\nNVDA  \u22120.17\nA         2\n',
    );
  });
  it('right-aligns numeric columns in HTML and escapes cells', () => {
    const html = tableToHtml(['sym', 'car'], [['<b>', '-1.5%']], 'cap & co');
    expect(html).toContain('<caption>cap &amp; co</caption>');
    expect(html).toContain('<td>&lt;b&gt;</td><td class="num">-1.5%</td>');
    expect(html).toContain('<th scope="col" class="num">car</th>');
  });
});

describe('SVG inlining', () => {
  it('prefixes ids and their references', () => {
    const svg = '<svg><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>';
    expect(prefixSvgIds(svg, 'c2-')).toBe('<svg><clipPath id="c2-clip1"><rect/></clipPath><g clip-path="url(#c2-clip1)"><use href="#c2-clip1"/></g></svg>');
  });
  it('refuses SVG with scripts or handlers', () => {
    expect(isInlineSafeSvg('<svg><text>&lt;script&gt;</text></svg>')).toBe(true);
    expect(isInlineSafeSvg('<svg><script>alert(1)</script></svg>')).toBe(false);
    expect(isInlineSafeSvg('<svg onload="alert(1)"></svg>')).toBe(false);
  });
});

describe('provenance helpers', () => {
  it('merges provenance calls: the last summary wins (nothing else is declared)', () => {
    expect(mergeProvenanceInputs([{ summary: 'x' }, {}, { summary: 'y' }, {}])).toEqual({ summary: 'y' });
    expect(mergeProvenanceInputs([{}, {}])).toEqual({});
  });
  it('looks data files up in the manifest, marking missing symbols', () => {
    const manifest = { symbols: { NVDA: { file: 'data/prices/NVDA.csv', sha256: 'ab'.repeat(32), first: '2020-01-02', last: '2025-06-30', rows: 1380, raw: [] } } };
    expect(dataFilesFor(['NVDA', 'X', 'NVDA'], manifest)).toEqual([
      { symbol: 'NVDA', file: 'data/prices/NVDA.csv', sha256: 'ab'.repeat(32), first: '2020-01-02', last: '2025-06-30', rows: 1380 },
      { symbol: 'X' },
    ]);
  });
  it('takes the title from the first level-1 heading, also one the study computed, and shows it once', () => {
    const prov = { tool: { name: 't', version: '0' }, git: { commit: 'x', dirty: false }, node: 'v20', manifest: null, dataFiles: [], calls: [], parameters: {} };
    const cells: DocumentCell[] = [
      { kind: 'markdown', source: '**Question.** In general words.\n\n## Method', outputs: [] },
      { kind: 'code', source: "markdown('# ...')", outputs: [{ kind: 'stream', text: 'x\n' }, { kind: 'markdown', text: '# Did Cambricon really rise 20%?\n\n**The claim.** From the run.' }] },
      { kind: 'code', source: "markdown('# Only title')", outputs: [{ kind: 'markdown', text: '# Only title' }] },
    ];
    expect(studyTitle(cells, 'id')).toBe('Did Cambricon really rise 20%?');
    // Older studies: a heading of any level in a markdown cell; else the id.
    expect(studyTitle([cells[0]], 'id')).toBe('Method');
    expect(studyTitle([], 'id')).toBe('id');
    const doc = { id: 'id', title: studyTitle(cells, 'id'), cells, provenance: prov };
    const outline = documentOutline(doc);
    expect(outline.titleCell).toBe(1);
    expect(outline.cells[0]).toBe(cells[0]);
    expect(outline.cells[1].outputs).toEqual([{ kind: 'stream', text: 'x\n' }, { kind: 'markdown', text: '**The claim.** From the run.' }]);
    expect(outline.cells[2]).toBe(cells[2]); // only the first carrier loses its heading
    const html = renderHtmlReport(doc);
    expect(html.match(/Did Cambricon really rise 20%\?/g)).toHaveLength(2); // <title> and <h1>, not again in the body
    const md = renderMarkdownReport(doc);
    expect(md.match(/Did Cambricon really rise 20%\?/g)).toHaveLength(1);
    const alone = { ...doc, title: 'Only title', cells: [cells[2]] };
    expect(documentOutline(alone).cells[0].outputs).toEqual([]); // an output left empty is dropped
  });
  it('makes one plain line of a markdown conclusion', () => {
    expect(oneLine('**NVDA** fell [17%](https://x.org) on *day 0*.\n\nMore text.')).toBe('NVDA fell 17% on day 0.');
  });
});

describe('display API capture records', () => {
  let dir: string | undefined;
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('appends structured records under the runner and prints tables without recording the text', () => {
    dir = mkdtempSync(join(tmpdir(), 'mi-display-'));
    const file = join(dir, 'capture.jsonl');
    vi.stubEnv(CAPTURE_ENV, file);
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    showTable([{ a: 1 }], { caption: 'T' });
    showChart({ mark: 'bar' }, { name: 'unit-chart', alt: 'alt' });
    markdown('**done**');
    const records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toEqual([
      { type: 'table', columns: ['a'], rows: [[1]], caption: 'T' },
      { type: 'chart', name: 'unit-chart', spec: { mark: 'bar' }, alt: 'alt' },
      { type: 'markdown', text: '**done**' },
    ]);
    expect(writes.join('')).toBe('T\na\n-\n1\nchart: unit-chart\n**done**\n');
  });

  it('rejects chart names that are not file-safe or are reused', () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(() => showChart({}, { name: '../x' })).toThrow(/chart name/);
    showChart({}, { name: 'once' });
    expect(() => showChart({}, { name: 'once' })).toThrow(/used twice/);
  });
});
