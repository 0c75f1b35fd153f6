/** `impact events`: the events catalogue as a table or JSON. */
import { loadEvents, type EventRecord } from '../../data/events.ts';
import { parseCommandArgs } from '../args.ts';
import { formatTable } from '../format.ts';
import type { Command } from '../io.ts';
import { InputError } from '../../errors.ts';

const usage = `Usage: impact events [--json] [--security SYMBOL]

The AI-announcement events catalogue (data/events.json): every event with its date, time
(HH:MM in its zone, or '?' when no source states one), session (before-open / during-session /
after-close where sources say so), affected securities and number of public sources.

Options:
  --json               print the full records (sources, notes) as JSON
  --security SYMBOL    only events listing this Yahoo symbol (e.g. NVDA, 688256.SS)
  -h, --help           this text
`;

function sessionLabel(e: EventRecord): string {
  return e.session ?? '';
}

export const eventsCommand: Command = {
  name: 'events',
  summary: 'list the events catalogue (dates, times, securities, sources)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      security: { type: 'string' },
    });
    if (positionals.length > 0) throw new InputError(`events takes no arguments (got '${positionals[0]}'); see impact events --help`);
    let events = loadEvents();
    if (values.security) {
      const want = values.security.toUpperCase();
      events = events.filter((e) => e.securities.some((s) => s.toUpperCase() === want));
      if (events.length === 0) throw new InputError(`no event in the catalogue lists security '${values.security}'`);
    }
    if (values.json) {
      io.stdout(JSON.stringify(events, null, 2) + '\n');
      return 0;
    }
    io.stdout(formatTable<EventRecord>([
      { header: 'date', cell: (e) => e.date },
      { header: 'time', cell: (e) => e.time ?? '?' },
      { header: 'zone', cell: (e) => e.timeZone },
      { header: 'session', cell: sessionLabel },
      { header: 'id', cell: (e) => e.id },
      { header: 'securities', cell: (e) => e.securities.join(' ') },
      { header: 'src', cell: (e) => String(e.sources.length), align: 'right' },
    ], events));
    io.stdout(`${events.length} events; details and source URLs: impact events --json\n`);
    return 0;
  },
};
