import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  decideDelete,
  decideSave,
  foldRegister,
  readRegisterId,
  registerStreamId,
  type FieldErrors,
  type RegisterKind,
  type RegisterState,
} from '@orders/domain';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '@orders/event-store';
import { validationFailed } from '../common/problem/api-error';

const MAX_ATTEMPTS = 5;

/** Who asked; recorded in the event metadata. */
export interface RegisterMeta {
  correlationId: string;
  apiKeyName?: string;
}
export const REGISTER_EVENT_SCHEMA_VERSION = 1;

/** Decided register events as the event store takes them: a fresh id each, schema version and who asked in the metadata. */
export function registerEventsToAppend(events: readonly { type: string; data: object }[], meta: RegisterMeta) {
  return events.map((event) => ({
    id: randomUUID(),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { schemaVersion: REGISTER_EVENT_SCHEMA_VERSION, correlationId: meta.correlationId, ...(meta.apiKeyName ? { apiKeyName: meta.apiKeyName } : {}) },
  }));
}

/**
 * Reads and writes register streams (contacts, articles, stores): fold, decide, append with the exact
 * expected revision, re-decide on a conflict. Reads come from the stream, so a GET after a PUT
 * always sees it; the read models (contact index, register tables) follow through the projector.
 */
@Injectable()
export class RegisterStreams {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The id from the path, or a 400 naming `pathName`. */
  checkId(pathName: string, id: string): string {
    const errors: FieldErrors = {};
    const checked = readRegisterId(errors, pathName, id);
    if (checked === undefined) throw validationFailed(errors, `The ${pathName} in the path is not valid.`);
    return checked;
  }

  async read<T>(kind: RegisterKind, id: string): Promise<RegisterState<T>> {
    const events = await this.store.readStream(registerStreamId(kind, id));
    return foldRegister<T>(kind, events);
  }

  /** Saves the entry; `created` when there was none before. */
  async save<T>(kind: RegisterKind, id: string, value: T, meta: RegisterMeta): Promise<{ created: boolean }> {
    for (let attempt = 1; ; attempt++) {
      const state = await this.read<T>(kind, id);
      const events = decideSave(kind, state, id, value);
      if (await this.append(kind, id, state, events, meta, attempt)) return { created: state.value === null };
    }
  }

  /** False when there was nothing to delete. */
  async delete(kind: RegisterKind, id: string, meta: RegisterMeta): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const state = await this.read(kind, id);
      const events = decideDelete(kind, state, id);
      if (events === null) return false;
      if (await this.append(kind, id, state, events, meta, attempt)) return true;
    }
  }

  private async append(
    kind: RegisterKind,
    id: string,
    state: RegisterState<unknown>,
    events: { type: string; data: object }[],
    meta: RegisterMeta,
    attempt: number,
  ): Promise<boolean> {
    if (events.length === 0) return true;
    try {
      await this.store.appendToStream(registerStreamId(kind, id), registerEventsToAppend(events, meta), {
        expectedRevision: state.revision ?? 'no_stream',
      });
      return true;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt < MAX_ATTEMPTS) return false;
      throw error;
    }
  }
}
