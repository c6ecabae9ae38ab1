/**
 * The event-sourced registers (contacts, articles, stores) share one small shape: a stream per entry
 * (`<prefix><id>`) holding `<Kind>Saved` (the whole entry, upsert) and `<Kind>Deleted` events.
 * Pure: fold and decide only; the adapters read and append.
 */
export interface RegisterKind {
  /** stream-id prefix, e.g. `contact-` */
  prefix: string;
  saved: string;
  deleted: string;
}

export interface RegisterEvent<T> {
  type: string;
  data: { id: string; value?: T };
}

export interface RegisterState<T> {
  /** current entry, or null when absent or deleted */
  value: T | null;
  /** last stream revision, null when there is no stream */
  revision: number | null;
}

export const registerStreamId = (kind: RegisterKind, id: string): string => `${kind.prefix}${id}`;

/** The entry after `events`, folded on from `from` (default: no stream). */
export function foldRegister<T>(
  kind: RegisterKind,
  events: Iterable<{ type: string; data: unknown; revision: number }>,
  from: RegisterState<T> = { value: null, revision: null },
): RegisterState<T> {
  let state = from;
  for (const event of events) {
    const data = event.data as RegisterEvent<T>['data'];
    if (event.type === kind.saved && data.value !== undefined) state = { value: data.value, revision: event.revision };
    else if (event.type === kind.deleted) state = { value: null, revision: event.revision };
    else state = { ...state, revision: event.revision };
  }
  return state;
}

/** Saving an entry equal to the current one writes nothing (a PUT retried is harmless). */
export function decideSave<T>(kind: RegisterKind, state: RegisterState<T>, id: string, value: T): RegisterEvent<T>[] {
  if (state.value !== null && sameJson(state.value, value)) return [];
  return [{ type: kind.saved, data: { id, value } }];
}

/** Null when there is nothing to delete. */
export function decideDelete<T>(kind: RegisterKind, state: RegisterState<T>, id: string): RegisterEvent<T>[] | null {
  return state.value === null ? null : [{ type: kind.deleted, data: { id } }];
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value as object)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
