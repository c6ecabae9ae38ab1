import { CONTACT_REGISTER, registerStreamId } from '@orders/domain';
import { describe, expect, it } from 'vitest';
import { memoryEventStores } from './testing/memory-event-store';
import { checkRegisterId, REGISTER_EVENT_SCHEMA_VERSION, RegisterCommands } from './register-commands';

const openStore = memoryEventStores();

function given() {
  const store = openStore();
  return { store, registers: new RegisterCommands(store), other: new RegisterCommands(store) };
}

const meta = { correlationId: 'c', apiKeyName: 'shop' };
const stream = registerStreamId(CONTACT_REGISTER, 'c-1');

describe('RegisterCommands', () => {
  it('save creates, then replaces; an unchanged entry writes nothing (same revision); the metadata says who', async () => {
    const { store, registers } = given();

    expect(await registers.save(CONTACT_REGISTER, 'c-1', { email: 'a@b.se' }, meta)).toEqual({ created: true, revision: 0 });
    expect(await registers.save(CONTACT_REGISTER, 'c-1', { email: 'c@d.se' }, meta)).toEqual({ created: false, revision: 1 });
    expect(await registers.save(CONTACT_REGISTER, 'c-1', { email: 'c@d.se' }, meta)).toEqual({ created: false, revision: 1 });

    const events = await store.readStream(stream);
    expect(events.map((e) => e.type)).toEqual(['ContactSaved', 'ContactSaved']);
    expect(events[0]!.metadata).toEqual({ schemaVersion: REGISTER_EVENT_SCHEMA_VERSION, correlationId: 'c', apiKeyName: 'shop' });
    expect((await registers.read(CONTACT_REGISTER, 'c-1')).value).toEqual({ email: 'c@d.se' });
  });

  it('concurrent PUTs of one entry from two processes all succeed (each process queues its own; conflicts are re-decided)', async () => {
    const { store, registers, other } = given();

    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? registers : other).save(CONTACT_REGISTER, 'c-1', { email: `n${i}@b.se` }, meta)),
    );

    expect(answers.filter((a) => a.created)).toHaveLength(1);
    expect(await store.readStream(stream)).toHaveLength(6);
  });

  it('50 concurrent PUTs of one entry spread over five processes: all succeed, last writer wins, the stream is contiguous', async () => {
    const store = openStore();
    const processes = Array.from({ length: 5 }, () => new RegisterCommands(store));

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => processes[i % 5]!.save(CONTACT_REGISTER, 'c-1', { email: `n${i}@b.se` }, meta)),
    );

    expect(answers.filter((a) => a.created)).toHaveLength(1);
    const events = await store.readStream(stream);
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(answers.map((a) => a.revision).sort((a, b) => a! - b!)).toEqual(events.map((e) => e.revision));
  });

  it('If-Match: the current revision or * writes, a stale one or any on an absent entry is PRECONDITION_FAILED and writes nothing', async () => {
    const { store, registers } = given();
    const failed = (current?: string) => expect.objectContaining({ code: 'PRECONDITION_FAILED', currentVersionTag: current });

    await expect(registers.save(CONTACT_REGISTER, 'c-1', { email: 'a@b.se' }, { ...meta, ifMatch: '*' })).rejects.toEqual(failed());
    await registers.save(CONTACT_REGISTER, 'c-1', { email: 'a@b.se' }, meta);
    expect(await registers.save(CONTACT_REGISTER, 'c-1', { email: 'b@b.se' }, { ...meta, ifMatch: '"0"' })).toEqual({
      created: false,
      revision: 1,
    });
    await expect(registers.save(CONTACT_REGISTER, 'c-1', { email: 'c@b.se' }, { ...meta, ifMatch: '"0"' })).rejects.toEqual(failed('1'));
    await expect(registers.delete(CONTACT_REGISTER, 'c-1', { ...meta, ifMatch: 'W/"0", "7"' })).rejects.toEqual(failed('1'));
    await expect(registers.delete(CONTACT_REGISTER, 'c-1', { ...meta, ifMatch: 'nonsense' })).rejects.toEqual(failed('1'));
    expect(await registers.delete(CONTACT_REGISTER, 'c-1', { ...meta, ifMatch: '1' })).toBe(true);

    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['ContactSaved', 'ContactSaved', 'ContactDeleted']);
  });

  it('create writes only into a stream that does not exist, never over a saved or deleted entry', async () => {
    const { store, registers } = given();

    expect(await registers.create(CONTACT_REGISTER, 'c-1', { email: 'a@b.se' }, meta)).toBe(true);
    expect(await registers.create(CONTACT_REGISTER, 'c-1', { email: 'x@y.se' }, meta)).toBe(false);
    expect(await registers.delete(CONTACT_REGISTER, 'c-1', meta)).toBe(true);
    expect(await registers.create(CONTACT_REGISTER, 'c-1', { email: 'x@y.se' }, meta)).toBe(false);

    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['ContactSaved', 'ContactDeleted']);
  });

  it('delete is false when there is nothing to delete', async () => {
    const { registers } = given();

    expect(await registers.delete(CONTACT_REGISTER, 'c-1', meta)).toBe(false);
  });

  it('a path id that is not a register key is VALIDATION_FAILED naming the path parameter', () => {
    expect(checkRegisterId('contactId', 'c-1')).toBe('c-1');
    const refused = expect.objectContaining({ code: 'VALIDATION_FAILED', errors: { contactId: ['must not be blank'] } });
    expect(() => checkRegisterId('contactId', ' ')).toThrow(refused);
  });
});
