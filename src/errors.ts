/**
 * Errors are values the user can read. One class per kind, each message names the
 * file, symbol, date or row at fault. The CLI maps them to exit codes:
 * InputError / CalendarError / DataError -> 1 (bad input or data), anything else -> 2 (internal).
 */
export class MarketImpactError extends Error {
  override name = 'MarketImpactError';
}

/** Bad user input: unknown symbol, malformed date, from > to, bad window, bad CSV row. */
export class InputError extends MarketImpactError {
  override name = 'InputError';
}

/** Problems with data files: missing file, hash mismatch, duplicate or non-positive prices. */
export class DataError extends MarketImpactError {
  override name = 'DataError';
}

/**
 * A data file that does not match its manifest (changed bytes, wrong rows or range) or holds a row
 * that would poison a study (a close outside [low, high], a non-positive or absurd price). Unlike
 * other DataErrors it is never turned into a per-event "skipped" reason: a corrupt store stops the run.
 */
export class IntegrityError extends DataError {
  override name = 'IntegrityError';
}

/** Calendar problems: date outside the calendar's range, no trading day found. */
export class CalendarError extends MarketImpactError {
  override name = 'CalendarError';
}

/** Network / live-source problems (offline, HTTP 429, unknown symbol at the provider). */
export class SourceError extends MarketImpactError {
  override name = 'SourceError';
  constructor(message: string, readonly kind: 'offline' | 'rate-limited' | 'not-found' | 'bad-response') {
    super(message);
  }
}

export function isUserFacingError(e: unknown): e is MarketImpactError {
  return e instanceof MarketImpactError;
}
