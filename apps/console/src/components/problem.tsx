import type { ApiProblem } from '../api/client';

/** An API error as the user sees it: the status, the problem's `code` and `detail`, and each failing JSON path. */
export function ProblemView({ problem, context }: { problem: ApiProblem | undefined; context?: string }) {
  if (!problem) return null;
  const errors = Object.entries(problem.problem.errors ?? {});
  return (
    <div class="problem" role="alert" data-code={problem.code}>
      <p>
        {context ? <>{context}: </> : null}
        <strong>{problem.status > 0 ? `${problem.status} ` : ''}</strong>
        <code>{problem.code}</code> {problem.problem.detail ?? problem.problem.title}
      </p>
      {errors.length > 0 ? (
        <ul>
          {errors.map(([path, messages]) => (
            <li key={path}>
              <code>{path || '(body)'}</code>: {messages.join('; ')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** What the key's scopes do not allow, said as such instead of a broken page. */
export function ScopeNote({ scope, what }: { scope: string; what: string }) {
  return (
    <p class="scope-note" role="note">
      Your API key lacks the <code>{scope}</code> scope, so {what} is not shown.
    </p>
  );
}

export function Loading({ when }: { when: boolean }) {
  return when ? <p aria-busy="true">Loading…</p> : null;
}
