/**
 * Argument helpers on top of node's util.parseArgs (no CLI dependency): typed options, dates
 * checked to be real calendar days, and "did you mean" suggestions.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseIsoDate } from '../calendar/dates.ts';
import { InputError } from '../errors.ts';
import { closestMatches } from '../data/suggest.ts';
import type { IsoDate } from '../types.ts';

/**
 * parseArgs in strict mode with positionals allowed. Bad options are InputErrors (exit 1): an
 * unknown option names the closest known ones ("did you mean"), and an option given twice that
 * takes one value is refused rather than silently keeping the last.
 * @example parseCommandArgs(['NVDA', '--json'], { json: { type: 'boolean' } }).values.json // true
 */
/** `--source snapshot|yahoo` and `--refresh`, for every command that can study live prices (see src/data/live-source.ts sourceFlags). */
export const SOURCE_OPTIONS = { source: { type: 'string' }, refresh: { type: 'boolean' } } as const;

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  const known = Object.keys(options);
  const byShort = new Map(Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  const seen = new Set<string>();
  for (const arg of args) {
    if (arg === '--') break;
    let name: string | undefined;
    if (arg.startsWith('--') && arg.length > 2) name = arg.slice(2).split('=')[0];
    else if (/^-[A-Za-z]$/.test(arg)) name = byShort.get(arg.slice(1)) ?? arg.slice(1);
    if (name === undefined) continue;
    if (name === 'help' || name === 'h') continue;
    const spec = options[name];
    if (!spec) {
      const near = closestMatches(name, known).map((k) => `--${k}`);
      const hint = near.length > 0 ? `; did you mean ${near.join(' or ')}?` : known.length > 0 ? `; options: ${known.map((k) => `--${k}`).join(', ')}` : '';
      throw new InputError(`unknown option '${arg.split('=')[0]}'${hint}`);
    }
    if (!spec.multiple && seen.has(name)) throw new InputError(`--${name} is given twice; give it once`);
    seen.add(name);
  }
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
