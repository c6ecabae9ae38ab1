export interface RebuildProgress {
  phase: 'replaying' | 'swapped';
  /** global position replayed so far */
  position: number;
  /** head of the log when last looked at */
  head: number;
  /** events applied by this run (a resumed run starts at 0) */
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
  /** estimated time left, from the position rate of this run; null until known */
  etaMs: number | null;
}

/**
 * A progress report of a rebuild that started at `startPosition` at time `started` (epoch ms) and has
 * applied `events` events; the ETA comes from the position rate of this run. Shared by the embedded
 * and the MongoDB rebuild.
 */
export function rebuildProgress<Phase extends string>(
  phase: Phase,
  run: { started: number; startPosition: number; events: number },
  position: number,
  head: number,
): Omit<RebuildProgress, 'phase'> & { phase: Phase } {
  const elapsedMs = Math.max(1, Date.now() - run.started);
  const covered = position - run.startPosition;
  return {
    phase,
    position,
    head,
    events: run.events,
    elapsedMs,
    eventsPerSecond: (run.events * 1000) / elapsedMs,
    etaMs: covered > 0 ? (Math.max(0, head - position) * elapsedMs) / covered : null,
  };
}
