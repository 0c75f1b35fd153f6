/**
 * `impact event --out FILE`: per-event results written as they are computed, one row per event and
 * CAR window (the event's columns repeated on each), in CSV, NDJSON or Parquet by the file's
 * extension. Rows go to a temporary file beside FILE, renamed into place only when the study
 * finishes: a failed or interrupted run leaves no half-written FILE.
 *
 * Parquet is written by hyparquet-writer (pure JavaScript, installed from the npm registry, loaded
 * only for .parquet), one row group per 100,000 rows, so memory stays flat.
 */
import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { dirname, extname } from 'node:path';
import { InputError } from '../errors.ts';
import type { EventResult } from '../study/types.ts';

export type OutFormat = 'csv' | 'ndjson' | 'parquet';

/** The fixed columns of a results row, with their types; characteristics follow as text. */
export const RESULT_COLUMNS = [
  ['id', 'text'],
  ['symbol', 'text'],
  ['market', 'text'],
  ['announced', 'text'],
  ['day0', 'text'],
  ['model', 'text'],
  ['M', 'int'],
  ['df', 'int'],
  ['alpha', 'number'],
  ['beta', 'number'],
  ['sigma', 'number'],
  ['r2', 'number'],
  ['window', 'text'],
  ['car', 'number'],
  ['se', 'number'],
  ['t', 'number'],
  ['p', 'number'],
  ['bhar', 'number'],
  ['days', 'int'],
] as const;

type Cell = string | number | null;

/** The format of an --out path, or an InputError naming the supported extensions. */
export function outFormat(path: string): OutFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.parquet') return 'parquet';
  throw new InputError(`--out ${path}: unknown format '${ext || '(no extension)'}'; use .csv, .ndjson or .parquet`);
}

/** The rows of one event: one per CAR window. */
export function resultRows(e: EventResult, characteristics: readonly string[]): Cell[][] {
  const num = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);
  return e.car.map((c) => {
    const row: Cell[] = [
      e.id,
      e.symbol,
      e.market,
      e.announced.date,
      e.day0,
      e.model,
      e.M,
      e.df,
      num(e.alpha),
      num(e.beta),
      num(e.sigma),
      num(e.r2),
      c.window,
      num(c.car),
      num(c.se),
      num(c.t),
      num(c.p),
      num(c.bhar),
      c.days,
    ];
    for (const k of characteristics) row.push(e.characteristics?.[k] ?? null);
    return row;
  });
}

export interface ResultsWriter {
  readonly path: string;
  readonly format: OutFormat;
  /** Appends the event's rows (the first event fixes the characteristic columns). */
  write(e: EventResult): Promise<void>;
  /** Finishes the file and moves it into place. */
  close(): Promise<void>;
  /** Removes the temporary file (after an error). */
  abort(): void;
  rows(): number;
}

/** Opens FILE for results (see module doc). */
export async function openResultsWriter(path: string): Promise<ResultsWriter> {
  const format = outFormat(path);
  try {
    mkdirSync(dirname(path) || '.', { recursive: true });
  } catch {
    throw new InputError(`--out ${path}: cannot create its folder`);
  }
  const temp = `${path}.${process.pid}.tmp`;
  let characteristics: string[] | null = null;
  let count = 0;
  const columns = () => [...RESULT_COLUMNS.map(([n]) => n as string), ...(characteristics ?? [])];

  if (format === 'parquet') {
    // Loaded only here: nothing else in the CLI needs it.
    const { ParquetWriter, fileWriter } = await import('hyparquet-writer');
    let pw: InstanceType<typeof ParquetWriter> | null = null;
    // Column-wise buffers of one row group (16,384 rows: a few MB, whatever the file's length).
    let buffers: Cell[][] = [];
    let buffered = 0;
    const GROUP = 16_384;
    const schemaOf = (names: string[], allText: boolean) => [
      { name: 'root', num_children: names.length },
      ...names.map((name, j) => {
        const kind = allText || j >= RESULT_COLUMNS.length ? 'text' : RESULT_COLUMNS[j][1];
        return kind === 'text'
          ? { name, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: 'OPTIONAL' as const }
          : kind === 'int'
            ? { name, type: 'INT32' as const, repetition_type: 'OPTIONAL' as const }
            : { name, type: 'DOUBLE' as const, repetition_type: 'OPTIONAL' as const };
      }),
    ];
    const flush = async () => {
      if (buffered === 0) return;
      const names = columns();
      pw ??= new ParquetWriter({ writer: fileWriter(temp), schema: schemaOf(names, false), createdBy: 'market-impact' });
      const columnData = names.map((name, j) => ({ name, data: buffers[j] }));
      buffers = names.map(() => []);
      buffered = 0;
      await pw.write({ columnData, rowGroupSize: GROUP });
    };
    return {
      path,
      format,
      async write(e) {
        if (characteristics === null) {
          characteristics = Object.keys(e.characteristics ?? {});
          buffers = columns().map(() => []);
        }
        for (const row of resultRows(e, characteristics)) {
          for (let j = 0; j < row.length; j++) buffers[j].push(row[j]);
          buffered++;
          count++;
        }
        if (buffered >= GROUP) await flush();
      },
      async close() {
        await flush();
        // No event: an empty file with the fixed columns.
        pw ??= new ParquetWriter({ writer: fileWriter(temp), schema: schemaOf(columns(), true), createdBy: 'market-impact' });
        await pw.finish();
        renameSync(temp, path);
      },
      abort: () => rmSync(temp, { force: true }),
      rows: () => count,
    };
  }

  let stream: WriteStream;
  try {
    stream = createWriteStream(temp);
  } catch {
    throw new InputError(`--out ${path}: cannot write there`);
  }
  const failed = new Promise<never>((_, reject) => stream.once('error', (e) => reject(new InputError(`--out ${path}: ${e.message}`))));
  failed.catch(() => {});
  let buffer = '';
  const drain = async () => {
    if (buffer.length === 0) return;
    const ok = stream.write(buffer);
    buffer = '';
    if (!ok) await Promise.race([new Promise<void>((r) => stream.once("drain", () => r())), failed]);
  };
  const csvCell = (v: Cell): string => {
    if (v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  let headerDone = false;
  return {
    path,
    format,
    async write(e) {
      characteristics ??= Object.keys(e.characteristics ?? {});
      const names = columns();
      if (format === 'csv' && !headerDone) {
        buffer += names.map(csvCell).join(',') + '\n';
        headerDone = true;
      }
      for (const row of resultRows(e, characteristics)) {
        count++;
        if (format === 'csv') buffer += row.map(csvCell).join(',') + '\n';
        else buffer += JSON.stringify(Object.fromEntries(names.map((n, j) => [n, row[j]]))) + '\n';
      }
      if (buffer.length > 1 << 20) await drain();
    },
    async close() {
      if (format === 'csv' && !headerDone) buffer += columns().map(csvCell).join(',') + '\n';
      await drain();
      await Promise.race([new Promise<void>((r) => stream.end(r)), failed]);
      renameSync(temp, path);
    },
    abort() {
      stream.destroy();
      rmSync(temp, { force: true });
    },
    rows: () => count,
  };
}
