/**
 * `impact`: the command-line entry. `main(argv)` is pure enough to call from tests with a
 * captured io; executed directly (tsx src/cli/main.ts ...) it runs on process.argv.
 */
import { pathToFileURL } from 'node:url';
import { closestMatches } from './args.ts';
import { commands, findCommand } from './commands/index.ts';
import { EXIT_BAD_INPUT, EXIT_OK, processIO, reportError, terminalSafe, type CliIO } from './io.ts';

/** The `impact --help` text, listing every registered command. */
export function mainUsage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'impact - market event studies on real prices',
    '',
    'Usage: impact <command> [options]',
    '       impact <command> --help',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes: 0 ok, 1 bad input or data (one line on stderr), 2 internal error (a bug),',
    '            3 a claim that is not-found, contradicted or inconsistent (check --strict).',
    'Set IMPACT_DEBUG=1 to see stack traces.',
    '',
  ].join('\n');
}

/**
 * Run the CLI on `argv` (without node and script); returns the exit code. Everything any
 * command prints passes through one escape (escapeControlChars): a symbol, id or file name with
 * control characters in it cannot recolour, clear or rewrite the user's terminal.
 */
export async function main(argv: string[], rawIo: CliIO = processIO): Promise<number> {
  const io = terminalSafe(rawIo);
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      if (name === 'help' && rest[0]) return main([rest[0], '--help'], io);
      io.stdout(mainUsage());
      return EXIT_OK;
    }
    const command = findCommand(name);
    if (!command) {
      const near = closestMatches(name, commands.map((c) => c.name));
      const hint = near.length > 0 ? `; did you mean '${near.join("' or '")}'?` : '';
      io.stderr(`impact: unknown command '${name}'${hint} (see impact --help)\n`);
      return EXIT_BAD_INPUT;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(command.usage.endsWith('\n') ? command.usage : command.usage + '\n');
      return EXIT_OK;
    }
    return await command.run(rest, io);
  } catch (e) {
    return reportError(e, io);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
