import type { SubscriptionHandler } from './event-store.port';

/** Tells the handler why its subscription stopped (its onError, else stderr); an onError that throws is swallowed. */
export function reportSubscriptionFailure(handler: SubscriptionHandler, error: unknown): void {
  try {
    if (handler.onError) handler.onError(error);
    else console.error('event store subscription stopped', error);
  } catch {
    /* an onError that throws has nowhere left to report to */
  }
}
