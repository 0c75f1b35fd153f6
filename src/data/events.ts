/**
 * The events catalogue (data/events.json): AI announcements 2024-06..2025-11 with public sources.
 * Facts only, transcribed from shared/data/EVENTS-SOURCES.md: a clock time appears only where a
 * page states one (else `time` is null and `timeNote` says what is known).
 */
import { editDistance } from './suggest.ts';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError, InputError } from '../errors.ts';
import { auxEntry, readAuxFile } from './fundamentals.ts';
import type { Announcement, IsoDate } from '../types.ts';

/** When in the trading day the news came out, where the sources say so. */
export type EventSession = 'before-open' | 'during-session' | 'after-close';

export interface EventSourceRef {
  /** Public page (http or https). */
  url: string;
  /** Short paraphrase of what the page says. */
  says: string;
}

export interface EventRecord {
  /** Stable kebab-case id, e.g. 'deepseek-r1-release'. */
  id: string;
  title: string;
  /** Local date (in `timeZone`) on which the news became public. */
  date: IsoDate;
  /** 'HH:MM' in `timeZone` where a source states a clock time; null when unknown. */
  time: string | null;
  /** IANA zone in which `date` (and `time`) are stated. */
  timeZone: string;
  /** Session relative to the US/China trading day, where sources say so; null otherwise. */
  session: EventSession | null;
  /** 'unknown', or what the sources say about the time of day. */
  timeNote: string;
  /** The sources' wording about the date (disagreements, alternative dates). */
  dateNote: string;
  /** How many pages state the date, and caveats. */
  dateConfidence: string;
  what: string;
  /** Yahoo symbols affected or discussed: NVDA, AMD, AVGO, TSM, MSFT, META, GOOGL, 688256.SS, ... */
  securities: string[];
  /** The sources' wording about which securities (incl. strength, names outside our data). */
  securitiesNote: string;
  sources: EventSourceRef[];
  /** Source remarks that carry no citable URL. */
  sourceNotes?: string[];
}

/** Path of the bundled catalogue. */
export function defaultEventsPath(): string {
  return join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'data', 'events.json');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** True for a real calendar date 'YYYY-MM-DD' (rejects 2025-02-30). */
export function isValidIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Check one record's shape; throws a DataError naming the event and field. */
function checkEvent(e: EventRecord, index: number, path: string): void {
  const where = `${path}: event ${e && typeof e.id === 'string' ? `'${e.id}'` : `#${index + 1}`}`;
  if (!e || typeof e !== 'object') throw new DataError(`${where} is not an object`);
  if (typeof e.id !== 'string' || !ID.test(e.id)) throw new DataError(`${where}: id must be kebab-case`);
  if (typeof e.title !== 'string' || e.title === '') throw new DataError(`${where}: missing title`);
  if (typeof e.date !== 'string' || !isValidIsoDate(e.date)) throw new DataError(`${where}: date '${e.date}' is not a valid YYYY-MM-DD date`);
  if (e.time !== null && (typeof e.time !== 'string' || !HHMM.test(e.time))) throw new DataError(`${where}: time '${e.time}' is not HH:MM or null`);
  if (typeof e.timeZone !== 'string') throw new DataError(`${where}: missing timeZone`);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: e.timeZone });
  } catch {
    throw new DataError(`${where}: unknown time zone '${e.timeZone}'`);
  }
  if (e.session !== null && !['before-open', 'during-session', 'after-close'].includes(e.session)) {
    throw new DataError(`${where}: session '${e.session}' is not before-open, during-session, after-close or null`);
  }
  if (!Array.isArray(e.securities) || e.securities.length === 0) throw new DataError(`${where}: no securities`);
  if (!Array.isArray(e.sources) || e.sources.length === 0) throw new DataError(`${where}: no sources`);
  for (const s of e.sources) {
    if (!s || typeof s.url !== 'string' || !/^https?:\/\/\S+$/.test(s.url)) throw new DataError(`${where}: source url '${s?.url}' is not an http(s) URL`);
  }
}

/** The catalogue's file under the bundled data folder (listed in data/manifest.json's aux entries). */
export const EVENTS_FILE = 'events.json';

/**
 * Parses and validates an events catalogue ({ "events": [...] }); all events, sorted by date then
 * id. A malformed record is a DataError naming the event and field; duplicate ids are too.
 */
export function parseEventsCatalogue(text: string, path: string): EventRecord[] {
  let doc: { events?: EventRecord[] };
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new DataError(`cannot read the events catalogue ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const events = doc.events;
  if (!Array.isArray(events)) throw new DataError(`${path}: expected { "events": [...] }`);
  const seen = new Set<string>();
  events.forEach((e, i) => {
    checkEvent(e, i, path);
    if (seen.has(e.id)) throw new DataError(`${path}: duplicate event id '${e.id}'`);
    seen.add(e.id);
  });
  return [...events].sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1));
}

/** Events and the span of their dates, as the catalogue's manifest entry records them. */
export function eventsCoverage(events: readonly EventRecord[]): { rows: number; first: IsoDate; last: IsoDate } {
  return { rows: events.length, first: events[0]?.date ?? '', last: events[events.length - 1]?.date ?? '' };
}

const cache = new Map<string, EventRecord[]>();

/** True for the bundled catalogue, and for a catalogue whose folder's manifest lists it (a copy of data/). */
function listedInItsFolder(path: string): boolean {
  const abs = resolve(path);
  if (abs === defaultEventsPath()) return true;
  if (!existsSync(join(dirname(abs), 'manifest.json'))) return false;
  return auxEntry(dirname(abs), basename(abs)) !== null;
}

/**
 * All events, sorted by date then id. The bundled catalogue (the default), or one its folder's
 * manifest lists, is read like every bundled file: its bytes must hash to the sha256 the manifest
 * lists for it, and the read is recorded for the report footer. Another file is validated only.
 * @throws DataError for a malformed record; IntegrityError for a bundled catalogue that changed
 */
export function loadEvents(path: string = defaultEventsPath()): EventRecord[] {
  if (listedInItsFolder(path)) {
    return readAuxFile(dirname(resolve(path)), basename(path), 'events', parseEventsCatalogue, eventsCoverage, { folder: resolve(path) === defaultEventsPath() ? 'bundled' : 'user' });
  }
  const cached = cache.get(path);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DataError(`cannot read the events catalogue ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const sorted = parseEventsCatalogue(text, path);
  cache.set(path, sorted);
  return sorted;
}

/** The event with this id, or undefined. */
export function findEvent(id: string, path?: string): EventRecord | undefined {
  return loadEvents(path).find((e) => e.id === id);
}

/** The event with this id; an InputError with the closest ids when there is none. */
export function getEvent(id: string, path?: string): EventRecord {
  const found = findEvent(id, path);
  if (found) return found;
  const events = loadEvents(path);
  const close = events
    .map((e) => ({ id: e.id, d: e.id.includes(id) || id.includes(e.id) ? 0 : editDistance(id, e.id) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.id);
  throw new InputError(`unknown event '${id}'; did you mean ${close.join(', ')}? (see: impact events)`);
}

/** The event as an Announcement for day-0 resolution (time only when a source states it). */
export function eventAnnouncement(e: EventRecord): Announcement {
  return e.time ? { date: e.date, time: e.time, timeZone: e.timeZone } : { date: e.date, timeZone: e.timeZone };
}
