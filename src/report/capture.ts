/**
 * The capture protocol between a study script (child process) and the notebook runner.
 *
 * When `MARKET_IMPACT_CAPTURE=<file>` is set, the child appends one JSON record per line to that
 * file: cell boundaries, stdout/stderr chunks, tables, charts, computed markdown, provenance and
 * the uncaught error, in the order they happened. Appending synchronously (appendFileSync) keeps
 * that order exact even when the process dies right after, so the runner can attach every output
 * to the cell that produced it.
 */
import { appendFileSync } from 'node:fs';
import type { DataRead } from '../data/verified.ts';
import type { LibraryCall } from '../study/call-log.ts';

/** Environment variable naming the JSONL capture file. Unset = plain script run. */
export const CAPTURE_ENV = 'MARKET_IMPACT_CAPTURE';
/** Environment variable naming the study's report directory (for results.json). */
export const OUT_DIR_ENV = 'MARKET_IMPACT_OUT_DIR';

/** A JSON-safe table cell. Numbers stay numbers so writers can right-align and notebooks keep data. */
export type TableCell = string | number | boolean | null;

/**
 * Inputs of `provenance()`: the one thing a study states about itself for the reports. What the
 * footer lists — the files read, the library calls made with their parameters and seeds — is
 * recorded by the library as it runs ('data-read' and 'library-call' records), never declared.
 */
export interface ProvenanceInput {
  /** One-line conclusion shown in the reports index and as the bottom line (build it from the results). */
  summary?: string;
}

/** One line of the capture file. */
export type CaptureRecord =
  | { type: 'cell'; index: number }
  | { type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { type: 'table'; columns: string[]; rows: TableCell[][]; caption?: string }
  | { type: 'chart'; name: string; spec: unknown; alt?: string }
  | { type: 'markdown'; text: string }
  | { type: 'provenance'; provenance: ProvenanceInput }
  /** A data file the study read through the data layer (hash-checked; the sha256 of the bytes read). */
  | { type: 'data-read'; read: DataRead }
  /** A library call the study made, from the run log (src/study/call-log.ts): inputs, effective parameters, seeds. */
  | { type: 'library-call'; call: LibraryCall }
  | { type: 'error'; name: string; message: string; stack: string };

/** The capture file of this process, or undefined on a plain run. */
export function captureFile(): string | undefined {
  const file = process.env[CAPTURE_ENV];
  return file === undefined || file === '' ? undefined : file;
}

/**
 * Global flag set while the display API writes its own human-readable rendering to stdout, so the
 * stdout hook does not record that text a second time next to the structured record.
 */
const QUIET_KEY = Symbol.for('market-impact.capture.quiet');

/** True while {@link writeUncaptured} is writing. */
export function isCaptureQuiet(): boolean {
  return (globalThis as Record<symbol, unknown>)[QUIET_KEY] === true;
}

/** Writes `text` to stdout without it being recorded as a stream output. */
export function writeUncaptured(text: string): void {
  const g = globalThis as Record<symbol, unknown>;
  g[QUIET_KEY] = true;
  try {
    process.stdout.write(text);
  } finally {
    g[QUIET_KEY] = false;
  }
}

/** Appends one record to the capture file (no-op on a plain run). */
export function appendCaptureRecord(record: CaptureRecord, file = captureFile()): void {
  if (file === undefined) return;
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}
