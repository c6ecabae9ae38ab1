import type { ApiKeyScope } from '@orders/api-keys';

/** The API key a request was made with, once identified (see api-key.authenticator.ts). */
export interface AuthenticatedApiKey {
  name: string;
  scopes: ApiKeyScope[];
}

/** Why a request has no authenticated key. */
export type ApiKeyAbsence = 'missing' | 'invalid';

declare module 'fastify' {
  interface FastifyRequest {
    /** the identified API key; null/undefined when none or an invalid one was sent */
    apiKey?: AuthenticatedApiKey | null;
    /** set when apiKey is null: whether no key or an invalid key was sent */
    apiKeyAbsence?: ApiKeyAbsence | null;
  }
}
