import type { FastifyInstance } from 'fastify';

/** What a graceful close did with the requests that were running when it began. */
export interface RequestDrain {
  /** requests running when the close began */
  inFlight: number;
  /** of those, and of any that started while the listener was closing: answered in full */
  completed: number;
  /** connections cut before their answer was sent (the close's grace, REQUEST_TIMEOUT_MS, ran out, or the client left) */
  cut: number;
}

/**
 * Counts the requests in flight (from Fastify's onRequest to the end of the answer or of its socket),
 * so that a shutdown can say what it drained. Register before any other onRequest hook that may answer.
 */
export class InFlightRequests {
  private running = 0;
  private drain: RequestDrain | null = null;

  attach(fastify: FastifyInstance): this {
    fastify.addHook('onRequest', (_request, reply, done) => {
      this.running++;
      reply.raw.once('close', () => {
        this.running--;
        if (this.drain) {
          if (reply.raw.writableFinished) this.drain.completed++;
          else this.drain.cut++;
        }
      });
      done();
    });
    return this;
  }

  get count(): number {
    return this.running;
  }

  /** From now on, count how the running requests end; returns how many are running. */
  startDrain(): number {
    this.drain ??= { inFlight: this.running, completed: 0, cut: 0 };
    return this.drain.inFlight;
  }

  /** The drain so far (after the listener has closed: final). */
  drained(): RequestDrain {
    return { ...(this.drain ?? { inFlight: 0, completed: 0, cut: 0 }) };
  }
}
