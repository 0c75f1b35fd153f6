/**
 * Lists of claims (a claims file): each entry checked on its own, so one bad entry is named and
 * the rest still get their answer.
 */
import { InputError, isUserFacingError } from '../errors.ts';
import { checkClaimWith, type CheckClaimOptions } from './check.ts';
import type { ClaimCheck, ClaimDataAccess, ClaimInput } from './types.ts';

/** The fields a claims-file entry may have; free-text fields are kept for the reader. */
const CLAIM_FIELDS = new Set(['id', 'subject', 'reportedOn', 'move', 'basis', 'marketCap', 'lookback', 'benchmark', 'tolerancePp']);
const FREE_TEXT_FIELDS = new Set(['text', 'quote', 'source', 'url', 'note', 'notes', 'title']);

/** One entry's outcome: its check, or the error that stopped it. */
export interface ClaimListEntry {
  /** 0-based position in the list. */
  index: number;
  id: string | null;
  result: ClaimCheck | null;
  error: string | null;
}

/** 'claims[2] (id "nvda-deepseek")': how an entry is named in messages. */
export function claimLabel(index: number, id: string | null): string {
  return `claims[${index}]${id ? ` (id '${id}')` : ''}`;
}

/**
 * The entries of a claims file: a JSON array of claims, or { "claims": [...] }. Entries are
 * returned raw (checked one by one later); only the file's shape is validated here.
 * @throws InputError naming the file when it is not JSON or not a list
 */
export function parseClaimsJson(text: string, file: string): unknown[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const list = Array.isArray(doc) ? doc : doc !== null && typeof doc === 'object' && Array.isArray((doc as { claims?: unknown }).claims) ? (doc as { claims: unknown[] }).claims : null;
  if (list === null) throw new InputError(`${file}: expected a JSON array of claims or an object with a "claims" array`);
  if (list.length === 0) throw new InputError(`${file}: the claims list is empty`);
  return list;
}

/** Checks one raw entry's shape: an object with only known fields. */
export function claimInputFromEntry(entry: unknown): ClaimInput {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new InputError('not an object with subject, reportedOn and move');
  for (const key of Object.keys(entry)) {
    if (!CLAIM_FIELDS.has(key) && !FREE_TEXT_FIELDS.has(key)) {
      throw new InputError(`unknown field '${key}' (expected ${[...CLAIM_FIELDS].join(', ')})`);
    }
  }
  return entry as ClaimInput;
}

/**
 * Checks every entry; user-facing errors (bad move, unknown subject, date outside the data) are
 * recorded against the entry, bugs are rethrown.
 */
export function checkClaimList(entries: unknown[], data: ClaimDataAccess, opts: CheckClaimOptions = {}): ClaimListEntry[] {
  return entries.map((entry, index) => {
    const rawId = entry !== null && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
    const id = typeof rawId === 'string' ? rawId : rawId === undefined ? null : String(rawId);
    try {
      return { index, id, result: checkClaimWith(claimInputFromEntry(entry), data, opts), error: null };
    } catch (e) {
      if (!isUserFacingError(e)) throw e;
      return { index, id, result: null, error: `${claimLabel(index, id)}: ${e.message}` };
    }
  });
}
