/**
 * Fencing of the distributed read side (see docs/distributed.md, "Fencing"). The projection's
 * checkpoint document carries a `generation`: a projector takes a new one when it starts (after
 * winning its lease) and a rebuild takes one before it swaps its collections in. Every write a
 * projector or rebuild makes carries its generation (its fencing token) and is conditional on it, so
 * MongoDB itself refuses the writes of a process that has lost its role, however late it wakes:
 * - documents: the update filter requires `fence` ≤ token (absent counts as 0) and the write sets `fence`;
 * - the checkpoint: its compare-and-set requires `generation` = token.
 */

/** Thrown when the checkpoint's generation is no longer ours: another projector or a rebuild took over. */
export class FencedError extends Error {
  constructor(
    readonly token: number,
    readonly current: number | undefined,
  ) {
    super(`fenced: this writer's generation ${token} was superseded (now ${String(current)}); another projector or a rebuild took over`);
    this.name = 'FencedError';
  }
}

/** The filter clause that refuses a write over a document written under a newer generation. */
export const fenceFilter = (token: number): { fence: { $not: { $gt: number } } } => ({ fence: { $not: { $gt: token } } });

/** The field a write stores (nothing for token 0: an unfenced writer such as a part under test). */
export const fenceFields = (token: number): { fence?: number } => (token > 0 ? { fence: token } : {});

/** The filter clause of a relink or order write: no newer link (by batch position) may be overwritten. */
export const linkFilter = (linkedAt: number): { linkedAt: { $not: { $gt: number } } } => ({ linkedAt: { $not: { $gt: linkedAt } } });
