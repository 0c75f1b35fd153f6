/** Issue 11.6 (CSV parts): quoted fields, duplicated header names. Each failed before the fix. */
import { describe, expect, it } from 'vitest';
import { csvLines, headerIndex } from '../src/data/csv.ts';
import { parseRawPriceFile } from '../src/data/raw-formats.ts';

describe('csvLines', () => {
  it('a quoted field with a comma is one field; doubled quotes are a quote; spaces outside quotes are trimmed', () => {
    expect(csvLines('Date,Close\n"Jan 27, 2025", 118.42\n').map((l) => l.fields)).toEqual([
      ['Date', 'Close'],
      ['Jan 27, 2025', '118.42'],
    ]);
    expect(csvLines('a,b\n"say ""hi"", twice",  " kept "  \n')[1].fields).toEqual(['say "hi", twice', ' kept ']);
  });

  it('a quoted field may hold a line break; line numbers stay those of the file', () => {
    const lines = csvLines('a,b\r\n"x\ny",1\n\n2,3\n');
    expect(lines).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\ny', '1'] },
      { line: 5, fields: ['2', '3'] },
    ]);
  });

  it('semicolon files; empty fields; a byte-order mark', () => {
    expect(csvLines('\uFEFFDate;Adj Close;Volume\n2025-01-27;118.42;\n', { delimiter: ';' }).map((l) => l.fields)).toEqual([
      ['Date', 'Adj Close', 'Volume'],
      ['2025-01-27', '118.42', ''],
    ]);
  });

  it('an unclosed quote or text after a closing quote names the file and line', () => {
    expect(() => csvLines('a,b\n1,"open\n2,3\n', { file: 'x.csv' })).toThrow(/x\.csv: line 2: quoted field is never closed/);
    expect(() => csvLines('a,b\n"1"2,3\n', { file: 'x.csv' })).toThrow(/x\.csv: line 2: unexpected text after a closing quote/);
  });
});

describe('a duplicated column name is an error naming it', () => {
  it('headerIndex', () => {
    expect(() => headerIndex(['Date', 'Close', 'close'], 'x.csv', 1, (n) => n.toLowerCase())).toThrow(/x\.csv: line 1: column 'close' appears twice in the header \(columns 2 and 3\)/);
    expect(headerIndex(['Date', 'Close'], 'x.csv', 1).get('Close')).toBe(1);
  });

  it('raw price files: the same name twice, or two names for one field', () => {
    const shares = { volumeUnit: 'shares' } as const;
    expect(() => parseRawPriceFile('Date,Close,Close\n2025-01-27,1,2\n', 'dup.csv', shares)).toThrow(/dup\.csv: line 1: column 'Close' appears twice/);
    expect(() => parseRawPriceFile('Date,Close,收盘\n2025-01-27,1,2\n', 'dup.csv', shares)).toThrow(/dup\.csv: line 1: columns 'Close' and '收盘' both hold close/);
  });
});
