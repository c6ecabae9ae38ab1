import { type DestinationStream, pino } from 'pino';

/** Log lines are written to stdout in chunks of at least this many bytes (a request's line is ~250 bytes)... */
export const LOG_CHUNK_BYTES = 4096;
/** ...or, when fewer have come, this long after the first of them at most. */
export const LOG_FLUSH_MS = 100;
/**
 * Lines waiting for a log reader that does not keep up are dropped past this many bytes (and counted),
 * so that a stalled reader costs a bounded amount of memory, never the request thread's time.
 */
export const LOG_BUFFER_MAX_BYTES = 8 * 1024 * 1024;

export interface BufferedLogDestination extends DestinationStream {
  /** writes what is buffered now; `done` once it is written (pino's `logger.flush(cb)` calls this) */
  flush(done?: (error?: Error) => void): void;
  /** lines dropped because the reader did not keep up (LOG_BUFFER_MAX_BYTES) */
  readonly dropped: number;
}

/**
 * Where the JSON log lines go when stdout is not a terminal: stdout (`fd`), written asynchronously in
 * chunks. pino's default writes every line with its own blocking `write` on the request thread — one system
 * call per request, and a wait whenever the reader of stdout (a log shipper, a pipe) is slow. Here a line is
 * appended to a buffer that is written (off the event loop, by libuv) once it holds LOG_CHUNK_BYTES or
 * LOG_FLUSH_MS after its first line. pino writes what is buffered synchronously when the process exits
 * (also on `process.exit` and a fatal error); a process killed outright (SIGKILL, out of memory) loses at
 * most the lines of its last LOG_FLUSH_MS. docs/operations.md, "Logs".
 */
export function bufferedLogDestination(
  fd = 1,
  { chunkBytes = LOG_CHUNK_BYTES, flushMs = LOG_FLUSH_MS, maxBytes = LOG_BUFFER_MAX_BYTES } = {},
): BufferedLogDestination {
  const stream = pino.destination({ dest: fd, sync: false, minLength: chunkBytes, maxLength: maxBytes });
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  stream.on('drop', () => dropped++);
  const flush = (done?: (error?: Error) => void): void => {
    clearTimeout(timer);
    timer = undefined;
    try {
      stream.flush(done);
    } catch {
      // ended at exit (pino wrote the rest synchronously): nothing is left to write
      done?.();
    }
  };
  return {
    write(line: string): void {
      stream.write(line);
      // one timer for the lines since the last flush (a chunk that filled up meanwhile is written already)
      timer ??= setTimeout(() => flush(), flushMs).unref();
    },
    flush,
    get dropped(): number {
      return dropped;
    },
  };
}
