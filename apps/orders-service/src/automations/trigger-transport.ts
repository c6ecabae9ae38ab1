import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type { ResolvedAddress, TargetPolicy } from '@orders/automations';
import { AUTOMATION_TARGET_POLICY } from './automation.tokens';

/** Why an attempt failed without an HTTP answer: a fixed set, stored and logged instead of the network's own error text. */
export type FailureReason =
  | 'target not allowed'
  | 'dns'
  | 'timeout'
  | 'connection refused'
  | 'connection reset'
  | 'unreachable'
  | 'tls'
  | 'aborted'
  | 'network error';

/** An attempt's outcome: the HTTP status when the receiver answered, else a short reason. */
export type AttemptOutcome = { status: number } | { reason: FailureReason };

export interface TriggerPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** aborted on shutdown */
  signal: AbortSignal;
}

const TLS_CODES = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** The short reason of a network error (by its code; the message, with addresses and ports, is dropped). */
export function reasonOf(error: unknown): FailureReason {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return 'connection reset';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return 'timeout';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') return 'dns';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN' || code === 'ENETDOWN') return 'unreachable';
  if (TLS_CODES.test(code)) return 'tls';
  return 'network error';
}

/** A lookup that answers the addresses the policy checked: the connection goes where the check looked, whatever DNS says now. */
const pinned =
  (addresses: readonly ResolvedAddress[]): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all)
      callback(
        null,
        addresses.map(({ address, family }) => ({ address, family })),
      );
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };

/**
 * Sends one trigger: checks the target against the policy (every resolved address), then POSTs over
 * node:http(s) to exactly the checked addresses (a pinned `lookup`, a fresh connection per attempt, no
 * redirects followed). Bounded by `timeoutMs` from the lookup to the end of the answer.
 */
@Injectable()
export class TriggerTransport {
  constructor(@Inject(AUTOMATION_TARGET_POLICY) private readonly policy: TargetPolicy) {}

  async post(post: TriggerPost): Promise<AttemptOutcome> {
    const timeout = AbortSignal.timeout(post.timeoutMs);
    const signal = AbortSignal.any([timeout, post.signal]);
    const aborted = (): AttemptOutcome => ({ reason: post.signal.aborted ? 'aborted' : 'timeout' });
    const check = await Promise.race([this.policy.check(post.url), untilAborted(signal)]);
    if (check === null) return aborted();
    if (!check.allowed) return { reason: check.reason };
    const send = check.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<AttemptOutcome>((resolve) => {
      const request = send(
        {
          method: 'POST',
          hostname: check.host,
          port: check.port,
          path: `${check.url.pathname}${check.url.search}`,
          headers: { ...post.headers, host: check.url.host, 'content-length': String(Buffer.byteLength(post.body)) },
          lookup: pinned(check.addresses),
          agent: false,
          signal,
        },
        (response: IncomingMessage) => {
          response.resume(); // the body is not read, only drained
          response.once('end', () => resolve({ status: response.statusCode ?? 0 }));
          response.once('error', (error) => resolve(signal.aborted ? aborted() : { reason: reasonOf(error) }));
        },
      );
      request.once('error', (error) => resolve(signal.aborted ? aborted() : { reason: reasonOf(error) }));
      request.end(post.body);
    });
  }
}

/** resolves null once the signal aborts (never rejects) */
const untilAborted = (signal: AbortSignal): Promise<null> =>
  new Promise((resolve) => (signal.aborted ? resolve(null) : signal.addEventListener('abort', () => resolve(null), { once: true })));
