import { afterEach, describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from './event-store.port';
import { MappingEventStore } from './mapping-event-store';
import { openTempStore } from './sqlite/temp-store';
import { newEvent } from './testing';

/** maps at once (an array) or later (a promise), as a subclass chooses per call; refuses events typed 'Bad' */
class Tagging extends MappingEventStore {
  later = false;
  protected override mapAppended(_streamId: string, events: readonly NewEvent[]): NewEvent[] | Promise<NewEvent[]> {
    if (events.some((event) => event.type === 'Bad')) throw new Error('refused while mapping');
    const mapped = events.map((event) => ({ ...event, data: { ...event.data, tagged: this.later ? 'later' : 'now' } }));
    return this.later ? Promise.resolve(mapped) : mapped;
  }
  protected mapRecorded(events: RecordedEvent[]): RecordedEvent[] {
    return events;
  }
}

describe('MappingEventStore', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const open = async () => {
    const temp = await openTempStore({ pollIntervalMs: 20 });
    cleanups.push(temp.cleanup);
    return new Tagging(temp.store);
  };

  it('appends what mapAppended gives, whether at once or through a promise', async () => {
    const store = await open();
    await store.appendToStream('s-1', [newEvent('A')], { expectedRevision: 'no_stream' });
    store.later = true;
    await store.appendToStream('s-1', [newEvent('B')], { expectedRevision: 0 });
    expect((await store.readStream('s-1')).map((event) => event.data.tagged)).toEqual(['now', 'later']);
  });

  it('answers a throw of mapAppended, and a conflict of the wrapped store, as a rejected promise, never a throw', async () => {
    const store = await open();
    let refused: Promise<unknown> | undefined;
    expect(() => (refused = store.appendToStream('s-1', [newEvent('Bad')]))).not.toThrow();
    await expect(refused).rejects.toThrow('refused while mapping');
    await expect(store.appendToStream('s-1', [newEvent('A')], { expectedRevision: 3 })).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
    });
    expect(await store.readStream('s-1')).toEqual([]);
  });
});
