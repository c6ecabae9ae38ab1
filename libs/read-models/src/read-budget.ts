/** The per-query time budget of long reads (segment queries): one error whatever the store. */
export interface ReadContext {
  /** whose slots and budget the read counts against: the API key's name ('' when none) */
  caller?: string;
}

/** The default time budget of one long read, in ms (SEGMENT_QUERY_BUDGET_MS). */
export const DEFAULT_QUERY_BUDGET_MS = 2000;

/**
 * A long read did not finish within its budget and was stopped (SQLite: its worker terminated;
 * MongoDB: `maxTimeMS`). `queued`: it waited for a pool slot the whole budget and never ran.
 */
export class QueryBudgetExceededError extends Error {
  override readonly name = 'QueryBudgetExceededError';

  constructor(
    readonly budgetMs: number,
    readonly stage: 'queued' | 'running',
  ) {
    super(`the query exceeded its time budget of ${budgetMs} ms (${stage === 'queued' ? 'waiting for a read slot' : 'running'})`);
  }
}
