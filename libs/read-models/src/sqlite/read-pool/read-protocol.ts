/** What the read pool sends its workers and what they answer (structured-cloned over the port). */
export interface ReadRequest {
  kind: 'all';
  sql: string;
  params: readonly unknown[];
}

export type ReadReply = { id: number; ok: true; rows: unknown[] } | { id: number; ok: false; message: string; code?: string };

export interface ReadWorkerData {
  /** the SQLite file the worker opens read-only */
  file: string;
  /** added to the worker thread's nice value (Linux), so that the request thread wins the CPU */
  nice: number;
}
