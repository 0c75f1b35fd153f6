/**
 * Replaying the recorded Yahoo Finance answers (test/fixtures/yahoo-recorded, byte-for-byte copies
 * of ../shared/data/yahoo-recorded, see its PROVENANCE.md) through an injected fetch.
 *
 * A chart recording answers a request for the same symbol whose period CONTAINS the recorded one
 * (our requests pad the range by a few days; Yahoo would then send the same bars, the padding
 * holds no session). A quoteSummary recording answers the same symbol and module. The cookie and
 * crumb handshake yahoo-finance2 makes before quoteSummary is answered with a cookie and the crumb
 * found in the recorded URLs. Anything else is refused (the fetch rejects), so a test never passes
 * on an answer nobody recorded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const RECORDED_DIR = join(import.meta.dirname, '..', 'fixtures', 'yahoo-recorded');

export interface Recording {
  file: string;
  request: { url: string };
  response: { status: number; statusText: string; headers: Record<string, string>; bodyJson: unknown };
}

/** Every recording of the folder, by file name. */
export function loadRecordings(dir = RECORDED_DIR): Map<string, Recording> {
  const out = new Map<string, Recording>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    out.set(f, { file: f, ...JSON.parse(readFileSync(join(dir, f), 'utf8')) });
  }
  return out;
}

/** The body a recording serves: its JSON, serialized (the recordings store the parsed body). */
export function recordedBody(r: Recording): string {
  return JSON.stringify(r.response.bodyJson);
}

function matches(r: Recording, url: URL): boolean {
  const rec = new URL(r.request.url);
  if (rec.pathname !== url.pathname) return false;
  if (rec.pathname.startsWith('/v8/finance/chart/')) {
    const events = (url.searchParams.get('events') ?? '').split('|');
    return (
      url.searchParams.get('interval') === rec.searchParams.get('interval') &&
      events.includes('div') &&
      events.includes('split') &&
      Number(url.searchParams.get('period1')) <= Number(rec.searchParams.get('period1')) &&
      Number(url.searchParams.get('period2')) >= Number(rec.searchParams.get('period2'))
    );
  }
  return url.searchParams.get('modules') === rec.searchParams.get('modules');
}

/**
 * A fetch serving `recordings` (served in order of the list when several match). `calls` lists
 * every requested URL; `served` the recordings actually served.
 */
export function replayFetch(recordings: Recording[]) {
  const calls: string[] = [];
  const served: string[] = [];
  const crumb = recordings.map((r) => new URL(r.request.url).searchParams.get('crumb')).find((c) => c) ?? null;
  const f = (async (input: unknown) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : (input as Request).url;
    calls.push(href);
    const url = new URL(href);
    if (url.hostname === 'finance.yahoo.com' && crumb) {
      return new Response('<html></html>', { status: 200, headers: { 'set-cookie': 'A3=d=replay; Expires=Wed, 01 Jan 2031 00:00:00 GMT; Domain=.yahoo.com; Path=/; Secure' } });
    }
    if (url.pathname === '/v1/test/getcrumb' && crumb) return new Response(crumb, { status: 200 });
    const hit = recordings.find((r) => matches(r, url));
    if (!hit) throw new TypeError(`fetch failed`, { cause: new Error(`no recording answers ${href}`) });
    served.push(hit.file);
    const headers = Object.fromEntries(Object.entries(hit.response.headers).filter(([k]) => k !== 'content-length' && k !== 'content-encoding'));
    return new Response(recordedBody(hit), { status: hit.response.status, statusText: hit.response.statusText, headers });
  }) as typeof fetch;
  return { fetch: f, calls, served };
}

/** A fetch that fails like a machine without network (DNS lookup fails). */
export const offlineFetch = (async () => {
  throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND query2.finance.yahoo.com') });
}) as typeof fetch;

/** A fetch whose headers arrive but whose body never finishes (one chunk, then silence). */
export function stalledBodyFetch() {
  let called!: () => void;
  const wasCalled = new Promise<void>((r) => (called = r));
  const f = (async () => {
    called();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"chart":{"result":[{"meta":'));
        // never closed: the rest of the body never comes
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetch: f, wasCalled };
}

/** A fetch that never answers and ignores its abort signal (a silent server behind a stuck proxy). */
export function silentFetch() {
  let called!: () => void;
  const wasCalled = new Promise<void>((r) => (called = r));
  const f = (() => {
    called();
    return new Promise<Response>(() => {});
  }) as typeof fetch;
  return { fetch: f, wasCalled };
}
