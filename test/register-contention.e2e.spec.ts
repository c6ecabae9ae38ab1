import { describe, expect, it } from 'vitest';
import { readEventFile } from './support/event-file';
import { newOrderId } from './support/orders';
import { useService } from './support/service-process';

const ctx = useService();

/** The register kinds as the API names them: path, the stream prefix, and the i-th body a writer sends. */
const KINDS = [
  { path: 'stores', stream: 'store', body: (i: number) => ({ name: `Store ${i}`, country: 'SE' }) },
  { path: 'contacts', stream: 'contact', body: (i: number) => ({ email: `writer${i}@example.com`, firstName: `W${i}` }) },
  { path: 'articles', stream: 'article', body: (i: number) => ({ name: `Article ${i}`, attributes: { size: String(i) } }) },
] as const;

const WRITERS = 50;

describe('register writes under contention (issue 18 point 1)', () => {
  for (const kind of KINDS) {
    it(`${WRITERS} concurrent PUTs of one ${kind.stream}: every answer 200/201, the entry is one of the bodies, its history contiguous`, async () => {
      const { api, service } = ctx;
      const id = newOrderId(kind.stream);
      const bodies = Array.from({ length: WRITERS }, (_, i) => kind.body(i));
      const answers = await Promise.all(bodies.map((body) => api.put(`/api/v3/${kind.path}/${id}`, body)));
      const statuses = answers.map((answer) => answer.status);
      expect(
        statuses.filter((status) => status !== 200 && status !== 201),
        JSON.stringify(answers.map((a) => a.body)),
      ).toEqual([]);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);

      const current = await api.get(`/api/v3/${kind.path}/${id}`);
      expect(current.status).toBe(200);
      // one of the entries as the PUTs stored them (the answers echo them, normalised)
      expect(answers.map((answer) => answer.body)).toContainEqual(current.body);

      const events = readEventFile(service.dataDir).filter((event) => event.streamId.endsWith(`-${id}`));
      expect(events.length).toBeGreaterThan(0);
      expect(events.map((event) => event.revision)).toEqual(events.map((_, index) => index));
      // the last event is the entry the GET shows, and the ETag is its revision
      expect(current.headers.get('etag')).toBe(`"${events.length - 1}"`);
    });
  }
});

describe('If-Match on register writes', () => {
  it('GET gives the entry revision as ETag; PUT with it succeeds, a stale one is 412 PRECONDITION_FAILED with the current ETag', async () => {
    const { api } = ctx;
    const id = newOrderId('store');
    const created = await api.put(`/api/v3/stores/${id}`, { name: 'One' });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"0"');
    const read = await api.get(`/api/v3/stores/${id}`);
    expect(read.headers.get('etag')).toBe('"0"');

    const replaced = await api.put(`/api/v3/stores/${id}`, { name: 'Two' }, { 'if-match': '"0"' });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('etag')).toBe('"1"');

    const stale = await api.put(`/api/v3/stores/${id}`, { name: 'Three' }, { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect(stale.headers.get('etag')).toBe('"1"');
    expect((await api.get(`/api/v3/stores/${id}`)).body.name).toBe('Two');

    expect((await api.put(`/api/v3/stores/${id}`, { name: 'Any' }, { 'if-match': '*' })).status).toBe(200);
  });

  it('If-Match on an entry that does not exist is 412 (nothing to match), and nothing is created', async () => {
    const { api } = ctx;
    const id = newOrderId('article');
    const answer = await api.put(`/api/v3/articles/${id}`, { name: 'X', attributes: {} }, { 'if-match': '*' });
    expect(answer.status).toBe(412);
    expect(answer.body.code).toBe('PRECONDITION_FAILED');
    expect((await api.get(`/api/v3/articles/${id}`)).status).toBe(404);
  });

  it('DELETE of a contact honours If-Match: stale 412 (the contact stays), current 204', async () => {
    const { api } = ctx;
    const id = newOrderId('contact');
    await api.put(`/api/v3/contacts/${id}`, { email: 'a@example.com' });
    await api.put(`/api/v3/contacts/${id}`, { email: 'b@example.com' });
    const stale = await api.delete(`/api/v3/contacts/${id}`, { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect((await api.get(`/api/v3/contacts/${id}`)).status).toBe(200);
    expect((await api.delete(`/api/v3/contacts/${id}`, { 'if-match': '"1"' })).status).toBe(204);
    expect((await api.get(`/api/v3/contacts/${id}`)).status).toBe(404);
  });

  it('50 concurrent PUTs all sending the same If-Match: exactly one wins, the others are 412', async () => {
    const { api } = ctx;
    const id = newOrderId('store');
    await api.put(`/api/v3/stores/${id}`, { name: 'Base' });
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => api.put(`/api/v3/stores/${id}`, { name: `S${i}` }, { 'if-match': '"0"' })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(WRITERS - 1);
  });
});
