/**
 * The CLI's contract: commands write through an injected io (tests capture it) and return an
 * exit code. Errors become one readable line: 1 for bad input/data/source, 2 for bugs.
 */
import { isUserFacingError } from '../errors.ts';
import { escapeControlChars } from '../format.ts';

export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
}

/** A command of `impact`. Add one file under src/cli/commands/ and one line in commands/index.ts. */
export interface Command {
  /** The word after `impact` ('prices', 'data', 'events'). */
  name: string;
  /** One line for `impact --help`. */
  summary: string;
  /** The full `impact <name> --help` text. */
  usage: string;
  /** Run with the arguments after the command name; return the exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_INTERNAL = 2;

/** io writing to the real process streams. */
export const processIO: CliIO = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};

/**
 * The io every command gets: both streams pass through escapeControlChars, the one escape of
 * every CLI printer (JSON output is unchanged: JSON.stringify already escapes C0 controls, and
 * the \uXXXX form of the rest is the same character inside a JSON string).
 */
export function terminalSafe(io: CliIO): CliIO {
  return { stdout: (s) => io.stdout(escapeControlChars(s)), stderr: (s) => io.stderr(escapeControlChars(s)) };
}

/** util.parseArgs reports bad options with TypeErrors carrying an ERR_PARSE_ARGS_* code. */
function isParseArgsError(e: unknown): e is Error {
  const code = e instanceof Error ? (e as unknown as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/**
 * Print an error as one line and give its exit code: user-facing errors (InputError, DataError,
 * CalendarError, SourceError) and bad options -> 1; anything else is a bug -> 2, with the stack
 * only when IMPACT_DEBUG=1.
 */
export function reportError(e: unknown, io: CliIO, env: NodeJS.ProcessEnv = process.env): number {
  const debug = env.IMPACT_DEBUG === '1';
  if (isUserFacingError(e) || isParseArgsError(e)) {
    io.stderr(`impact: ${oneLine(e.message)}\n`);
    if (debug && e.stack) io.stderr(e.stack + '\n');
    return EXIT_BAD_INPUT;
  }
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  io.stderr(`impact: internal error: ${oneLine(message)} (this is a bug; rerun with IMPACT_DEBUG=1 for the stack trace and report it)\n`);
  if (debug && e instanceof Error && e.stack) io.stderr(e.stack + '\n');
  return EXIT_INTERNAL;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
