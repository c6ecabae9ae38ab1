import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Headers;
  /** the body parsed as JSON when it is JSON, else its text */
  body: any;
}

/**
 * The first HTTP/1.1 answer in `text` (status line, headers, a body of Content-Length bytes) and the
 * characters it takes, or undefined while it is incomplete.
 */
export function parseRawAnswer(text: string): (RawAnswer & { length: number }) | undefined {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine = '', ...lines] = text.slice(0, headEnd).split('\r\n');
  const headers = new Headers(
    lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as [string, string]),
  );
  const length = Number(headers.get('content-length') ?? 0);
  const payload = text.slice(headEnd + 4, headEnd + 4 + length);
  if (Buffer.byteLength(payload) < length) return undefined;
  let body: unknown = payload || undefined;
  try {
    body = payload ? JSON.parse(payload) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body, length: headEnd + 4 + payload.length };
}

/**
 * A client socket written to step by step, byte for byte (fetch and node:http would fix up whatever a
 * test means to send badly or slowly). Collects what the server sends; `closed` settles when the server
 * ends the socket (the test gives up after `withinMs`).
 */
export class RawConnection {
  private text = '';
  private ended = false;
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8').on('data', (chunk: string) => (this.text += chunk));
    // a reset after the answer counts as a close; the answer read before it is kept
    socket.on('error', () => undefined);
    this.closed = new Promise((done) => socket.once('close', () => done()));
    void this.closed.then(() => (this.ended = true));
  }

  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((done, fail) => {
      const socket = connect(Number(port), hostname, () => done(new RawConnection(socket)));
      socket.once('error', fail);
    });
  }

  get isClosed(): boolean {
    return this.ended;
  }

  write(data: string): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(data);
  }

  /** The next answer, once it is complete (or undefined if none came before the socket closed). */
  async answer(withinMs = 5_000): Promise<RawAnswer | undefined> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const parsed = parseRawAnswer(this.text);
      if (parsed) {
        this.text = this.text.slice(parsed.length);
        const { length: _taken, ...answer } = parsed;
        return answer;
      }
      if (this.ended) return undefined;
      if (Date.now() > deadline)
        throw new Error(`no complete answer within ${withinMs} ms; received ${JSON.stringify(this.text.slice(0, 200))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Resolves when the server has closed the socket; rejects if it is still open after `withinMs`. */
  async closedWithin(withinMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`the server left the socket open for more than ${withinMs} ms`)), withinMs);
    });
    try {
      await Promise.race([this.closed, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}
