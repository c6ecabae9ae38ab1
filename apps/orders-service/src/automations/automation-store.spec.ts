import { describe, expect, it } from 'vitest';
import { AutomationStore, type NewDelivery } from './automation-store';

const delivery = (id: string, endpointId: string, orderId: string, triggerId = `t-${id}`): NewDelivery => ({
  id,
  endpointId,
  orderId,
  triggerId,
  action: 'ConfirmOrder',
  body: `{"id":"${id}"}`,
});

const heads = (store: AutomationStore, now = 1_000) => store.dueHeads(now, 100).map((d) => d.id);

describe('automation outbox', () => {
  it('offers only the oldest pending delivery per endpoint and order', () => {
    const store = AutomationStore.open(':memory:');
    store.enqueue('d', [delivery('a1', 'e1', 'A'), delivery('a2', 'e1', 'A'), delivery('b1', 'e1', 'B'), delivery('a1-e2', 'e2', 'A', 't-a1')], 5, 1_000);
    expect(heads(store)).toEqual(['a1', 'b1', 'a1-e2']);
    store.markDelivered('a1', 1_000);
    expect(heads(store)).toEqual(['a2', 'b1', 'a1-e2']);
    expect(store.checkpoint('d')).toBe(5);
    store.close();
  });

  it('a failing head holds its lane until due again; a dead letter frees the lane and can be put back', () => {
    const store = AutomationStore.open(':memory:');
    store.enqueue('d', [delivery('a1', 'e1', 'A'), delivery('a2', 'e1', 'A')], 2, 1_000);
    store.markFailed('a1', 'HTTP 503', 2_000);
    expect(heads(store, 1_500)).toEqual([]);
    expect(heads(store, 2_000)).toEqual(['a1']);
    expect(store.nextDueAt()).toBe(1_000);
    store.markFailed('a1', 'HTTP 503', null);
    expect(store.deadLetters(0, 10)).toMatchObject({ totalCount: 1, items: [{ id: 'a1', attempts: 2, last_error: 'HTTP 503', status: 'dead' }] });
    expect(heads(store, 2_000)).toEqual(['a2']);
    expect(store.retryDeadLetter('a1', 3_000)).toBe(true);
    expect(store.retryDeadLetter('a1', 3_000)).toBe(false);
    expect(heads(store, 3_000)).toEqual(['a1']);
    store.close();
  });

  it('enqueueing the same trigger for the same endpoint again keeps the first delivery (and its id); the checkpoint never moves back', () => {
    const store = AutomationStore.open(':memory:');
    store.enqueue('d', [delivery('first', 'e1', 'A', 't-1')], 7, 1_000);
    store.enqueue('d', [delivery('second', 'e1', 'A', 't-1')], 3, 1_000);
    expect(heads(store)).toEqual(['first']);
    expect(store.checkpoint('d')).toBe(7);
    store.close();
  });

  it('removing an endpoint cancels what it has not received', () => {
    const store = AutomationStore.open(':memory:');
    store.addEndpoint({ id: 'e1', url: 'http://127.0.0.1:1/x', secret: 's'.repeat(16), actions: null, created_at_ms: 0 });
    store.enqueue('d', [delivery('a1', 'e1', 'A')], 1, 1_000);
    expect(store.removeEndpoint('e1')).toBe(true);
    expect(store.removeEndpoint('e1')).toBe(false);
    expect(heads(store)).toEqual([]);
    expect(store.delivery('a1')?.status).toBe('cancelled');
    store.close();
  });
});
