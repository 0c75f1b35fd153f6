/**
 * Loaded with `node --import` into a study run by the notebook runner (never imported by library
 * code). It records, into the capture file, every chunk written to stdout/stderr, the cell
 * boundaries the instrumented script announces through `globalThis.__miCell(i)`, every data file
 * the study reads, every library call it makes (the run log), and the uncaught error that ends a failing run. Node still prints everything as usual.
 */
import { onProcessRead } from '../data/verified.ts';
import { onLibraryCall } from '../study/call-log.ts';
import { appendCaptureRecord, captureFile, isCaptureQuiet } from './capture.ts';

const file = captureFile();

if (file !== undefined) {
  (globalThis as Record<string, unknown>).__miCell = (index: number) => {
    appendCaptureRecord({ type: 'cell', index }, file);
  };

  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (!isCaptureQuiet()) {
        const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
        if (text !== '') appendCaptureRecord({ type: 'stream', name, text }, file);
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }

  // Every data file the study reads (prices, FX, share counts), as the data layer verified it:
  // the report footer lists exactly these, with the sha256 of the bytes read.
  onProcessRead((read) => appendCaptureRecord({ type: 'data-read', read }, file));
  // Every library call the study makes (runEventStudy, checkClaim, ...) with its effective inputs,
  // parameters and seeds: the footer's "What ran" lists exactly these.
  onLibraryCall((call) => appendCaptureRecord({ type: 'library-call', call }, file));

  // A monitor observes the error without changing Node's behaviour (print + exit code 1).
  process.on('uncaughtExceptionMonitor', (error: unknown) => {
    const e = error instanceof Error ? error : new Error(`non-Error value thrown: ${String(error)}`);
    appendCaptureRecord({ type: 'error', name: e.name, message: e.message, stack: e.stack ?? `${e.name}: ${e.message}` }, file);
  });
}
