/**
 * One formatter per quantity (#11.9): p-values, signed percentages, numbers, booleans and the
 * terminal escape live in src/format.ts, and every printer uses them (no second p-value or
 * minus-sign formatter elsewhere in src/).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControlChars, fixed, formatPValue, MINUS, percent, pPhrase, precise, shortName, signedPercent, significant, yesNo } from '../src/format.ts';
import { formatP } from '../src/claims/explain.ts';
import { formatMovePct } from '../src/claims/parse.ts';
import { num, pct, pValue } from '../src/study/format.ts';
import { formatCell, formatNumber } from '../src/report/display.ts';

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('shared formatters', () => {
  it('print p-values with four decimals and <0.0001 below', () => {
    expect(formatPValue(0.03456)).toBe('0.0346');
    expect(formatPValue(0.0001)).toBe('0.0001');
    expect(formatPValue(0.00009)).toBe('<0.0001');
    expect(formatPValue(0)).toBe('<0.0001');
    expect(formatPValue(null)).toBe('—');
    expect(formatPValue('x')).toBe('—');
    expect(pPhrase(1e-9)).toBe('p < 0.0001');
    expect(pPhrase(0.2)).toBe('p = 0.2000');
    expect(pPhrase(Number.NaN)).toBe('p n/a');
  });

  it('use one minus sign (U+2212) and no sign on a rounded zero', () => {
    expect(MINUS).toBe('\u2212');
    expect(signedPercent(-0.1697)).toBe('\u221216.97%');
    expect(signedPercent(0.2, 1)).toBe('+20.0%');
    expect(signedPercent(-0.00001)).toBe('0.00%');
    expect(percent(-0.05, 1)).toBe('\u22125.0%');
    expect(percent(0.05, 1)).toBe('5.0%');
    expect(fixed(-5.0612, 2)).toBe('\u22125.06');
    expect(fixed(-0.001, 2)).toBe('0.00');
    expect(significant(-0.123456789)).toBe('\u22120.123457');
    expect(precise(-1.521963, 6)).toBe('\u22121.52196');
  });

  it('print booleans as words', () => {
    expect(yesNo(true)).toBe('yes');
    expect(yesNo(false)).toBe('no');
    expect(formatCell(true)).toBe('yes');
    expect(formatCell(false)).toBe('no');
  });

  it('escape control characters for the terminal, keeping newlines and tabs', () => {
    expect(escapeControlChars('NV\u001b[31mDA\u0007\n\tok')).toBe('NV\\u001b[31mDA\\u0007\n\tok');
    expect(escapeControlChars('a\u009bb\u202ec\r')).toBe('a\\u009bb\\u202ec\\u000d');
    // Inside a JSON string the escape is the same character again.
    expect(JSON.parse(escapeControlChars(JSON.stringify({ s: 'x\u0085y\u202e' }))).s).toBe('x\u0085y\u202e');
  });

  it('are the only ones: the old per-module formatters are these, and no other p-value formatter is left in src/', () => {
    expect(formatP).toBe(pPhrase);
    expect(pValue).toBe(formatPValue);
    expect(pct).toBe(signedPercent);
    expect(num).toBe(fixed);
    expect(formatMovePct(-0.17)).toBe(signedPercent(-0.17));
    expect(formatNumber(-0.5)).toBe(significant(-0.5));
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      if (file.endsWith(join('src', 'format.ts'))) continue;
      // Code only: doc comments may quote the output.
      const text = readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l)).join('\n');
      // A hand-rolled p-value floor ('p < 0.001', '<0.0001', p < 0.0001 ? ...) outside the shared formatter.
      if (/['"`]p?\s*<\s*0\.00+1['"`]|p\s*<\s*0\.00+1\s*\?/.test(text)) offenders.push(relative(SRC, file));
    }
    expect(offenders).toEqual([]);
  });
});

describe('security names: one shortener for prose and chart titles', () => {
  it('drops the trailing parenthetical and any parenthetical holding CJK text (no CJK glyphs in the PNG fonts)', () => {
    expect(shortName('Cambricon (寒武纪)')).toBe('Cambricon');
    expect(shortName('SMIC (中芯国际, STAR A shares)')).toBe('SMIC');
    expect(shortName('Alphabet (class A)')).toBe('Alphabet');
    expect(shortName('寒武纪 (Cambricon) A')).toBe('寒武纪 (Cambricon) A');
    expect(shortName('Foo (富) Holdings')).toBe('Foo Holdings');
    expect(shortName('(寒武纪)')).toBe('(寒武纪)'); // nothing left: the name as it is
    expect(shortName('NVIDIA')).toBe('NVIDIA');
  });
});

describe('p-value columns', () => {
  it('stay right-aligned numbers when a cell reads <0.0001', async () => {
    const { isNumericColumn, tableToHtml } = await import('../src/report/index.ts');
    const rows = [[formatPValue(1e-7)], [formatPValue(0.2139)], [formatPValue(0.0486)]];
    expect(isNumericColumn(rows, 0)).toBe(true);
    expect(tableToHtml(['p'], rows)).toContain('<td class="num">&lt;0.0001</td>');
  });
});
