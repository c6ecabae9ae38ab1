import type { JsonObject, RecordedEvent } from '../event-store.port';

/**
 * Brings the data of one event type from `fromVersion` to `fromVersion + 1`. Pure: no I/O, no clock;
 * it never changes its input. Once shipped, an upcaster is never edited: a new shape gets a new step.
 */
export interface EventUpcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: JsonObject): JsonObject;
}

/** Events written without `metadata.schemaVersion` are read as this version (the first one ever recorded). */
export const DEFAULT_SCHEMA_VERSION = 1;

/** `(type, schemaVersion) → next version` steps, applied on read until an event has today's shape. */
export interface UpcasterRegistry {
  /** the version `type` is upcast to (the highest reachable); DEFAULT_SCHEMA_VERSION when none is registered */
  currentVersion(type: string): number;
  /** the event in today's shape; the very same object when nothing applies */
  upcast(event: RecordedEvent): RecordedEvent;
}

export function createUpcasterRegistry(upcasters: readonly EventUpcaster[]): UpcasterRegistry {
  const steps = new Map<string, Map<number, EventUpcaster>>();
  for (const upcaster of upcasters) {
    if (!Number.isSafeInteger(upcaster.fromVersion) || upcaster.fromVersion < 0) {
      throw new RangeError(`upcaster ${upcaster.type}: fromVersion must be an integer >= 0`);
    }
    const byVersion = steps.get(upcaster.type) ?? new Map<number, EventUpcaster>();
    if (byVersion.has(upcaster.fromVersion)) throw new Error(`two upcasters for ${upcaster.type} v${upcaster.fromVersion}`);
    steps.set(upcaster.type, byVersion.set(upcaster.fromVersion, upcaster));
  }
  const current = new Map<string, number>();
  for (const [type, byVersion] of steps) {
    let version = Math.min(...byVersion.keys());
    while (byVersion.has(version)) version++;
    if (version - Math.min(...byVersion.keys()) !== byVersion.size) throw new Error(`upcasters of ${type} leave a gap`);
    current.set(type, Math.max(version, DEFAULT_SCHEMA_VERSION));
  }
  return {
    currentVersion: (type) => current.get(type) ?? DEFAULT_SCHEMA_VERSION,
    upcast(event) {
      const byVersion = steps.get(event.type);
      if (!byVersion) return event;
      let version = event.metadata.schemaVersion ?? DEFAULT_SCHEMA_VERSION;
      let step = byVersion.get(version);
      if (!step) return event;
      let data = event.data;
      while (step) {
        data = step.upcast(data);
        version++;
        step = byVersion.get(version);
      }
      return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
    },
  };
}
