import { Inject, Injectable } from '@nestjs/common';
import { API_KEY_PATTERN, API_KEY_STORE, type ApiKeyRecord, type ApiKeyStore, CachedApiKeyLookup, hashApiKey } from '@orders/api-keys';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyAbsence, AuthenticatedApiKey } from './authenticated-api-key';

export type Identification = { key: AuthenticatedApiKey } | { absence: ApiKeyAbsence };

/** The key sent in `apikey` (preferred) or `x-api-key`. */
export function presentedApiKey(headers: FastifyRequest['headers']): string | undefined {
  const value = headers.apikey ?? headers['x-api-key'];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Identifies the API key of a request by the SHA-256 of what was sent. A valid key's lookup is kept
 * for at most one second (CachedApiKeyLookup), so a key revoked with the CLI stops working within
 * that second; unknown keys are looked up every time.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly store: CachedApiKeyLookup;

  constructor(@Inject(API_KEY_STORE) store: ApiKeyStore) {
    this.store = new CachedApiKeyLookup(store);
  }

  /**
   * The request's key. At once (no promise) when no store lookup is needed — no key sent, a malformed one,
   * or a valid key kept from the last second, which is every request of a busy client — else after the lookup.
   */
  identify(headers: FastifyRequest['headers']): Identification | Promise<Identification> {
    const presented = presentedApiKey(headers);
    if (presented === undefined || presented === '') return { absence: 'missing' };
    if (!API_KEY_PATTERN.test(presented)) return { absence: 'invalid' };
    const hash = hashApiKey(presented);
    const cached = this.store.cachedValid(hash);
    return cached ? identification(cached) : this.store.findValidByHash(hash).then(identification);
  }
}

const identification = (record: ApiKeyRecord | null): Identification =>
  record ? { key: { name: record.name, scopes: record.scopes } } : { absence: 'invalid' };
