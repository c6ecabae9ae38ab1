import { useEffect, useMemo, useState } from 'preact/hooks';
import { type ApiProblem, call, enc, get } from '../api/client';
import type { Page, SavedSegment, SegmentAnswer } from '../api/types';
import { Pager } from '../components/pager';
import { ProblemView, ScopeNote } from '../components/problem';
import { count, dateTime } from '../format';
import { href, navigate } from '../router';
import { useScopes } from '../session';
import { asProblem, useLoad } from '../use-load';
import { GroupEditor, HavingEditor } from './builder';
import { fromSegment, newModel, type SegmentModel, toFilter, toHaving } from './model';

const DEBOUNCE_MS = 400;

/** Build a segment with the form, see its counts while editing, list its contacts, save and reopen it. */
export function SegmentsPage({ segmentId }: { segmentId?: string }) {
  const { can } = useScopes();
  if (!can('segments')) return <ScopeNote scope="segments" what="segmentation" />;
  return (
    <>
      <h1>Segments</h1>
      <SavedList current={segmentId} />
      <Editor key={segmentId ?? 'new'} segmentId={segmentId} />
    </>
  );
}

function SavedList({ current }: { current?: string }) {
  const saved = useLoad(() => get<Page<SavedSegment>>('/segments?offset=0&count=100'), [current]);
  return (
    <nav aria-label="Saved segments" class="saved-segments">
      <ProblemView problem={saved.error} />
      <ul>
        <li>
          <a href={href(['segments'])} aria-current={current ? undefined : 'page'}>
            New segment
          </a>
        </li>
        {(saved.data?.items ?? []).map((segment) => (
          <li key={segment.segmentId}>
            <a href={href(['segments', segment.segmentId])} aria-current={segment.segmentId === current ? 'page' : undefined}>
              {segment.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function Editor({ segmentId }: { segmentId?: string }) {
  const [model, setModel] = useState<SegmentModel>(newModel);
  const [name, setName] = useState('');
  const [loadProblem, setLoadProblem] = useState<ApiProblem | undefined>();
  const [saveProblem, setSaveProblem] = useState<ApiProblem | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    if (!segmentId) return;
    get<SavedSegment>(`/segments/${enc(segmentId)}`).then(
      (segment) => {
        setName(segment.name);
        try {
          setModel(fromSegment(segment.filter, segment.having));
        } catch (error) {
          setLoadProblem(asProblem(new Error(`the saved filter is outside what the form can show: ${String(error)}`)));
        }
      },
      (error: unknown) => setLoadProblem(asProblem(error)),
    );
  }, [segmentId]);

  const body = useMemo(() => ({ filter: toFilter(model), having: toHaving(model) }), [model]);
  const bodyText = JSON.stringify(body);
  const settled = useDebounced(bodyText, DEBOUNCE_MS);
  useEffect(() => setOffset(0), [settled]);
  const answer = useLoad(async () => {
    const request = JSON.parse(settled) as typeof body;
    if (!request.filter) return undefined;
    return (await call<SegmentAnswer>('POST', '/segments/query', { ...request, offset, count: 10 })).body;
  }, [settled, offset]);

  const save = async () => {
    setSaved(undefined);
    try {
      const payload = { name, ...body };
      const result = segmentId
        ? await call<SavedSegment>('PUT', `/segments/${enc(segmentId)}`, payload)
        : await call<SavedSegment>('POST', '/segments', payload);
      setSaveProblem(undefined);
      setSaved(`Saved ${dateTime(result.body.updatedAt)}.`);
      if (!segmentId) navigate(['segments', result.body.segmentId]);
    } catch (error) {
      setSaveProblem(asProblem(error));
    }
  };
  const remove = async () => {
    if (!segmentId) return;
    try {
      await call('DELETE', `/segments/${enc(segmentId)}`);
      navigate(['segments']);
    } catch (error) {
      setSaveProblem(asProblem(error));
    }
  };

  return (
    <div class="segment-editor">
      <section aria-labelledby="filter-heading">
        <h2 id="filter-heading">{segmentId ? 'Edit segment' : 'New segment'}</h2>
        <ProblemView problem={loadProblem} context="The segment could not be opened" />
        <GroupEditor group={model.root} scope="order" onChange={(root) => setModel({ ...model, root })} />
        <fieldset class="seg-group">
          <legend>Per contact, over its matching orders</legend>
          <HavingEditor
            metric="orderCount"
            label="order count"
            row={model.having.orderCount}
            onChange={(row) => setModel({ ...model, having: { ...model.having, orderCount: row } })}
          />
          <HavingEditor
            metric="totalPrice"
            label="total price"
            row={model.having.totalPrice}
            onChange={(row) => setModel({ ...model, having: { ...model.having, totalPrice: row } })}
          />
        </fieldset>
        <details>
          <summary>The request as JSON</summary>
          <pre class="segment-json">{JSON.stringify(body, null, 2)}</pre>
        </details>
        <form
          class="seg-row"
          aria-label="Save the segment"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label for="segment-name">Name</label>
          <input id="segment-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit">{segmentId ? 'Save changes' : 'Save segment'}</button>
          {segmentId ? (
            <button type="button" class="secondary" onClick={() => void remove()}>
              Delete
            </button>
          ) : null}
        </form>
        {saved ? <p role="status">{saved}</p> : null}
        <ProblemView problem={saveProblem} context="Not saved" />
      </section>
      <section aria-labelledby="answer-heading" aria-live="polite">
        <h2 id="answer-heading">Matching</h2>
        {bodyText !== settled || answer.loading ? <p aria-busy="true">Counting…</p> : null}
        <ProblemView problem={answer.error} context="The segment was refused" />
        {!body.filter ? <p>Add a condition to see the counts.</p> : null}
        {answer.data ? (
          <>
            <dl class="figures">
              <div>
                <dt>Orders</dt>
                <dd data-figure="orderCount">{count(answer.data.orderCount)}</dd>
              </div>
              <div>
                <dt>Contacts</dt>
                <dd data-figure="contactCount">{count(answer.data.contactCount)}</dd>
              </div>
            </dl>
            <table class="striped">
              <thead>
                <tr>
                  <th scope="col">Contact</th>
                  <th scope="col" class="num">
                    Orders
                  </th>
                  <th scope="col" class="num">
                    Total price
                  </th>
                </tr>
              </thead>
              <tbody>
                {answer.data.contacts.map((contact) => (
                  <tr key={contact.contactId}>
                    <td>
                      <a href={href(['contact', contact.contactId])}>{contact.contactId}</a>
                    </td>
                    <td class="num">{count(contact.orderCount)}</td>
                    <td class="num">{count(contact.totalPrice)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager
              page={{ offset: answer.data.offset, count: answer.data.count, totalCount: answer.data.contactCount }}
              onOffset={setOffset}
              label="Contact pages"
            />
          </>
        ) : null}
      </section>
    </div>
  );
}
