/**
 * One writer per reports folder: `impact report` and `impact notebook` hold `<reports>/.lock`
 * while they run studies and write into the folder. A second run waits for the first (saying
 * so once) or, with `wait: false`, stops with a message; a lock whose process is gone (killed, or
 * a crashed machine) is taken over. The lock file holds the holder's pid and start time as JSON.
 */
import { linkSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.ts';
import { processAlive } from './runner.ts';

/** Name of the lock file inside the reports folder. */
export const LOCK_NAME = '.lock';

/** Options of {@link lockReportsDir}. */
export interface LockOptions {
  /** Wait for another run to finish (default true); false stops at once with a DataError. */
  wait?: boolean;
  /** Longest wait in ms before giving up with a DataError (default 30 minutes). */
  timeoutMs?: number;
  /** Polling interval in ms (default 250). */
  pollMs?: number;
  /** Told once when the folder is busy and this run waits (e.g. a line on stderr). */
  onWait?: (message: string) => void;
}

/** The holder recorded in a lock file, or null when it cannot be read (being written, or gone). */
function readHolder(path: string): { pid: number; text: string } | null {
  try {
    const text = readFileSync(path, 'utf8');
    const pid = Number((JSON.parse(text) as { pid?: unknown }).pid);
    return Number.isInteger(pid) ? { pid, text } : { pid: -1, text };
  } catch {
    return null;
  }
}

/** Creates the lock file exclusively; false when it already exists. */
function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, `${JSON.stringify({ pid: process.pid })}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes over a lock whose holder is dead: moves it aside under a name of our own (only one
 * waiter wins the rename), and puts it back if what was moved is no longer the stale lock.
 */
function breakStale(path: string, stale: { text: string }): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = readHolder(aside);
  if (moved !== null && moved.text !== stale.text) {
    try {
      linkSync(aside, path); // a live lock taken by mistake: restore it unless a new one exists
    } catch {
      // A newer lock is in place; the moved one's holder will find its lock gone on release.
    }
  }
  rmSync(aside, { force: true });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Locks `dir` (created if missing) for this process and returns the release function.
 * @throws DataError when another live run holds it and `wait` is false, or after `timeoutMs`
 */
export async function lockReportsDir(dir: string, options: LockOptions = {}): Promise<() => void> {
  const wait = options.wait ?? true;
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const pollMs = options.pollMs ?? 250;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_NAME);
  const started = Date.now();
  let told = false;
  for (;;) {
    if (tryCreate(path)) {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const holder = readHolder(path);
        if (holder?.pid === process.pid) rmSync(path, { force: true });
      };
    }
    const holder = readHolder(path);
    if (holder === null) {
      await sleep(10); // released, or being written, between the two calls: look again
      continue;
    }
    if (holder.pid !== process.pid && !processAlive(holder.pid)) {
      breakStale(path, holder);
      continue;
    }
    const busy = `another report run (pid ${holder.pid}) is writing ${dir}`;
    if (!wait) throw new DataError(`${busy}; wait for it to finish (or run without --no-wait to wait)`);
    if (Date.now() - started > timeoutMs) {
      throw new DataError(`${busy} for more than ${Math.round(timeoutMs / 1000)} s; if no such run exists, remove ${path}`);
    }
    if (!told) {
      options.onWait?.(`${busy}; waiting for it to finish`);
      told = true;
    }
    await sleep(pollMs);
  }
}
