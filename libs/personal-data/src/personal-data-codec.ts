import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import {
  CONTACT_KEY_FIELDS,
  CONTACT_STREAM_PREFIX,
  type ContactEntry,
  dataSubjectOf,
  ERASED,
  type Order,
  ORDER_STREAM_PREFIX,
  personalOrderPaths,
} from '@orders/domain';
import type { JsonObject } from '@orders/event-store';
import { getPath, withPaths } from './json-paths';
import type { DataSubject } from './subject-key-store.port';
import type { SubjectKeys } from './subject-keys';

/** Where an event's sealed personal fields are kept in its stored data. */
export const SEALED_FIELD = '$personal';

/** The personal fields of one data subject in one event: their paths in clear, their values encrypted. */
export interface SealedFields {
  /** data subject id (its key is in the key store) */
  s: string;
  /** dotted paths into the event's data, in the order of the encrypted array */
  p: string[];
  /** AES-256-GCM: 12-byte IV and ciphertext + 16-byte tag, base64 */
  iv: string;
  ct: string;
}

interface EventLike {
  type: string;
  data: JsonObject;
}

const IV_BYTES = 12;
/** random bytes for IVs, drawn 12 at a time and refilled when used up: one call into OpenSSL per 341 seals */
const ivPool = Buffer.alloc(IV_BYTES * 341);
let ivOffset = ivPool.length;

/**
 * A fresh random IV (a copy: the pool is refilled in place). `randomBytes(12)` per seal was 1.8 % of the
 * request thread's CPU under registration load (bench profile, 2026-12-06): its cost is the call, not the bytes.
 * Every IV is taken from the CSPRNG's output once, as with separate calls.
 */
export function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + IV_BYTES));
  ivOffset += IV_BYTES;
  return iv;
}

/** subject name → paths, for one event */
type Plan = Map<string, string[]>;

function planOf(streamId: string, event: EventLike): Plan | null {
  const plan: Plan = new Map();
  const add = (subject: string, path: string): void => {
    const paths = plan.get(subject);
    if (paths) paths.push(path);
    else plan.set(subject, [path]);
  };
  if (streamId.startsWith(ORDER_STREAM_PREFIX) && (event.type === 'OrderRegistered' || event.type === 'OrderReplaced')) {
    const order = event.data.order as Order | undefined;
    if (!order?.contact) return null;
    const subject = dataSubjectOf(order.contact.matchKeyType, order.contact.matchKey);
    for (const path of personalOrderPaths(order)) add(subject, `order.${path}`);
  } else if (streamId.startsWith(CONTACT_STREAM_PREFIX) && event.type === 'ContactSaved') {
    const { id, value } = event.data as { id: string; value?: ContactEntry };
    for (const [field, raw] of Object.entries(value ?? {})) {
      if (typeof raw !== 'string') continue;
      const type = CONTACT_KEY_FIELDS[field as keyof typeof CONTACT_KEY_FIELDS];
      add(type ? dataSubjectOf(type, raw) : dataSubjectOf('ContactId', id), `value.${field}`);
    }
  }
  return plan.size > 0 ? plan : null;
}

/**
 * The serialisation boundary of personal data (docs/personal-data.md): on append, the personal fields
 * of order and contact-register events are taken out of `data` and sealed per data subject with
 * AES-256-GCM (the subject id as associated data) under `data.$personal`; on read they are put back, or
 * read as `[erased]` when the subject's key is gone. Every other event passes untouched.
 */
export class PersonalDataCodec {
  constructor(readonly keys: SubjectKeys) {}

  /** the subjects (names) an event's personal fields belong to */
  subjectsOf(streamId: string, event: EventLike): string[] {
    return [...(planOf(streamId, event)?.keys() ?? [])];
  }

  async seal<E extends EventLike>(streamId: string, event: E): Promise<E> {
    const plan = planOf(streamId, event);
    if (!plan) return event;
    const subjects: DataSubject[] = [];
    for (const subjectName of plan.keys()) subjects.push(await this.keys.subjectFor(subjectName));
    return sealWith(event, plan, subjects);
  }

  /**
   * seal() without a promise, when every subject of the event is known at once (SubjectKeys.knownSubject:
   * cached, or read on this thread); undefined when one is not (a new subject): seal() then waits for it.
   * The append path of a registration by a known customer so takes no await.
   */
  sealNow<E extends EventLike>(streamId: string, event: E): E | undefined {
    const plan = planOf(streamId, event);
    if (!plan) return event;
    const subjects: DataSubject[] = [];
    for (const subjectName of plan.keys()) {
      const subject = this.keys.knownSubject(subjectName);
      if (!subject) return undefined;
      subjects.push(subject);
    }
    return sealWith(event, plan, subjects);
  }

  async open<E extends EventLike>(event: E): Promise<E> {
    const sealed = sealedOf(event);
    if (!sealed) return event;
    const keys: (Buffer | null)[] = [];
    for (const fields of sealed) keys.push(await this.keys.keyOf(fields.s));
    return openWith(event, sealed, keys);
  }

  /**
   * open() without a promise, when every key the event needs is known at once (cached, or read on this
   * thread); undefined when one is not. Throws as open() does for a ciphertext that does not authenticate.
   */
  openNow<E extends EventLike>(event: E): E | undefined {
    const sealed = sealedOf(event);
    if (!sealed) return event;
    const keys: (Buffer | null)[] = [];
    for (const fields of sealed) {
      const key = this.keys.knownKey(fields.s);
      if (key === undefined) return undefined;
      keys.push(key);
    }
    return openWith(event, sealed, keys);
  }
}

/** the event with its personal fields sealed per subject (`subjects` in the order of the plan's entries) */
function sealWith<E extends EventLike>(event: E, plan: Plan, subjects: readonly DataSubject[]): E {
  const sealed: SealedFields[] = [];
  const removed: [string, undefined][] = [];
  let index = 0;
  for (const paths of plan.values()) {
    const subject = subjects[index++]!;
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', subject.key, iv).setAAD(Buffer.from(subject.id));
    const plain = Buffer.from(JSON.stringify(paths.map((path) => getPath(event.data, path))));
    const ct = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    sealed.push({ s: subject.id, p: paths, iv: iv.toString('base64'), ct: ct.toString('base64') });
    for (const path of paths) removed.push([path, undefined]);
  }
  const data = withPaths(event.data, removed);
  data[SEALED_FIELD] = sealed;
  return { ...event, data };
}

const sealedOf = (event: EventLike): SealedFields[] | undefined => {
  const sealed = event.data[SEALED_FIELD] as SealedFields[] | undefined;
  return Array.isArray(sealed) ? sealed : undefined;
};

/** the event with its sealed fields put back (`keys` in the order of `sealed`; null: erased, read as ERASED) */
function openWith<E extends EventLike>(event: E, sealed: readonly SealedFields[], keys: readonly (Buffer | null)[]): E {
  const restored: [string, unknown][] = [[SEALED_FIELD, undefined]];
  sealed.forEach((fields, index) => {
    const key = keys[index]!;
    const values = key && decrypt(fields, key);
    fields.p.forEach((path, i) => restored.push([path, values ? values[i] : ERASED]));
  });
  return { ...event, data: withPaths(event.data, restored) };
}

/** the values; a ciphertext that does not authenticate is corruption and throws */
function decrypt(fields: SealedFields, key: Buffer): unknown[] {
  const bytes = Buffer.from(fields.ct, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(fields.iv, 'base64')).setAAD(Buffer.from(fields.s));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString()) as unknown[];
}
