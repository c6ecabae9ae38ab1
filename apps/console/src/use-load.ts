import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem } from './api/client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiProblem | undefined;
  loading: boolean;
  reload: () => void;
}

export const asProblem = (error: unknown): ApiProblem =>
  error instanceof ApiProblem ? error : new ApiProblem(0, { code: 'CONSOLE_ERROR', detail: String(error) });

/**
 * Runs `load` when `deps` change; a later answer replaces an earlier one, a stale one is dropped. New deps
 * (another order, another page) clear what was shown; `reload()` keeps it on screen until the new answer.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiProblem; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  // the caller lists what `load` depends on
  const run = useCallback(load, deps);
  const lastRun = useRef(run);
  useEffect(() => {
    let current = true;
    const sameDeps = lastRun.current === run;
    lastRun.current = run;
    setState((before) => ({ data: sameDeps ? before.data : undefined, loading: true }));
    run().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error: asProblem(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [run, round]);
  return { data: state.data, error: state.error, loading: state.loading, reload: () => setRound((r) => r + 1) };
}
