import { randomBytes, randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { type DataSubject, KEY_BYTES, type SubjectKeyStore } from '../subject-key-store.port';

export const SUBJECTS_COLLECTION = 'personal_data_subjects';
const SECRET_ID = '$lookup-secret';

interface SubjectDocument {
  _id: string;
  /** `erased:<_id>` once erased */
  lookup?: string;
  /** base64, absent once erased */
  key?: string;
  createdAt: string;
  erasedAt?: string;
}

const bytes = (base64: string): Buffer => Buffer.from(base64, 'base64');
const newKey = (): string => randomBytes(KEY_BYTES).toString('base64');

/**
 * Subject keys in a MongoDB collection (the read models' database; docs/personal-data.md). The lookup is
 * unique (an erased subject's is a tombstone of its own id), so two instances
 * creating the subject of one e-mail at once get the same one. Erasing unsets the key and replaces the lookup.
 */
export class MongoSubjectKeyStore implements SubjectKeyStore {
  private readonly subjects: Collection<SubjectDocument>;

  constructor(db: Db) {
    this.subjects = db.collection<SubjectDocument>(SUBJECTS_COLLECTION);
  }

  async prepare(): Promise<void> {
    await this.subjects.createIndexes([{ key: { lookup: 1 }, name: 'by_lookup', unique: true }]);
  }

  async lookupSecret(): Promise<Buffer> {
    const doc = await this.subjects.findOneAndUpdate(
      { _id: SECRET_ID },
      { $setOnInsert: { key: newKey(), createdAt: new Date().toISOString() } },
      { upsert: true, returnDocument: 'after' },
    );
    return bytes(doc!.key!);
  }

  async subjectFor(lookup: string): Promise<DataSubject> {
    const found = await this.subjects.findOne({ lookup });
    if (found?.key) return { id: found._id, key: bytes(found.key) };
    const created: SubjectDocument = { _id: randomUUID(), lookup, key: newKey(), createdAt: new Date().toISOString() };
    try {
      await this.subjects.insertOne(created);
      return { id: created._id, key: bytes(created.key!) };
    } catch (error) {
      // another instance created the subject of this lookup first (unique index): take theirs
      if ((error as { code?: unknown }).code !== 11000) throw error;
      const theirs = await this.subjects.findOne({ lookup });
      if (!theirs?.key) throw error;
      return { id: theirs._id, key: bytes(theirs.key) };
    }
  }

  async keyOf(subjectId: string): Promise<Buffer | null> {
    if (subjectId === SECRET_ID) return null;
    const doc = await this.subjects.findOne({ _id: subjectId });
    return doc?.key ? bytes(doc.key) : null;
  }

  async erase(lookups: readonly string[], erasedAt: string): Promise<string[]> {
    const ids: string[] = [];
    for (const lookup of lookups) {
      const doc = await this.subjects.findOne({ lookup });
      if (!doc) continue;
      // the lookup becomes a tombstone of the subject's own (unique, meaningless): the same key next time is a new subject
      await this.subjects.updateOne({ _id: doc._id, lookup }, { $unset: { key: '' }, $set: { erasedAt, lookup: `erased:${doc._id}` } });
      ids.push(doc._id);
    }
    return ids;
  }

  async close(): Promise<void> {}
}
