/**
 * Event specs as the engine takes them: a timestamp turned into a date, and unique ids. Ids are
 * assigned one event at a time (a streamed events file is never held whole), with a compact
 * 64-bit-hash table instead of a Map of strings, so 1,000,000 events cost megabytes, not hundreds.
 */
import { InputError } from '../errors.ts';
import { utcToZonedTime } from '../calendar/index.ts';
import type { IsoDate } from '../types.ts';
import type { EventSpec } from './types.ts';

/** An EventSpec whose announcement is a date (a timestamp has been turned into UTC date + time). */
export type DatedEventSpec = EventSpec & { date: IsoDate };

/** ISO 8601 instant with an explicit zone: a bare '2025-01-27T21:30' would be ambiguous. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Checks one event as given and turns a `timestamp` into date + time in UTC (resolveDay0 then
 * converts that to the exchange's zone). Throws InputError naming the event's position.
 * @example normalizeEventSpec({ symbol: 'NVDA', timestamp: '2025-01-27T21:30:00Z' }, 0)
 * // { symbol: 'NVDA', date: '2025-01-27', time: '21:30', timeZone: 'UTC' }
 */
export function normalizeEventSpec(spec: EventSpec, index: number): DatedEventSpec {
  const where = `event ${index + 1}`;
  if (!spec || typeof spec !== 'object') throw new InputError(`${where}: expected an object with a symbol and a date, got ${JSON.stringify(spec)}`);
  if (typeof spec.symbol !== 'string' || spec.symbol.trim() === '') throw new InputError(`${where}: needs a symbol, got ${JSON.stringify(spec)}`);
  if (spec.id !== undefined && (typeof spec.id !== 'string' || spec.id === '')) throw new InputError(`${where} (${spec.symbol}): id must be a non-empty string, got ${JSON.stringify(spec.id)}`);
  if (spec.benchmark !== undefined && typeof spec.benchmark !== 'string') throw new InputError(`${where} (${spec.symbol}): benchmark must be a symbol, got ${JSON.stringify(spec.benchmark)}`);
  if (spec.timestamp === undefined) {
    if (typeof spec.date !== 'string') throw new InputError(`${where} (${spec.symbol}): needs a date (YYYY-MM-DD) or a timestamp`);
    return spec as DatedEventSpec;
  }
  if (spec.date !== undefined || spec.time !== undefined) {
    throw new InputError(`${where} (${spec.symbol}): give either a timestamp or a date (and time), not both`);
  }
  let ms: number;
  if (typeof spec.timestamp === 'number') ms = spec.timestamp;
  else if (typeof spec.timestamp === 'string' && ISO_INSTANT.test(spec.timestamp.trim())) ms = Date.parse(spec.timestamp.trim());
  else ms = NaN;
  if (!Number.isFinite(ms)) {
    throw new InputError(
      `${where} (${spec.symbol}): timestamp ${JSON.stringify(spec.timestamp)} is not an instant; write ISO 8601 with a zone, e.g. '2025-01-27T21:30:00Z' or '2025-01-27T16:30-05:00', or epoch milliseconds`,
    );
  }
  const { timestamp: _timestamp, ...rest } = spec;
  void _timestamp;
  const utc = utcToZonedTime(ms, 'UTC');
  return { ...rest, date: utc.date, time: utc.time, timeZone: 'UTC' };
}

/** Two independent 32-bit FNV-1a style hashes of a string, as one 53-bit-safe pair. */
function hash64(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, b >>> 0];
}

/**
 * A set of strings kept as 64-bit hashes in an open-addressing table (8 bytes per slot and a
 * count), for uniqueness checks over millions of ids. Two different strings share a hash with
 * probability about n²/2⁶⁵ (3·10⁻⁸ for a million): callers that must be exact confirm a hit.
 */
export interface HashCounter {
  /** Adds one occurrence of s; returns how many times s had been added before (0 the first time). */
  add(s: string): number;
  size(): number;
}

export function createHashCounter(): HashCounter {
  let cap = 1 << 12;
  let hi = new Uint32Array(cap);
  let lo = new Uint32Array(cap);
  // Occurrences per slot (0 = empty), saturating at 65,535: 10 bytes a slot.
  let count = new Uint16Array(cap);
  let used = 0;
  const slotOf = (a: number, b: number, H: Uint32Array, L: Uint32Array, C: Uint16Array): number => {
    let i = (a ^ Math.imul(b, 0x9e3779b1)) & (H.length - 1);
    while (C[i] !== 0 && !(H[i] === a && L[i] === b)) i = (i + 1) & (H.length - 1);
    return i;
  };
  const grow = () => {
    const H = hi;
    const L = lo;
    const C = count;
    cap *= 2;
    hi = new Uint32Array(cap);
    lo = new Uint32Array(cap);
    count = new Uint16Array(cap);
    for (let i = 0; i < H.length; i++) {
      if (C[i] === 0) continue;
      const j = slotOf(H[i], L[i], hi, lo, count);
      hi[j] = H[i];
      lo[j] = L[i];
      count[j] = C[i];
    }
  };
  return {
    add(s) {
      if ((used + 1) * 4 > cap * 3) grow();
      const [a, b] = hash64(s);
      const i = slotOf(a, b, hi, lo, count);
      const before = count[i];
      if (before === 0) {
        hi[i] = a;
        lo[i] = b;
        used++;
      }
      if (before < 65535) count[i] = before + 1;
      return before;
    },
    size: () => used,
  };
}

/**
 * Assigns unique ids one event at a time: the user's id, else SYMBOL@DATE with #2, #3 for
 * repeats. A user id given twice is an InputError.
 */
export function createIdAssigner(): (e: DatedEventSpec, index: number) => string {
  const seen = createHashCounter();
  return (e, i) => {
    if (!e || typeof e.symbol !== 'string' || typeof e.date !== 'string') {
      throw new InputError(`event ${i + 1}: needs a symbol and a date, got ${JSON.stringify(e)}`);
    }
    const base = e.id ?? `${e.symbol}@${e.date}`;
    const n = seen.add(base) + 1;
    if (n > 1 && e.id) throw new InputError(`event id '${e.id}' is used twice; ids must be unique`);
    return n === 1 ? base : `${base}#${n}`;
  };
}

/** Unique event ids: the user's id, else SYMBOL@DATE, with #2, #3 for repeats. */
export function assignIds(events: DatedEventSpec[]): string[] {
  const assign = createIdAssigner();
  return events.map((e, i) => assign(e, i));
}
