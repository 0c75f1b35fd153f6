/**
 * The reproducibility footer: which tool and version, which commit (and whether tracked files had
 * uncommitted changes), which Node, which data files the study read (from the data layer's record
 * of its reads: file, range, the sha256 of the bytes actually read, and where the numbers come
 * from), and what ran: every library call the study made, from the run log (src/study/call-log.ts),
 * with its inputs, its parameters after defaults and its random seeds. Nothing in it is what a
 * study declares about itself. No timestamps: two identical runs must give identical bytes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DataError } from '../errors.ts';
import type { DataRead } from '../data/verified.ts';
import type { JsonValue, LibraryCall } from '../study/call-log.ts';
import { signedPercent } from '../format.ts';
import type { ProvenanceInput } from './capture.ts';

/** Git state of the project: HEAD commit ('unknown' outside git) and uncommitted tracked changes. */
export interface GitState {
  commit: string;
  /** True when tracked files differ from HEAD; null when unknown (not a git checkout). */
  dirty: boolean | null;
}

/** One data file the study used: from the data layer's record of its reads (or, for callers without one, the manifest). */
export interface DataFileUsed {
  /** The symbol of a price file; 'USD/CNY' or 'share counts' for the FX and share-count files. */
  symbol: string;
  /** Path of the file; undefined when the symbol is not in the manifest. */
  file?: string;
  /** sha256 of the bytes read (from a read record) or the manifest's (from a manifest lookup). */
  sha256?: string;
  first?: string;
  last?: string;
  rows?: number;
  /** Where the numbers come from (raw repository @ commit, user file, Yahoo request). */
  source?: string;
  /** The bundled snapshot or a user data folder. */
  folder?: 'bundled' | 'user';
}

/** A footer line for a file the study read. */
export function dataFileFromRead(r: DataRead): DataFileUsed {
  const symbol = r.symbol ?? { fx: 'USD/CNY', shares: 'share counts', factors: 'Fama–French factors', events: 'events catalogue', prices: 'prices' }[r.kind];
  return { symbol, file: r.file, rows: r.rows, first: r.first, last: r.last, sha256: r.sha256, source: r.source, folder: r.folder };
}

/** Everything the footer shows. Plain JSON (also stored in the notebook metadata). */
export interface ReportProvenance {
  tool: { name: string; version: string };
  git: GitState;
  node: string;
  /** Path of the manifest relative to the project root, or null when there is none. */
  manifest: string | null;
  dataFiles: DataFileUsed[];
  /** Every library call the study made, in order (the run log): what the footer's "What ran" lists. */
  calls: LibraryCall[];
  /** Facts about a run that is not a study script (the article report: its date and language), derived by the caller. */
  parameters: Record<string, unknown>;
  summary?: string;
}

/** The subset of data/manifest.json the footer reads (written by the data stage). */
export interface DataManifest {
  symbols: Record<string, { file?: string; sha256?: string; first?: string; last?: string; rows?: number; raw?: unknown[] }>;
}

/** Nearest directory at or above `startDir` holding a package.json (the project root). */
export function findProjectRoot(startDir: string): string {
  let dir = resolve(startDir);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(startDir);
    dir = parent;
  }
}

/** Name and version from the project's package.json ('unknown' when missing). */
export function toolInfo(rootDir: string): { name: string; version: string } {
  try {
    const pkg = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { name?: string; version?: string };
    return { name: pkg.name ?? 'unknown', version: pkg.version ?? 'unknown' };
  } catch {
    return { name: 'unknown', version: 'unknown' };
  }
}

/**
 * HEAD commit and whether tracked files have uncommitted changes. Untracked files are ignored and
 * `excludePaths` (by default the generated `reports/`) too, so writing reports does not flip the
 * flag between two runs.
 */
export function gitState(rootDir: string, excludePaths: string[] = ['reports']): GitState {
  const git = (args: string[]) => execFileSync('git', args, { cwd: rootDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  let commit: string;
  try {
    commit = git(['rev-parse', 'HEAD']).trim();
  } catch {
    return { commit: 'unknown', dirty: null };
  }
  try {
    const status = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ...excludePaths.map((p) => `:(exclude)${p}`)]);
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit, dirty: null };
  }
}

/**
 * Reads data/manifest.json. Returns undefined when the file does not exist (a study may use no
 * stored data); a file that exists but is not a manifest is a DataError naming it.
 */
export function readManifest(path: string): DataManifest | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DataError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const symbols = (parsed as { symbols?: unknown } | null)?.symbols;
  if (symbols === null || typeof symbols !== 'object' || Array.isArray(symbols)) {
    throw new DataError(`${path}: expected an object with a 'symbols' map`);
  }
  return parsed as DataManifest;
}

/** The manifest entries of `symbols` (in the given order, duplicates dropped). */
export function dataFilesFor(symbols: readonly string[], manifest: DataManifest | undefined): DataFileUsed[] {
  return [...new Set(symbols)].map((symbol) => {
    const entry = manifest?.symbols[symbol];
    if (entry === undefined) return { symbol };
    const used: DataFileUsed = { symbol };
    if (typeof entry.file === 'string') used.file = entry.file;
    if (typeof entry.sha256 === 'string') used.sha256 = entry.sha256;
    if (typeof entry.first === 'string') used.first = entry.first;
    if (typeof entry.last === 'string') used.last = entry.last;
    if (typeof entry.rows === 'number') used.rows = entry.rows;
    return used;
  });
}

/** Merges several `provenance()` calls: the last summary wins. */
export function mergeProvenanceInputs(inputs: readonly ProvenanceInput[]): ProvenanceInput {
  let summary: string | undefined;
  for (const p of inputs) if (p.summary !== undefined) summary = p.summary;
  return summary === undefined ? {} : { summary };
}

/** Options of {@link collectProvenance}. */
export interface ProvenanceOptions {
  rootDir: string;
  /** Default `<rootDir>/data/manifest.json`. */
  manifestPath?: string;
  /** Override the git lookup (tests, or callers that already know it). */
  git?: GitState;
  /**
   * What the study read, as the data layer recorded it (the runner gathers these from the study's
   * process). When given, the footer's data files and manifests come from here, not from the
   * symbols the study declared.
   */
  reads?: readonly DataRead[];
  /** Without `reads`: the symbols whose manifest entries the footer lists (a caller that read them itself). */
  symbols?: readonly string[];
  /** The library calls that ran (the runner gathers them from the study's process: the run log). */
  calls?: readonly LibraryCall[];
  /** Facts about a run that is not a study (see ReportProvenance.parameters). */
  parameters?: Record<string, unknown>;
}

/** Builds the footer record from what the study read and ran, and what the machine knows. */
export function collectProvenance(input: ProvenanceInput, options: ProvenanceOptions): ReportProvenance {
  const manifestPath = options.manifestPath ?? join(options.rootDir, 'data', 'manifest.json');
  const manifest = readManifest(manifestPath);
  const rel = manifestPath.startsWith(`${options.rootDir}/`) ? manifestPath.slice(options.rootDir.length + 1) : manifestPath;
  const reads = options.reads;
  // Each manifest that vouched for a file, with the sha256 of its bytes as read.
  const readManifests = reads === undefined ? [] : [...new Set(reads.map((r) => `${r.manifest} (sha256 ${r.manifestSha256})`))];
  const out: ReportProvenance = {
    tool: toolInfo(options.rootDir),
    git: options.git ?? gitState(options.rootDir),
    node: process.version,
    manifest: readManifests.length > 0 ? readManifests.join(', ') : manifest === undefined ? null : rel,
    dataFiles: reads === undefined ? dataFilesFor(options.symbols ?? [], manifest) : reads.map(dataFileFromRead),
    calls: (options.calls ?? []).map((c) => JSON.parse(JSON.stringify(c)) as LibraryCall),
    parameters: { ...(options.parameters ?? {}) },
  };
  if (input.summary !== undefined) out.summary = input.summary;
  return out;
}

/** A parameter value as footer text: strings as is, everything else as compact JSON. */
export function formatParameter(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

/** The footer as label/value lines, shared by the HTML, Markdown and notebook writers. */
export function provenanceLines(p: ReportProvenance): { label: string; value: string }[] {
  const commit = p.git.commit === 'unknown' ? 'unknown (not a git checkout)' : `${p.git.commit}${p.git.dirty ? ' (with uncommitted changes)' : ''}`;
  return [
    { label: 'Tool', value: `${p.tool.name} ${p.tool.version}` },
    { label: 'Git commit', value: commit },
    { label: 'Node', value: p.node },
    { label: 'Data manifest', value: p.manifest ?? 'none found' },
  ];
}

/** One row of the footer's "What ran" table. */
export interface CallLine {
  /** 1-based position in the run log (named by "as #n"). */
  n: number;
  /** The library function: 'runEventStudy', 'checkClaim', ... */
  call: string;
  inputs: string;
  parameters: string;
  seeds: string;
}

/** Events listed one by one up to this many; beyond, the footer summarises them. */
const EVENTS_LISTED = 40;

const isRecord = (v: unknown): v is Record<string, JsonValue> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string => (v === null || v === undefined ? 'none' : formatParameter(v));

/**
 * A money amount as the footer shows it, exact and short: 355e9 → '355 billion', 49.7e9 → '49.7 billion'.
 * @example amountText(49.7e9) // '49.7 billion'
 */
export function amountText(value: number): string {
  for (const [scale, word] of [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']] as const) {
    if (Math.abs(value) >= scale) return `${Number((value / scale).toPrecision(12))} ${word}`;
  }
  return String(value);
}

/** runEventStudy's events: grouped by announcement and benchmark ('NVDA, AMD on 2025-01-27 vs SPY'). */
function eventsText(events: readonly JsonValue[]): string {
  const list = events.filter(isRecord);
  const when = (e: Record<string, JsonValue>) => `${text(e.timestamp ?? e.date)}${e.time ? ` ${text(e.time)}` : ''}${e.timeZone ? ` (${text(e.timeZone)})` : ''}`;
  const count = `${list.length} event${list.length === 1 ? '' : 's'}`;
  if (list.length > EVENTS_LISTED) {
    const symbols = [...new Set(list.map((e) => text(e.symbol)))];
    const dates = list.map((e) => text(e.timestamp ?? e.date)).sort();
    const benchmarks = [...new Set(list.map((e) => text(e.benchmark)))];
    return `${count}: ${symbols.length} securities (${symbols.slice(0, 10).join(', ')}${symbols.length > 10 ? ', …' : ''}), announced ${dates[0]} to ${dates[dates.length - 1]}, vs ${benchmarks.join(', ')}`;
  }
  const groups = new Map<string, string[]>();
  for (const e of list) {
    const key = `${when(e)} vs ${text(e.benchmark)}`;
    // An id is shown when it is not the default SYMBOL@DATE.
    const name = e.id === undefined || e.id === `${text(e.symbol)}@${text(e.date)}` ? text(e.symbol) : `${text(e.symbol)} (id ${text(e.id)})`;
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  return `${count}: ${[...groups].map(([key, names]) => `${names.join(', ')} on ${key}`).join('; ')}`;
}

/** checkClaim's claim: 'NVDA reported 2025-01-27: move −17.00% (close, 5 sessions back, ±1.5 pp); benchmark SPY'. */
function claimText(c: Record<string, JsonValue>): string {
  const subject = c.subject !== c.symbol ? `${text(c.symbol)} (asked as '${text(c.subject)}')` : text(c.symbol);
  const caps = Array.isArray(c.marketCap) ? c.marketCap.filter(isRecord).map((m) => `${typeof m.value === 'number' ? amountText(m.value) : text(m.value)} ${text(m.currency)}`) : [];
  const move = typeof c.move === 'number' ? signedPercent(c.move) : text(c.move);
  return [
    `${c.id === undefined ? '' : `${text(c.id)}: `}${subject} reported ${text(c.reportedOn)}: move ${move} (${text(c.basis)}, ${text(c.lookback)} sessions back, ±${text(c.tolerancePp)} pp)`,
    ...(caps.length > 0 ? [`market value ${caps.join(' = ')}`] : []),
    `benchmark ${text(c.benchmark)}`,
  ].join('; ');
}

/** A record as 'key value; key value' (JSON for what is not a string). */
function recordText(rec: Record<string, JsonValue>): string {
  return Object.entries(rec)
    .map(([k, v]) => `${k} ${text(v)}`)
    .join('; ');
}

/** What one call was asked about, in words. */
export function callInputsText(call: LibraryCall): string {
  if (call.kind === 'runEventStudy' && Array.isArray(call.inputs.events)) {
    const { events, ...rest } = call.inputs;
    const more = recordText(rest);
    return `${eventsText(events as JsonValue[])}${more === '' ? '' : `; ${more}`}`;
  }
  if (call.kind === 'checkClaim') return claimText(call.inputs);
  return recordText(call.inputs);
}

/**
 * The footer's "What ran" rows, one per library call: inputs in words, parameters after defaults
 * ('as #n' when a call of the same function ran with identical ones), seeds.
 */
export function callLines(calls: readonly LibraryCall[]): CallLine[] {
  const seen = new Map<string, number>();
  return calls.map((call, i) => {
    const key = `${call.kind}\0${JSON.stringify(call.parameters)}`;
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, i + 1);
    const seeds = Object.entries(call.seeds ?? {}).map(([k, v]) => `${k} ${v}`).join('; ');
    return { n: i + 1, call: call.kind, inputs: callInputsText(call), parameters: earlier === undefined ? recordText(call.parameters) : `as #${earlier}`, seeds };
  });
}
