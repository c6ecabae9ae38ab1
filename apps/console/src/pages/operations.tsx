import { useState } from 'preact/hooks';
import { call, enc, get } from '../api/client';
import type { AutomationEndpoint, DeadLetter, Page, ProjectionStatus } from '../api/types';
import { Loading, ProblemView, ScopeNote } from '../components/problem';
import { count, dateTime } from '../format';
import { href } from '../router';
import { useScopes } from '../session';
import { asProblem, useLoad } from '../use-load';

/** For an admin key: projections and their lag, dead letters (with retry) and automation endpoints. */
export function OperationsPage() {
  const { can } = useScopes();
  if (!can('admin')) return <ScopeNote scope="admin" what="the operations page" />;
  return (
    <>
      <h1>Operations</h1>
      <Projections />
      <DeadLetters />
      <Endpoints />
    </>
  );
}

function Projections() {
  const projections = useLoad(() => get<{ items: ProjectionStatus[] }>('/admin/projections'), []);
  return (
    <section aria-labelledby="projections-heading">
      <h2 id="projections-heading">Projections</h2>
      <button type="button" class="secondary outline small" onClick={projections.reload}>
        Refresh
      </button>
      <ProblemView problem={projections.error} />
      <Loading when={projections.loading && !projections.data} />
      <div class="overflow-auto">
        <table class="striped">
          <thead>
            <tr>
              <th scope="col">Projection</th>
              <th scope="col" class="num">
                Position
              </th>
              <th scope="col" class="num">
                Head
              </th>
              <th scope="col" class="num">
                Lag
              </th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {(projections.data?.items ?? []).map((p) => (
              <tr key={p.name}>
                <td>{p.name}</td>
                <td class="num">{count(p.position)}</td>
                <td class="num">{count(p.head)}</td>
                <td class="num">{count(p.lag)}</td>
                <td>
                  {p.caughtUp ? <span class="badge status-completed">caught up</span> : <span class="badge status-inprogress">behind</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DeadLetters() {
  const letters = useLoad(() => get<Page<DeadLetter>>('/automations/dead-letters?offset=0&count=100'), []);
  const [message, setMessage] = useState<string | undefined>();
  const [retryProblem, setRetryProblem] = useState<ReturnType<typeof asProblem> | undefined>();
  const retry = async (id: string) => {
    try {
      await call('POST', `/automations/dead-letters/${enc(id)}/retry`);
      setRetryProblem(undefined);
      setMessage(`Dead letter ${id} is queued again.`);
      letters.reload();
    } catch (error) {
      setRetryProblem(asProblem(error));
    }
  };
  return (
    <section aria-labelledby="dead-heading">
      <h2 id="dead-heading">Dead letters {letters.data ? `(${letters.data.totalCount})` : ''}</h2>
      <ProblemView problem={letters.error} />
      <ProblemView problem={retryProblem} context="Retry failed" />
      {message ? <p role="status">{message}</p> : null}
      {letters.data && letters.data.totalCount === 0 ? <p>No dead letters.</p> : null}
      <ul>
        {(letters.data?.items ?? []).map((letter) => (
          <li key={letter.id}>
            <a href={href(['order', letter.orderId])}>{letter.orderId}</a> {letter.action} → endpoint <code>{letter.endpointId}</code>,{' '}
            {letter.attempts} attempts, {letter.lastError ?? 'no error recorded'}, {dateTime(letter.createdAt)}{' '}
            <button type="button" class="small" onClick={() => void retry(letter.id)}>
              Retry
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Endpoints() {
  const { can } = useScopes();
  const endpoints = useLoad(() => get<Page<AutomationEndpoint>>('/automations/endpoints?offset=0&count=100'), []);
  if (!can('automations')) return <ScopeNote scope="automations" what="the automation endpoints" />;
  return (
    <section aria-labelledby="endpoints-heading">
      <h2 id="endpoints-heading">Automation endpoints {endpoints.data ? `(${endpoints.data.totalCount})` : ''}</h2>
      <ProblemView problem={endpoints.error} />
      {endpoints.data && endpoints.data.totalCount === 0 ? <p>No endpoints registered.</p> : null}
      <ul>
        {(endpoints.data?.items ?? []).map((endpoint) => (
          <li key={endpoint.id}>
            <code>{endpoint.url}</code> — {endpoint.actions ? endpoint.actions.join(', ') : 'every action'}{' '}
            <span class="muted">
              (since {dateTime(endpoint.createdAt)}, id {endpoint.id})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
