export { MongoSubjectKeyStore, SUBJECTS_COLLECTION } from './mongo-subject-key-store';
