/**
 * A typed array filled by appending, for per-event values gathered one event at a time: allocated
 * once for `capacity` values (a study passes its expected number of events), doubled only when
 * more come, and read back as a view of the filled part (no copy). One helper for the engine's
 * per-event columns and the rank tests' per-event arrays.
 */
export interface Column<T> {
  push(v: number): void;
  length(): number;
  /** The values pushed so far (a view; later pushes may move the storage). */
  view(): T;
}

type Typed = Float64Array | Int32Array | Uint8Array;

export function column<T extends Typed>(make: (n: number) => T, capacity = 1024): Column<T> {
  let buf = make(Math.max(16, Math.ceil(capacity)));
  let used = 0;
  return {
    push(v) {
      if (used === buf.length) {
        const next = make(buf.length * 2);
        next.set(buf as never);
        buf = next;
      }
      buf[used++] = v;
    },
    length: () => used,
    view: () => buf.subarray(0, used) as T,
  };
}

export const floatColumn = (capacity?: number): Column<Float64Array> => column((n) => new Float64Array(n), capacity);
export const intColumn = (capacity?: number): Column<Int32Array> => column((n) => new Int32Array(n), capacity);
export const byteColumn = (capacity?: number): Column<Uint8Array> => column((n) => new Uint8Array(n), capacity);
