import { afterEach, describe, expect, it } from 'vitest';
import { type AutomationStore, deliveryState, type EndpointRow, type NewDelivery } from '../automation-store.port';

/** A store on fresh data, and a second store on the same data (as another instance would open it). */
export interface AutomationStoreFixture {
  store: AutomationStore;
  another(): Promise<AutomationStore>;
  cleanup(): Promise<void>;
}

const delivery = (id: string, endpointId: string, orderId: string, triggerId = `t-${id}`): NewDelivery => ({
  id,
  endpointId,
  orderId,
  triggerId,
  action: 'ConfirmOrder',
  body: `{"id":"${id}"}`,
});

const endpoint = (id: string, createdAtMs: number, actions: string[] | null = null): EndpointRow => ({
  id,
  url: `http://127.0.0.1:1/${id}`,
  secret: 's'.repeat(16),
  actions: actions === null ? null : JSON.stringify(actions),
  created_at_ms: createdAtMs,
});

/** The AutomationStore contract: every adapter must pass it (SQLite file, MongoDB fake and server). */
export function describeAutomationStoreContract(name: string, open: () => Promise<AutomationStoreFixture>): void {
  describe(`AutomationStore contract: ${name}`, () => {
    const fixtures: AutomationStoreFixture[] = [];
    afterEach(async () => {
      for (const fixture of fixtures.splice(0)) await fixture.cleanup();
    });
    const fresh = async (): Promise<AutomationStoreFixture> => {
      const fixture = await open();
      fixtures.push(fixture);
      await fixture.store.prepare();
      return fixture;
    };
    const heads = async (store: AutomationStore, now = 1_000) => (await store.dueHeads(now, 100)).map((d) => d.id);

    it('offers only the oldest pending delivery per endpoint and order', async () => {
      const { store } = await fresh();
      await store.enqueue(
        'd',
        [delivery('a1', 'e1', 'A'), delivery('a2', 'e1', 'A'), delivery('b1', 'e1', 'B'), delivery('a1-e2', 'e2', 'A', 't-a1')],
        5,
        1_000,
      );
      expect(await heads(store)).toEqual(['a1', 'b1', 'a1-e2']);
      await store.markDelivered('a1', 1_000);
      expect(await heads(store)).toEqual(['a2', 'b1', 'a1-e2']);
      expect(await store.checkpoint('d')).toBe(5);
      expect(await store.delivery('a1')).toMatchObject({ status: 'delivered', attempts: 1, delivered_at: new Date(1_000).toISOString() });
      expect(await store.dueHeads(1_000, 2)).toHaveLength(2);
    });

    it('erasing rewrites the bodies of every delivery of the given orders, delivered or not, and of no other', async () => {
      const { store } = await fresh();
      await store.enqueue('d', [delivery('a1', 'e1', 'A'), delivery('a2', 'e1', 'A'), delivery('b1', 'e1', 'B')], 5, 1_000);
      await store.markDelivered('a1', 1_000);
      expect(await store.eraseBodies(['A', 'C'], (body) => body.replace(/"id":"[^"]*"/, '"id":"[erased]"'))).toBe(2);
      expect((await store.delivery('a1'))?.body).toBe('{"id":"[erased]"}');
      expect((await store.delivery('a2'))?.body).toBe('{"id":"[erased]"}');
      expect((await store.delivery('b1'))?.body).toBe('{"id":"b1"}');
    });

    it('lanes keep the order of enqueueing across batches', async () => {
      const { store } = await fresh();
      await store.enqueue('d', [delivery('x1', 'e1', 'A')], 1, 1_000);
      await store.enqueue('d', [delivery('x2', 'e1', 'A'), delivery('y1', 'e1', 'B')], 2, 1_000);
      await store.enqueue('d', [delivery('x3', 'e1', 'A')], 3, 1_000);
      const order: string[] = [];
      for (let round = 0; round < 5; round += 1) {
        for (const head of await store.dueHeads(1_000, 100)) {
          order.push(head.id);
          await store.markDelivered(head.id, 1_000);
        }
      }
      expect(order).toEqual(['x1', 'y1', 'x2', 'x3']);
      expect((await store.delivery('x3'))!.seq).toBeGreaterThan((await store.delivery('x2'))!.seq);
    });

    it('a failing head holds its lane until due again; a dead letter frees the lane and can be put back', async () => {
      const { store } = await fresh();
      await store.enqueue('d', [delivery('a1', 'e1', 'A'), delivery('a2', 'e1', 'A')], 2, 1_000);
      await store.markFailed('a1', 'HTTP 503', 2_000);
      expect(await heads(store, 1_500)).toEqual([]);
      expect(await heads(store, 2_000)).toEqual(['a1']);
      expect(await store.nextDueAt()).toBe(1_000);
      await store.markFailed('a1', 'HTTP 503', null);
      expect(await store.deadLetters(0, 10)).toMatchObject({
        totalCount: 1,
        items: [{ id: 'a1', attempts: 2, last_error: 'HTTP 503', status: 'dead' }],
      });
      expect(await heads(store, 2_000)).toEqual(['a2']);
      expect(await store.retryDeadLetter('a1', 3_000)).toBe(true);
      expect(await store.retryDeadLetter('a1', 3_000)).toBe(false);
      expect(await store.delivery('a1')).toMatchObject({ status: 'pending', attempts: 0, next_attempt_at_ms: 3_000 });
      expect(await heads(store, 3_000)).toEqual(['a1']);
    });

    it('dead letters page oldest first; errors are cut to 500 characters', async () => {
      const { store } = await fresh();
      await store.enqueue(
        'd',
        ['d1', 'd2', 'd3'].map((id) => delivery(id, 'e1', id)),
        1,
        1_000,
      );
      for (const id of ['d1', 'd2', 'd3']) await store.markFailed(id, 'x'.repeat(600), null);
      const page = await store.deadLetters(1, 1);
      expect(page.totalCount).toBe(3);
      expect(page.items.map((d) => d.id)).toEqual(['d2']);
      expect(page.items[0]!.last_error).toHaveLength(500);
      expect(JSON.parse(page.items[0]!.body)).toEqual({ id: 'd2' });
      expect(await store.nextDueAt()).toBeNull();
    });

    it('enqueueing the same trigger for the same endpoint again keeps the first delivery (and its id); the checkpoint never moves back', async () => {
      const { store } = await fresh();
      expect(await store.checkpoint('d')).toBe(0);
      await store.enqueue('d', [delivery('first', 'e1', 'A', 't-1')], 7, 1_000);
      await store.enqueue('d', [delivery('second', 'e1', 'A', 't-1'), delivery('other', 'e2', 'A', 't-1')], 3, 1_000);
      expect(await heads(store)).toEqual(['first', 'other']);
      expect(await store.delivery('second')).toBeUndefined();
      expect(await store.checkpoint('d')).toBe(7);
      await store.enqueue('d', [], 9, 1_000);
      expect(await store.checkpoint('d')).toBe(9);
    });

    it('endpoints: added, listed oldest first, removed once; removing cancels what it has not received', async () => {
      const { store } = await fresh();
      await store.addEndpoint(endpoint('e2', 20, ['ConfirmOrder']));
      await store.addEndpoint(endpoint('e1', 10));
      expect((await store.endpoints()).map((e) => e.id)).toEqual(['e1', 'e2']);
      expect(await store.endpoint('e2')).toEqual(endpoint('e2', 20, ['ConfirmOrder']));
      expect(await store.endpoint('nope')).toBeUndefined();
      await store.enqueue('d', [delivery('a1', 'e1', 'A'), delivery('a2', 'e1', 'A'), delivery('b1', 'e2', 'B')], 1, 1_000);
      await store.markDelivered('a1', 1_000);
      await store.markFailed('a2', 'HTTP 500', null);
      expect(await store.removeEndpoint('e1')).toBe(true);
      expect(await store.removeEndpoint('e1')).toBe(false);
      expect(await heads(store)).toEqual(['b1']);
      expect((await store.delivery('a1'))?.status).toBe('delivered');
      expect((await store.delivery('a2'))?.status).toBe('cancelled');
      expect((await store.deadLetters(0, 10)).totalCount).toBe(0);
      expect((await store.endpoints()).map((e) => e.id)).toEqual(['e2']);
    });

    it('a claim takes a pending, due delivery until it expires or the attempt is recorded', async () => {
      const { store } = await fresh();
      await store.enqueue('d', [delivery('a1', 'e1', 'A'), delivery('a2', 'e1', 'A')], 1, 1_000);
      expect(await store.claim('a1', 999, 5_000)).toBeNull(); // not due yet
      expect(await store.claim('a1', 1_000, 5_000)).toMatchObject({ id: 'a1', attempts: 0, status: 'pending' });
      expect(await store.claim('a1', 1_000, 5_000)).toBeNull();
      expect(await heads(store, 4_999)).toEqual([]); // claimed: not due, and it still holds its lane
      expect(await heads(store, 5_000)).toEqual(['a1']); // the claim expired (the worker died)
      await store.markFailed('a1', 'timeout', 6_000);
      expect(await store.claim('a1', 5_999, 9_000)).toBeNull();
      expect(await store.claim('a1', 6_000, 9_000)).toMatchObject({ id: 'a1', attempts: 1 });
      await store.markDelivered('a1', 6_000);
      expect(await store.claim('a1', 9_000, 12_000)).toBeNull();
      expect(await store.claim('missing', 9_000, 12_000)).toBeNull();
    });

    it('a delivery whose endpoint is gone can be cancelled; only pending deliveries are', async () => {
      const { store } = await fresh();
      await store.enqueue('d', [delivery('a1', 'gone', 'A'), delivery('a2', 'gone', 'A')], 1, 1_000);
      await store.markDelivered('a1', 1_000);
      await store.cancel('a1');
      await store.cancel('a2');
      expect((await store.delivery('a1'))?.status).toBe('delivered');
      expect((await store.delivery('a2'))?.status).toBe('cancelled');
      expect(await heads(store)).toEqual([]);
    });

    it('two claimers (two instances) never get the same delivery', async () => {
      const { store, another } = await fresh();
      const other = await another();
      const ids = Array.from({ length: 20 }, (_, i) => `c${i}`);
      await store.enqueue(
        'd',
        ids.map((id) => delivery(id, 'e1', id)),
        1,
        1_000,
      );
      const claims = await Promise.all(ids.flatMap((id) => [store.claim(id, 1_000, 60_000), other.claim(id, 1_000, 60_000)]));
      const won = claims.filter((claim) => claim !== null).map((claim) => claim!.id);
      expect(won.sort()).toEqual([...ids].sort());
    });

    it('lists deliveries newest first, by state (pending, retrying, delivered, dead, cancelled), endpoint and order, paged', async () => {
      const { store } = await fresh();
      await store.enqueue(
        'd',
        [
          delivery('p1', 'e1', 'A'),
          delivery('r1', 'e1', 'B'),
          delivery('ok', 'e1', 'C'),
          delivery('x1', 'e2', 'D'),
          delivery('c1', 'gone', 'E'),
        ],
        1,
        1_000,
      );
      await store.markFailed('r1', 'HTTP 503', 5_000);
      await store.markDelivered('ok', 1_000);
      await store.markFailed('x1', 'timeout', null);
      await store.cancel('c1');
      const ids = async (filter: Parameters<AutomationStore['deliveries']>[0], offset = 0, count = 10) => {
        const page = await store.deliveries(filter, offset, count);
        return [page.totalCount, page.items.map((d) => d.id)];
      };
      expect(await ids({})).toEqual([5, ['c1', 'x1', 'ok', 'r1', 'p1']]);
      expect(await ids({}, 1, 2)).toEqual([5, ['x1', 'ok']]);
      expect(await ids({ state: 'pending' })).toEqual([1, ['p1']]);
      expect(await ids({ state: 'retrying' })).toEqual([1, ['r1']]);
      expect(await ids({ state: 'delivered' })).toEqual([1, ['ok']]);
      expect(await ids({ state: 'dead' })).toEqual([1, ['x1']]);
      expect(await ids({ state: 'cancelled' })).toEqual([1, ['c1']]);
      expect(await ids({ endpointId: 'e1' })).toEqual([3, ['ok', 'r1', 'p1']]);
      expect(await ids({ endpointId: 'e1', orderId: 'B', state: 'retrying' })).toEqual([1, ['r1']]);
      expect(await ids({ orderId: 'nope' })).toEqual([0, []]);
      const [retrying] = (await store.deliveries({ state: 'retrying' }, 0, 1)).items;
      expect(retrying).toMatchObject({ attempts: 1, last_error: 'HTTP 503', next_attempt_at_ms: 5_000 });
      expect(deliveryState(retrying!)).toBe('retrying');
      expect(await store.retryDeadLetter('x1', 6_000)).toBe(true);
      expect(await ids({ state: 'pending' })).toEqual([2, ['x1', 'p1']]);
    });

    it('prunes settled deliveries older than the cut-off: delivered by delivery time, cancelled by enqueueing; never pending or dead', async () => {
      const { store } = await fresh();
      const day = 86_400_000;
      await store.enqueue(
        'd',
        ['old-ok', 'new-ok', 'pending', 'dead', 'cancelled', 'retrying'].map((id) => delivery(id, 'e1', id)),
        1,
        1 * day,
      );
      await store.markDelivered('old-ok', 2 * day);
      await store.markDelivered('new-ok', 9 * day);
      await store.markFailed('dead', 'HTTP 500', null);
      await store.markFailed('retrying', 'timeout', 20 * day);
      await store.cancel('cancelled');
      expect(await store.pruneSettled(8 * day, 1)).toBe(1);
      expect(await store.pruneSettled(8 * day, 100)).toBe(1);
      expect(await store.pruneSettled(8 * day, 100)).toBe(0);
      const left = (await store.deliveries({}, 0, 10)).items.map((d) => d.id).sort();
      expect(left).toEqual(['dead', 'new-ok', 'pending', 'retrying']);
    });

    it('another instance sees endpoints, deliveries and the checkpoint at once', async () => {
      const { store, another } = await fresh();
      const other = await another();
      await store.addEndpoint(endpoint('e1', 1));
      await store.enqueue('d', [delivery('a1', 'e1', 'A')], 4, 1_000);
      expect((await other.endpoints()).map((e) => e.id)).toEqual(['e1']);
      expect(await other.checkpoint('d')).toBe(4);
      expect(await heads(other)).toEqual(['a1']);
      await other.markDelivered('a1', 1_000);
      expect(await heads(store)).toEqual([]);
    });
  });
}
