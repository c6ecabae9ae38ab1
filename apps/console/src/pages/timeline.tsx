import { useState } from 'preact/hooks';
import { enc, get, query } from '../api/client';
import type { AutomationDelivery, FieldChange, HistoryEntry, HistoryPage, Page } from '../api/types';
import { Pager } from '../components/pager';
import { Loading, ProblemView, ScopeNote } from '../components/problem';
import { dateTime, shown } from '../format';
import { href } from '../router';
import { useScopes } from '../session';
import { useLoad } from '../use-load';

const PAGE = 50;

/**
 * Every event of the order (the history endpoint, which also serves deleted orders): when, what, which
 * key, the correlation id, the field changes, the action and the triggers it produced, and a link to the
 * order as it was after the event (`?versionTag=`).
 */
export function TimelinePage({ orderId }: { orderId: string }) {
  const { can } = useScopes();
  const [offset, setOffset] = useState(0);
  const history = useLoad(() => get<HistoryPage>(`/orders/${enc(orderId)}/history${query({ offset, count: PAGE })}`), [orderId, offset]);
  const deliveries = useLoad(
    () =>
      can('automations')
        ? get<Page<AutomationDelivery>>(`/automations/deliveries${query({ orderId, count: 100 })}`).then((page) => page.items)
        : Promise.resolve([]),
    [orderId],
  );
  if (!can('orders:read')) return <ScopeNote scope="orders:read" what="the order's history" />;
  const entries = history.data?.items ?? [];
  const deleted = entries.some((entry) => entry.type === 'OrderDeleted');
  return (
    <>
      <h1>
        Timeline of <code>{orderId}</code>
      </h1>
      <nav aria-label="Order views">
        <a href={href(['order', orderId])}>Order</a>
      </nav>
      {deleted ? <p role="status">This order is deleted; its history stays readable and each version can still be viewed.</p> : null}
      {!can('automations') ? <ScopeNote scope="automations" what="which triggers the actions produced" /> : null}
      <ProblemView problem={history.error} context="The history could not be read" />
      <ProblemView problem={deliveries.error} context="The triggers could not be read" />
      <Loading when={history.loading && !history.data} />
      <ol class="timeline">
        {entries.map((entry) => (
          <TimelineEntry key={entry.revision} orderId={orderId} entry={entry} deliveries={deliveries.data ?? []} />
        ))}
      </ol>
      {history.data ? <Pager page={history.data} onOffset={setOffset} label="History pages" /> : null}
    </>
  );
}

function TimelineEntry({ orderId, entry, deliveries }: { orderId: string; entry: HistoryEntry; deliveries: AutomationDelivery[] }) {
  // a trigger carries the action and the versionTag it was requested on (the action event keeps the order's tag)
  const triggers = entry.action ? deliveries.filter((d) => d.action === entry.action!.action && d.versionTag === entry.versionTag) : [];
  return (
    <li class="timeline-entry" data-revision={entry.revision} data-type={entry.type}>
      <article>
        <header>
          <strong>{entry.type}</strong> <time dateTime={entry.time}>{dateTime(entry.time)}</time>
          <div class="muted">
            revision {entry.revision} · key <span class="key-name">{entry.apiKeyName ?? 'unknown'}</span> · correlation{' '}
            <code>{entry.correlationId ?? '—'}</code>
          </div>
        </header>
        {entry.changes.length > 0 ? <Changes changes={entry.changes} /> : null}
        {entry.action ? (
          <p>
            Action <strong>{entry.action.action}</strong>
            {entry.action.language ? ` (${entry.action.language})` : ''}
            {entry.action.data ? (
              <>
                {' '}
                data <code>{JSON.stringify(entry.action.data)}</code>
              </>
            ) : null}
          </p>
        ) : null}
        {triggers.length > 0 ? (
          <ul class="triggers" aria-label="Triggers">
            {triggers.map((trigger) => (
              <li key={trigger.id}>
                trigger to endpoint <code>{trigger.endpointId}</code>: {trigger.state}, {trigger.attempts} attempt(s)
                {trigger.deliveredAt ? `, delivered ${dateTime(trigger.deliveredAt)}` : ''}
                {trigger.lastError ? `, last error ${trigger.lastError}` : ''}
              </li>
            ))}
          </ul>
        ) : null}
        {entry.versionTag ? (
          <footer>
            <a href={href(['order', orderId], { versionTag: entry.versionTag })} class="as-it-was">
              View the order as it was here
            </a>{' '}
            <code>{entry.versionTag}</code>
          </footer>
        ) : null}
      </article>
    </li>
  );
}

const OP_LABEL: Record<FieldChange['op'], string> = { added: 'added', removed: 'removed', changed: 'changed' };

function Changes({ changes }: { changes: FieldChange[] }) {
  return (
    <div class="overflow-auto">
      <table class="changes">
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change, index) => (
            <tr key={index} class={`op-${change.op}`}>
              <td>
                <span class={`badge op-${change.op}`}>{OP_LABEL[change.op]}</span>
              </td>
              <td>
                <code>{change.path}</code>
              </td>
              <td>
                {change.op === 'added' ? <Value value={change.to} /> : null}
                {change.op === 'removed' ? <Value value={change.from} removed /> : null}
                {change.op === 'changed' ? (
                  <>
                    <Value value={change.from} removed /> → <Value value={change.to} />
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A value of a change: short ones inline, long ones (a whole line, an address) folded. */
function Value({ value, removed }: { value: unknown; removed?: boolean }) {
  const text = shown(value);
  const Tag = removed ? 'del' : 'ins';
  if (text.length <= 80) return <Tag>{text}</Tag>;
  return (
    <details>
      <summary>
        <Tag>{text.slice(0, 60)}…</Tag>
      </summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
