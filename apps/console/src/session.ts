import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { WhoAmI } from './api/types';

/** The key's identity and scopes (GET /api-key), for every page to hide what the key may not do. */
export const SessionContext = createContext<WhoAmI>({ name: '', scopes: [], effectiveScopes: [] });

export function useScopes(): { name: string; can: (scope: string) => boolean } {
  const who = useContext(SessionContext);
  return { name: who.name, can: (scope) => who.effectiveScopes.includes(scope) };
}
