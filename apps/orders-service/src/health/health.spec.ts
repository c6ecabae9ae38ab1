import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore } from '@orders/event-store';
import { PROJECTION_STORE, type SqliteReadModels } from '@orders/read-models';
import { StorageFaultError } from '@orders/event-store';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageFaults } from '../infrastructure/storage-faults';
import { loadConfig } from '../config/app-config';
import { createApp } from '../create-app';

let app: NestFastifyApplication | undefined;
let dataDir: string | undefined;

/** The whole app in-process, projector off so that the test decides what the read side has seen. */
async function start(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  dataDir = mkdtempSync(join(tmpdir(), 'orders-health-'));
  app = await createApp(
    loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', PROJECTOR_ENABLED: 'false', ADMIN_API_KEY: 'health-test-key-0123456789', ...env }),
  );
  await app.init();
  return app;
}

const get = async (path: string) => {
  const answer = await app!.getHttpAdapter().getInstance().inject({ method: 'GET', url: path });
  return { status: answer.statusCode, body: answer.json() };
};

const appendOrderEvent = (store: EventStore, orderId: string) =>
  store.appendToStream(`order-${orderId}`, [{ id: crypto.randomUUID(), type: 'Probe', data: {} }], { expectedRevision: 'any' });

afterEach(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  app = undefined;
});

describe('GET /health/live', () => {
  it('answers 200 without an API key, outside /api/v3', async () => {
    await start();

    expect(await get('/health/live')).toMatchObject({ status: 200, body: { status: 'ok', info: { process: { status: 'up' } } } });
    expect((await get('/api/v3/health/live')).status).toBe(404);
  });
});

describe('GET /health/ready', () => {
  it('answers 200 with each check when both stores answer and the projector keeps up', async () => {
    await start();

    expect(await get('/health/ready')).toStrictEqual({
      status: 200,
      body: expect.objectContaining({
        status: 'ok',
        details: {
          eventStore: { status: 'up', headPosition: 0 },
          readStore: { status: 'up', checkpoint: 0 },
          projectorLag: { status: 'up', lag: 0, maxLag: 1000 },
          storage: { status: 'up' },
        },
      }),
    });
  });

  it('answers 503 when the projector is more than READY_MAX_LAG events behind', async () => {
    const started = await start({ READY_MAX_LAG: '1' });
    const store = started.get<EventStore>(EVENT_STORE);
    await appendOrderEvent(store, 'a');
    expect((await get('/health/ready')).status).toBe(200);

    await appendOrderEvent(store, 'b');
    const answer = await get('/health/ready');

    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ status: 'error', error: { projectorLag: { status: 'down', lag: 2, maxLag: 1 } } });
  });

  it('answers 503 naming the event store when it is unreachable', async () => {
    const started = await start();
    await started.get<EventStore>(EVENT_STORE).close();

    const answer = await get('/health/ready');

    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      status: 'error',
      error: { eventStore: { status: 'down', message: expect.any(String) }, projectorLag: { status: 'down' } },
      info: { readStore: { status: 'up' } },
    });
  });

  it('answers 503 naming storage while a write has failed and the probe finds the store still not writable, and recovers by itself', async () => {
    const started = await start();
    const faults = started.get(StorageFaults);
    faults.record('appends', new StorageFaultError('unavailable', 'events', 'attempt to write a readonly database'));
    const events = join(dataDir!, 'events.sqlite');
    renameSync(events, `${events}.away`); // the probe: the event file is not writable where it should be

    const down = await get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      error: {
        storage: { status: 'down', message: expect.stringMatching(/not writable/), faults: [{ source: 'appends', kind: 'unavailable' }] },
      },
    });

    renameSync(`${events}.away`, events);
    expect(await get('/health/ready')).toMatchObject({
      status: 200,
      body: { details: { storage: { status: 'up', recovered: ['appends'] } } },
    });
    expect(faults.current()).toStrictEqual([]);
    expect((await get('/health/ready')).body.details.storage).toStrictEqual({ status: 'up' });
  });

  it('answers 503 naming the read store when it is unreachable', async () => {
    const started = await start();
    await started.get<SqliteReadModels>(PROJECTION_STORE).close();

    const answer = await get('/health/ready');

    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ error: { readStore: { status: 'down' } }, info: { eventStore: { status: 'up' } } });
    expect((await get('/health/live')).status).toBe(200);
  });
});
