import { constants } from 'node:os';
import type { LoggerService } from '@nestjs/common';
import type { InFlightRequests, RequestDrain } from './in-flight-requests';

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
export type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

export interface ShutdownParts {
  /** stops the listener and waits for the requests in flight (Fastify's close: 503 to new requests on open sockets) */
  closeHttp(): Promise<void>;
  /** everything else, in Nest's order: the dispatcher, then the projector and every store (app.close()) */
  closeApp(): Promise<void>;
  requests: InFlightRequests;
  /** the roles this process ran, named in the last line: `projector`, `dispatcher` */
  roles: string[];
  /** a logger with its context set (Nest's `new Logger('Lifecycle')`): lines are `{ msg, ...fields }` objects */
  logger: LoggerService;
  exit(code: number): void;
  /** a close that takes longer is reported and the process exits 1 */
  timeoutMs: number;
}

/**
 * SIGTERM / SIGINT: drain the HTTP side first (requests in flight finish while every store is still
 * open), then stop the dispatcher and the projector and close the stores, log what was drained and
 * exit 0. A failed or overlong close logs why and exits 1; a second signal exits at once (128 + its number).
 */
export class GracefulShutdown {
  private signal: ShutdownSignal | null = null;

  constructor(private readonly parts: ShutdownParts) {}

  install(target: Pick<NodeJS.Process, 'on'> = process): void {
    for (const signal of SHUTDOWN_SIGNALS) target.on(signal, () => void this.run(signal));
  }

  async run(signal: ShutdownSignal): Promise<void> {
    const { logger, requests, exit } = this.parts;
    if (this.signal) {
      logger.warn({ msg: 'second signal during shutdown: exiting now', signal, first: this.signal });
      exit(128 + constants.signals[signal]);
      return;
    }
    this.signal = signal;
    const started = Date.now();
    logger.log({ msg: 'shutdown started', signal, inFlightRequests: requests.startDrain() });
    const overdue = setTimeout(() => {
      logger.error({ msg: 'shutdown timed out', signal, timeoutMs: this.parts.timeoutMs, requests: requests.drained() });
      exit(1);
    }, this.parts.timeoutMs);
    overdue.unref();
    let drained: RequestDrain | undefined;
    try {
      await this.parts.closeHttp();
      drained = requests.drained();
      await this.parts.closeApp();
    } catch (error) {
      clearTimeout(overdue);
      logger.error({ msg: 'shutdown failed', signal, err: error, requests: drained ?? requests.drained() });
      exit(1);
      return;
    }
    clearTimeout(overdue);
    logger.log({
      msg: 'shutdown complete',
      signal,
      requests: drained,
      stopped: this.parts.roles,
      storesClosed: true,
      durationMs: Date.now() - started,
    });
    exit(0);
  }
}
