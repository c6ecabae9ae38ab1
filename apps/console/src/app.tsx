import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, call, forgetKey, storedKey, storeKey } from './api/client';
import type { WhoAmI } from './api/types';
import { KeyEntry } from './pages/key-entry';
import { Routes } from './routes';
import { SessionContext } from './session';
import { asProblem } from './use-load';

/**
 * The shell: without a working key only the key form; with one, the navigation and the routed page.
 * The key lives in sessionStorage (this tab only) and is checked with GET /api-key, which also tells the
 * scopes every page uses to hide what the key may not do.
 */
export function App() {
  const [who, setWho] = useState<WhoAmI | undefined>();
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [checking, setChecking] = useState(() => storedKey() !== null);

  const signIn = async (key: string) => {
    setChecking(true);
    try {
      const answer = await call<WhoAmI>('GET', '/api-key', undefined, key);
      storeKey(key);
      setProblem(undefined);
      setWho(answer.body);
    } catch (error) {
      forgetKey();
      setProblem(asProblem(error));
    } finally {
      setChecking(false);
    }
  };
  const signOut = () => {
    forgetKey();
    setWho(undefined);
  };

  useEffect(() => {
    const key = storedKey();
    if (key) void signIn(key);
  }, []);

  if (!who) return <KeyEntry onKey={signIn} problem={problem} checking={checking} />;
  return (
    <SessionContext.Provider value={who}>
      <Routes who={who} onSignOut={signOut} />
    </SessionContext.Provider>
  );
}
