import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  isStorageFault,
  type NewEvent,
  type StorageFaultKind,
} from '@orders/event-store';

export interface RecordedFault {
  /** who saw it: 'appends' (the API's writes), 'projector', 'dispatcher' */
  source: string;
  kind: StorageFaultKind;
  store: string;
  message: string;
  /** first failure since the source last wrote successfully (ISO time) */
  since: string;
}

/**
 * The last write outcome of each writer of this process, as far as storage faults go: a writer records
 * a StorageFaultError when a write fails and clears it when a write succeeds. Readiness fails while one
 * is recorded and its probe says the storage is still not writable (health/readiness.indicators.ts).
 */
export class StorageFaults {
  private readonly faults = new Map<string, RecordedFault>();

  /** Records `error` for `source` if it is a storage fault (anything else is not this class's business). */
  record(source: string, error: unknown): void {
    if (!isStorageFault(error)) return;
    const since = this.faults.get(source)?.since ?? new Date().toISOString();
    this.faults.set(source, { source, kind: error.kind, store: error.store, message: error.message, since });
  }

  /** `source` wrote successfully (or the probe says the storage is writable again: no source given). */
  clear(source?: string): void {
    if (source === undefined) this.faults.clear();
    else this.faults.delete(source);
  }

  current(): RecordedFault[] {
    return [...this.faults.values()];
  }
}

/** The event store as the API uses it, recording the outcome of every append in StorageFaults ('appends'). */
export class FaultRecordingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly faults: StorageFaults,
  ) {}

  // .then, not async / await: one promise per append on the request path instead of three
  appendToStream(streamId: string, events: readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, options).then(
      (result) => {
        this.faults.clear('appends');
        return result;
      },
      (error: unknown) => {
        this.faults.record('appends', error);
        throw error;
      },
    );
  }

  readStream: EventStore['readStream'] = (streamId, options) => this.inner.readStream(streamId, options);
  readAll: EventStore['readAll'] = (options) => this.inner.readAll(options);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  subscribeToAll: EventStore['subscribeToAll'] = (options, handler) => this.inner.subscribeToAll(options, handler);
  close: EventStore['close'] = () => this.inner.close();
}
