import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storedOrder } from '@orders/domain/order.fixtures';
import { SqliteEventStore } from '@orders/event-store';
import { afterEach, describe, expect, it } from 'vitest';
import { PersonalDataCodec } from '../personal-data-codec';
import { PersonalDataEventStore } from '../personal-data-event-store';
import { SubjectKeys } from '../subject-keys';
import { encryptSqliteEvents } from './encrypt-sqlite-events';
import { SqliteSubjectKeyStore } from './sqlite-subject-key-store';

const EMAIL = 'old.customer@example.com';
const NAME = 'Oldtimer';

describe('encryptSqliteEvents', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('seals the plaintext of an old log in place: same events, same positions, nothing readable in the files; a second run seals nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'encrypt-events-'));
    dirs.push(dir);
    const file = join(dir, 'events.sqlite');
    // a log written before encryption: straight into the store, no codec
    const plain = SqliteEventStore.open({ file });
    const order = storedOrder({
      contact: { matchKeyType: 'Email', matchKey: EMAIL },
      billingAddress: { firstName: NAME, countryCode: 'SE' },
    });
    await plain.appendToStream('order-order-1', [
      { id: 'e1', type: 'OrderRegistered', data: { order } },
      { id: 'e2', type: 'OrderStatusChanged', data: { orderId: 'order-1', status: 'Completed' } },
    ]);
    await plain.appendToStream('contact-c1', [
      { id: 'e3', type: 'ContactSaved', data: { id: 'c1', value: { email: EMAIL, lastName: NAME } } },
    ]);
    const before = await plain.readAll();
    await plain.close();
    expect(readFileSync(file).includes(EMAIL)).toBe(true); // the search finds plaintext where there is some

    const keys = new SubjectKeys(SqliteSubjectKeyStore.open(join(dir, 'subject-keys.sqlite')));
    const codec = new PersonalDataCodec(keys);
    const progress: number[] = [];
    expect(await encryptSqliteEvents(file, codec, (done) => progress.push(done))).toEqual({ events: 3, sealed: 2 });
    expect(progress).toEqual([3]);
    for (const name of readdirSync(dir).filter((n) => n.startsWith('events'))) {
      const bytes = readFileSync(join(dir, name));
      expect(bytes.includes(EMAIL) || bytes.includes(NAME), name).toBe(false);
    }
    const store = new PersonalDataEventStore(SqliteEventStore.open({ file }), codec);
    expect(await store.readAll()).toEqual(before);
    expect(await encryptSqliteEvents(file, codec)).toEqual({ events: 3, sealed: 0 });
    await store.close();
    await keys.close();
  });
});
