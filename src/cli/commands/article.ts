/** `impact article FILE|-`: every market claim in a news article, checked against the prices. */
import { existsSync, readFileSync } from 'node:fs';
import { InputError } from '../../errors.ts';
import { parseCommandArgs, SOURCE_OPTIONS } from '../args.ts';
import type { CliIO, Command } from '../io.ts';

const usage = `Usage: impact article FILE|- [--date YYYY-MM-DD] [--tz Area/City] [--lang en|fr|it|de|es|zh]
                      [--aliases FILE] [--data-dir DIR] [--source snapshot|yahoo] [--refresh]
                      [--json] [--report DIR]

Reads a news article (English, French, Italian, German, Spanish or Chinese; - reads stdin) and
checks every market claim in it: a price move of a listed security ("a bondi de 20 %", "fell
17%", "大涨14.19%", 涨停) and its market value ("capitalisation boursière à 355 milliards de
yuans"). Each claim is checked exactly as \`impact check\` would (same evidence, same sentence;
the equivalent command is printed). Every other number the article states is listed as not
checked, with the reason (a cost, a market share, a growth rate, a company that is not listed…).

The article's date is --date, else the date the text states about itself (a dateline such as
"PARIS, 13 août 2025", "January 28, 2025", "2025年8月13日"); without either it is refused.
Days the text names ("Monday", "lundi", "venerdì", "am Montag", "周一", "yesterday", "8月22日")
are resolved against that date on each security's own exchange calendar; a claim with a named
day is checked on that day only, one without on the 5 sessions up to the article's date.

Verdicts: moves confirmed / approximate / not-found / contradicted / no-data (as impact check);
market values consistent / approximate / inconsistent / no-data.

Options:
  --date D        the article's date (exchange-local YYYY-MM-DD)
  --tz ZONE       time zone of a time in the dateline ("10:30 p.m."), when the text names none
  --lang L        the article's language (default: detected)
  --aliases FILE  more company names, JSON: { "aliases": { "SYMBOL": ["name", ...] },
                  "unlisted": ["name", ...] }; every SYMBOL must be in the data
  --data-dir DIR  a data folder overlaying the bundled snapshot (its symbols' names are known too)
  --source S      snapshot (default; $IMPACT_SOURCE) or yahoo: the claims' securities, then their
                  benchmarks, pulled from Yahoo Finance and pinned in the data folder (default
                  .cache/live) before checking, as impact check --source yahoo does
  --refresh       with --source yahoo: pull again even where a pin covers the range
  --json          JSON output: article {date, dateSource, language}, claims[] with the
                  checker's evidence, notChecked[] with reasons
  --report DIR    also write DIR/index.html and DIR/report.md: the article with each claim
                  highlighted by its verdict, one evidence chart per claim, the numbers not checked
  -h, --help      this text

Example:
  impact article examples/cambricon-fr.txt
`;

export const articleCommand: Command = {
  name: 'article',
  summary: 'check every market claim in a news article (en, fr, it, de, es, zh)',
  usage,
  async run(args, io: CliIO) {
    const { values, positionals } = parseCommandArgs(args, {
      date: { type: 'string' },
      tz: { type: 'string' },
      lang: { type: 'string' },
      aliases: { type: 'string' },
      'data-dir': { type: 'string' },
      ...SOURCE_OPTIONS,
      json: { type: 'boolean' },
      report: { type: 'string' },
    });
    if (positionals.length === 0) throw new InputError('missing the article: impact article FILE (or - to read stdin)');
    if (positionals.length > 1) throw new InputError(`expected one article file, got ${positionals.length}: ${positionals.join(' ')}`);
    const file = positionals[0];
    let text: string;
    if (file === '-') text = readFileSync(0, 'utf8');
    else {
      if (!existsSync(file)) throw new InputError(`article file ${file} does not exist`);
      text = readFileSync(file, 'utf8');
    }
    if (values.aliases !== undefined && !existsSync(values.aliases)) throw new InputError(`aliases file ${values.aliases} does not exist`);
    const { source } = (await import('../../data/live-source.ts')).sourceFlags(values);
    if (values.lang !== undefined && !['en', 'fr', 'it', 'de', 'es', 'zh'].includes(values.lang)) throw new InputError(`--lang must be one of en, fr, it, de, es, zh, got '${values.lang}'`);

    // Loaded on use: `impact --help` should not pay for the claims stage.
    const { checkArticle, formatArticleCheck } = await import('../../claims/article/index.ts');
    const result = await checkArticle(text, {
      source,
      ...(source === 'yahoo' ? { refresh: values.refresh, onNotice: (m: string) => io.stderr(`impact: ${m}\n`) } : {}),
      ...(values.date !== undefined ? { date: values.date } : {}),
      ...(values.tz !== undefined ? { timeZone: values.tz } : {}),
      ...(values.lang !== undefined ? { language: values.lang as 'en' } : {}),
      ...(values.aliases !== undefined ? { aliasFile: values.aliases } : {}),
      ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    });
    if (values.report !== undefined) {
      const { writeArticleReport } = await import('../../report/article-report.ts');
      const written = await writeArticleReport(result, values.report, { title: file === '-' ? 'Article' : file });
      io.stderr(`report: ${written.html}, ${written.markdown}\n`);
    }
    if (values.json) {
      const { checks: _checks, provenance: _provenance, ...plain } = result;
      io.stdout(JSON.stringify(plain, null, 2) + '\n');
    } else io.stdout(formatArticleCheck(result));
    return 0;
  },
};
