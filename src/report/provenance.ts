/**
 * The reproducibility footer: which tool and version, which commit (and whether tracked files had
 * uncommitted changes), which Node, which data files the study read (from the data layer's record
 * of its reads: file, range, the sha256 of the bytes actually read, and where the numbers come
 * from), and every parameter and random seed the study declared. No timestamps: two identical runs
 * must give identical bytes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DataError } from '../errors.ts';
import type { DataRead } from '../data/verified.ts';
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
  const symbol = r.symbol ?? (r.kind === 'fx' ? 'USD/CNY' : r.kind === 'shares' ? 'share counts' : r.kind);
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
  parameters: Record<string, unknown>;
  seeds: Record<string, number>;
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

/**
 * Merges several `provenance()` calls: symbols are unioned in first-seen order, parameters and seeds
 * merged (a later call overrides a key), the last summary wins.
 */
export function mergeProvenanceInputs(inputs: readonly ProvenanceInput[]): Required<Omit<ProvenanceInput, 'summary'>> & { summary?: string } {
  const symbols: string[] = [];
  const parameters: Record<string, unknown> = {};
  const seeds: Record<string, number> = {};
  let summary: string | undefined;
  for (const p of inputs) {
    for (const s of p.symbols ?? []) if (!symbols.includes(s)) symbols.push(s);
    Object.assign(parameters, p.parameters ?? {});
    Object.assign(seeds, p.seeds ?? {});
    if (p.summary !== undefined) summary = p.summary;
  }
  return summary === undefined ? { symbols, parameters, seeds } : { symbols, parameters, seeds, summary };
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
}

/** Builds the footer record from what the study declared and what the machine knows. */
export function collectProvenance(input: ProvenanceInput, options: ProvenanceOptions): ReportProvenance {
  const merged = mergeProvenanceInputs([input]);
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
    dataFiles: reads === undefined ? dataFilesFor(merged.symbols, manifest) : reads.map(dataFileFromRead),
    parameters: merged.parameters,
    seeds: merged.seeds,
  };
  if (merged.summary !== undefined) out.summary = merged.summary;
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
