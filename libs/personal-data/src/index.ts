export * from './subject-key-store.port';
export * from './subject-keys';
export * from './personal-data-codec';
export * from './personal-data-event-store';
export { SqliteSubjectKeyStore, SUBJECT_KEYS_FILE } from './sqlite/sqlite-subject-key-store';
export { encryptSqliteEvents, type EncryptEventsResult } from './sqlite/encrypt-sqlite-events';
