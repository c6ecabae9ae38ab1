import {
  decideDelete,
  decideSave,
  type FieldErrors,
  foldRegister,
  readRegisterId,
  registerStreamId,
  type RegisterKind,
  type RegisterState,
} from '@orders/domain';
import type { EventStore } from '@orders/event-store';
import { validationFailed } from './application-error';
import { assertRegisterIfMatch } from './if-match';
import { type DecidedEvent, type StreamCommand, StreamCommandRunner } from './stream-command';

/** Who asked; recorded in the event metadata. */
export interface RegisterMeta {
  correlationId: string;
  apiKeyName?: string;
  /** raw `If-Match` of the request: the entry's revision (`"<revision>"`, its ETag) or `*` */
  ifMatch?: string;
}

/** The entry's revision after a write: its ETag (`"<revision>"`); null when there is no stream. */
export interface RegisterWrite {
  revision: number | null;
}

export const REGISTER_EVENT_SCHEMA_VERSION = 1;

/** The id from the path, or VALIDATION_FAILED naming `pathName`. */
export function checkRegisterId(pathName: string, id: string): string {
  const errors: FieldErrors = {};
  const checked = readRegisterId(errors, pathName, id);
  if (checked === undefined) throw validationFailed(errors, `The ${pathName} in the path is not valid.`);
  return checked;
}

/**
 * Reads and writes register streams (contacts, articles, stores) through the shared write loop: one
 * write per entry at a time in this process (last writer wins, in arrival order), If-Match checked
 * against the entry's revision, fold, decide, append with the exact expected revision, re-decide on a
 * conflict with another process (as often as for orders: each conflict means another writer won). Reads come from the stream, so a GET after a PUT always sees it; the read models
 * (contact index, register tables) follow through the projector.
 */
export class RegisterCommands {
  private readonly runner: StreamCommandRunner;

  constructor(private readonly store: EventStore) {
    this.runner = new StreamCommandRunner(store);
  }

  async read<T>(kind: RegisterKind, id: string): Promise<RegisterState<T>> {
    return foldRegister<T>(kind, await this.store.readStream(registerStreamId(kind, id)));
  }

  /** Saves the entry; `created` when there was none before. An unchanged entry writes nothing. */
  save<T>(kind: RegisterKind, id: string, value: T, meta: RegisterMeta): Promise<{ created: boolean } & RegisterWrite> {
    return this.run<T, { created: boolean } & RegisterWrite>(
      kind,
      id,
      meta,
      (state) => decideSave(kind, state, id, value),
      (state, revision) => ({ created: state.value === null, revision }),
    );
  }

  /** Creates the entry only when its stream does not exist (never overwrites, not even a deleted one): whether it did. */
  create<T>(kind: RegisterKind, id: string, value: T, meta: RegisterMeta): Promise<boolean> {
    return this.run<T, boolean>(
      kind,
      id,
      meta,
      (state) => (state.revision === null ? decideSave(kind, state, id, value) : []),
      (state) => state.revision === null,
    );
  }

  /** False when there was nothing to delete. */
  delete(kind: RegisterKind, id: string, meta: RegisterMeta): Promise<boolean> {
    return this.run<unknown, boolean>(
      kind,
      id,
      meta,
      (state) => decideDelete(kind, state, id) ?? [],
      (state) => state.value !== null,
    );
  }

  private run<T, R>(
    kind: RegisterKind,
    id: string,
    meta: RegisterMeta,
    decide: (state: RegisterState<T>) => DecidedEvent[],
    answer: (state: RegisterState<T>, revision: number | null) => R,
  ): Promise<R> {
    const command: StreamCommand<RegisterState<T>, R> = {
      streamId: registerStreamId(kind, id),
      fold: (recorded, from) => {
        const state = foldRegister<T>(kind, recorded, from?.state);
        return { state, revision: state.revision };
      },
      precondition: (state) => assertRegisterIfMatch(meta.ifMatch, state.value !== null, state.revision),
      decide,
      metadata: () => ({
        schemaVersion: REGISTER_EVENT_SCHEMA_VERSION,
        correlationId: meta.correlationId,
        ...(meta.apiKeyName ? { apiKeyName: meta.apiKeyName } : {}),
      }),
      // the entry's revision now: the last event appended, or the unchanged one
      accepted: (state, revision, events) => answer(state, events.length > 0 ? revision + events.length - 1 : state.revision),
    };
    return this.runner.run(command);
  }
}
