/** Atomic file writes: a temp file in the same directory, then rename, so readers never see half a file. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

let tempCounter = 0;

/**
 * Writes `data` to `path` atomically, creating the directory. The temp name carries the pid and
 * a counter so parallel writers do not collide; on failure the temp file is removed.
 */
export function writeFileAtomic(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${++tempCounter}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
