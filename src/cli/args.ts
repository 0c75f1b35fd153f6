/**
 * Argument helpers on top of node's util.parseArgs (no CLI dependency): typed options, dates
 * checked to be real calendar days, and "did you mean" suggestions.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseIsoDate } from '../calendar/dates.ts';
import { InputError } from '../errors.ts';
import type { IsoDate } from '../types.ts';

/** parseArgs in strict mode with positionals allowed; bad options throw (mapped to exit 1). */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}

/**
 * Glues a dash-leading value to its option ('--move -17%' -> '--move=-17%', '--car -1:1' ->
 * '--car=-1:1') so util.parseArgs does not read the value as a flag.
 */
export function joinSignedValues(args: readonly string[], options: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    if (options.has(a) && next !== undefined && /^[-\u2212]\s*[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * A date option as 'YYYY-MM-DD', rejecting malformed strings and impossible days (2025-02-30).
 * @example parseDateOption('--from', '2025-01-27') // '2025-01-27'
 */
export function parseDateOption(name: string, value: string | undefined): IsoDate {
  if (value === undefined) throw new InputError(`missing ${name} YYYY-MM-DD`);
  return parseIsoDate(value, name);
}

export { editDistance, closestMatches } from '../data/suggest.ts';
