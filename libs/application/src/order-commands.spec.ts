import { encodeVersionTag, type OrderCommand, type OrderInput, orderStreamId } from '@orders/domain';
import { describe, expect, it } from 'vitest';
import { memoryEventStores } from './testing/memory-event-store';
import { ApplicationError } from './application-error';
import { type CommandMeta, OrderCommands } from './order-commands';

const openStore = memoryEventStores();

function setup() {
  const store = openStore();
  // two executors on one store act like two processes: separate per-order queues, one log
  return { store, executor: new OrderCommands(store), other: new OrderCommands(store) };
}

const order = (orderId: string, totalPrice = 10): OrderInput =>
  ({
    orderId,
    contact: { matchKey: 'c-1', matchKeyType: 'ContactId' },
    status: 'InProgress',
    currencyCode: 'SEK',
    totalPrice,
    lineItems: { items: [{ quantity: 1, article: { sku: 'A' }, totalPrice }] },
  }) as unknown as OrderInput;

const register = (orderId: string, totalPrice = 10): OrderCommand => ({ type: 'RegisterOrder', order: order(orderId, totalPrice) });
const status = (orderId: string, externalStatus: string): OrderCommand => ({ type: 'ChangeOrderStatus', orderId, externalStatus });
const meta = (extra: Partial<CommandMeta> = {}): CommandMeta => ({ correlationId: 'c', apiKeyName: 'shop', ...extra });

const rejection = async (promise: Promise<unknown>): Promise<ApplicationError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationError);
  return error as ApplicationError;
};

describe('OrderCommands: idempotency', () => {
  it('a retried register returns the original change and writes nothing', async () => {
    const { store, executor } = setup();
    const first = await executor.execute('o-1', register('o-1'), meta({ idempotencyKey: 'k' }));
    const retry = await executor.execute('o-1', register('o-1'), meta({ idempotencyKey: 'k', correlationId: 'other' }));
    expect(retry).toEqual(first);
    expect(await store.readStream(orderStreamId('o-1'))).toHaveLength(1);
    expect((await rejection(executor.execute('o-1', register('o-1'), meta()))).code).toBe('ORDER_ALREADY_EXISTS');
  });

  it('another body, operation or order under the same key is 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const { store, executor } = setup();
    await executor.execute('o-1', register('o-1'), meta({ idempotencyKey: 'k' }));
    expect((await rejection(executor.execute('o-1', register('o-1', 20), meta({ idempotencyKey: 'k' })))).code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect((await rejection(executor.execute('o-1', status('o-1', 'x'), meta({ idempotencyKey: 'k' })))).code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect((await rejection(executor.execute('o-2', register('o-2'), meta({ idempotencyKey: 'k' })))).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await store.readAll()).toHaveLength(1);
  });

  it('the same key of another API key is another request', async () => {
    const { executor } = setup();
    await executor.execute('o-1', register('o-1'), meta());
    const mine = await executor.execute('o-1', status('o-1', 'x'), meta({ idempotencyKey: 'k' }));
    const theirs = await executor.execute('o-1', status('o-1', 'x'), meta({ idempotencyKey: 'k', apiKeyName: 'pos' }));
    expect(theirs.revision).toBe(mine.revision + 1);
  });

  it('concurrent duplicates from two processes: one write, one job', async () => {
    const { store, executor, other } = setup();
    await executor.execute('o-1', register('o-1'), meta());
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? executor : other).execute('o-1', status('o-1', 'x'), meta({ idempotencyKey: 'dup' }))),
    );
    expect(new Set(answers.map((a) => a.jobId)).size).toBe(1);
    expect(await store.readStream(orderStreamId('o-1'))).toHaveLength(2);
  });

  it('concurrent different bodies under one key from two processes: one is accepted, the other 422', async () => {
    const { store, executor, other } = setup();
    await executor.execute('o-1', register('o-1'), meta());
    const settled = await Promise.allSettled([
      executor.execute('o-1', status('o-1', 'a'), meta({ idempotencyKey: 'race' })),
      other.execute('o-1', status('o-1', 'b'), meta({ idempotencyKey: 'race' })),
    ]);
    expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failed = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await store.readStream(orderStreamId('o-1'))).toHaveLength(2);
  });
});

describe('OrderCommands: registration without Idempotency-Key', () => {
  it('appends without reading the stream; a second registration of the order (another process) is still 409', async () => {
    const { store, executor, other } = setup();
    const reads: string[] = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId, options) => (reads.push(streamId), readStream(streamId, options));

    expect((await executor.execute('o-1', register('o-1'), meta())).revision).toBe(0);
    expect(reads).toEqual([]);

    expect((await rejection(other.execute('o-1', register('o-1', 20), meta()))).code).toBe('ORDER_ALREADY_EXISTS');
    expect(reads).toEqual([orderStreamId('o-1')]); // only the conflict's fallback read
    expect((await rejection(other.execute('o-1', { type: 'RegisterOrder', order: { orderId: 'o-1' } } as never, meta()))).code).toBe(
      'VALIDATION_FAILED',
    );
    expect(await store.readStream(orderStreamId('o-1'))).toHaveLength(1);
  });
});

describe('OrderCommands: If-Match', () => {
  it('applies only at the named version; register ignores it; an unknown order stays 404', async () => {
    const { store, executor } = setup();
    await executor.execute('o-1', register('o-1'), meta({ ifMatch: '"nonsense"' }));
    await executor.execute('o-1', status('o-1', 'a'), meta({ ifMatch: `"${encodeVersionTag('o-1', 0)}"` }));
    const stale = await rejection(executor.execute('o-1', status('o-1', 'b'), meta({ ifMatch: `"${encodeVersionTag('o-1', 0)}"` })));
    expect(stale).toMatchObject({ code: 'PRECONDITION_FAILED', currentVersionTag: encodeVersionTag('o-1', 1) });
    expect((await rejection(executor.execute('o-9', status('o-9', 'b'), meta({ ifMatch: '"x"' })))).code).toBe('ORDER_NOT_FOUND');
    expect(await store.readStream(orderStreamId('o-1'))).toHaveLength(2);
  });
});

describe('OrderCommands: executeAt', () => {
  it('writes only while the stream is at the expected revision, and says how many events it appended', async () => {
    const { store, executor } = setup();
    const created = await executor.executeAt('o-1', register('o-1'), meta(), null);
    expect(created).toEqual({ change: { orderId: 'o-1', revision: 0, jobId: expect.any(String) }, events: 1 });
    expect(await executor.executeAt('o-1', register('o-1', 20), meta(), null)).toBeNull();
    expect(await executor.executeAt('o-1', status('o-1', 'x'), meta(), 5)).toBeNull();
    expect((await executor.executeAt('o-1', status('o-1', 'x'), meta(), 0))?.change.revision).toBe(1);
    expect(await store.readStream(orderStreamId('o-1'))).toHaveLength(2);
  });

  it('a command the domain refuses is its application error, not a skip', async () => {
    const { executor } = setup();
    const refused = executor.executeAt('o-1', { type: 'RegisterOrder', order: { orderId: 'o-1' } as unknown as OrderInput }, meta(), null);
    expect((await rejection(refused)).code).toBe('VALIDATION_FAILED');
  });
});

describe('OrderCommands: E7 action', () => {
  it('refuses an unresolved contact, a stale versionTag and an unknown order with their codes; appends the action otherwise', async () => {
    const { store, executor } = setup();
    await executor.execute('o-1', register('o-1'), meta());
    const tag = encodeVersionTag('o-1', 0);
    const act = (orderId: string, versionTag: string, known: boolean) =>
      executor.requestAction(orderId, { action: 'ConfirmOrder', versionTag }, meta(), async () => known);

    expect((await rejection(act('o-1', tag, false))).code).toBe('ORDER_HAS_NO_CONTACT');
    expect((await rejection(act('o-1', encodeVersionTag('o-1', 7), true))).code).toBe('VERSION_TAG_MISMATCH');
    expect((await rejection(act('o-9', tag, true))).code).toBe('ORDER_NOT_FOUND');
    expect((await rejection(executor.requestAction('o-1', { action: 1, versionTag: tag }, meta(), async () => true))).errors).toBeDefined();
    expect((await act('o-1', tag, true)).revision).toBe(1);
    expect((await store.readStream(orderStreamId('o-1')))[1]).toMatchObject({ type: 'OrderActionRequested', data: { version: 0 } });
  });
});
