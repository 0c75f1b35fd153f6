/**
 * The command registry. To add a command: write src/cli/commands/<name>.ts exporting a Command,
 * and add it to this list (order = order in `impact --help`).
 */
import type { Command } from '../io.ts';
import { articleCommand } from './article.ts';
import { calendarTimeCommand } from './calendar-time.ts';
import { checkCommand } from './check.ts';
import { dataCommand } from './data.ts';
import { eventCommand } from './event.ts';
import { eventsCommand } from './events.ts';
import { fetchCommand } from './fetch.ts';
import { importCommand } from './import.ts';
import { newStudyCommand } from './new-study.ts';
import { pricesCommand } from './prices.ts';
import { regressCommand } from './regress.ts';
import { notebookCommand, reportCommand } from './report.ts';

export const commands: Command[] = [
  pricesCommand,
  fetchCommand,
  eventCommand,
  eventsCommand,
  regressCommand,
  calendarTimeCommand,
  checkCommand,
  articleCommand,
  dataCommand,
  importCommand,
  reportCommand,
  notebookCommand,
  newStudyCommand,
];

/** The command called `name`, if any. */
export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
