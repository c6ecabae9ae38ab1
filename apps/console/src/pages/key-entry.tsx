import { useState } from 'preact/hooks';
import type { ApiProblem } from '../api/client';
import { ProblemView } from '../components/problem';

/** The API key, entered once per tab; it is sent in the `apikey` header only, never put in a URL. */
export function KeyEntry({ onKey, problem, checking }: { onKey: (key: string) => void; problem?: ApiProblem; checking: boolean }) {
  const [key, setKey] = useState('');
  return (
    <main class="container narrow">
      <h1>Orders console</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (key.trim()) onKey(key.trim());
        }}
      >
        <label for="apikey">
          API key
          <input
            id="apikey"
            name="apikey"
            type="password"
            autocomplete="off"
            required
            value={key}
            onInput={(event) => setKey(event.currentTarget.value)}
            aria-describedby="apikey-help"
          />
          <small id="apikey-help">Kept in this browser tab only (sessionStorage) and sent as the apikey header.</small>
        </label>
        <button type="submit" aria-busy={checking} disabled={checking}>
          Open the console
        </button>
      </form>
      <ProblemView problem={problem} context="The key was not accepted" />
    </main>
  );
}
