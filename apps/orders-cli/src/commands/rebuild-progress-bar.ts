import { Format, type Options, type Params, Presets, SingleBar } from 'cli-progress';

export interface BarProgress {
  phase: string;
  position: number;
  head: number;
  eventsPerSecond: number;
}

interface Payload {
  eps: number;
  phase: string;
  /** set just before the last frame is drawn */
  final?: boolean;
}

/**
 * The time part of a frame. cli-progress's own `{eta_formatted}` prints its placeholders through its time
 * format — 'NULL' as `LLs`, 'INF' as `NFs` — whenever no rate is known (no progress in its window, e.g.
 * at the head while swapping): here an unknown ETA is left out, and the last frame says how long it took.
 */
function timing(params: Params, payload: Payload, options: Options): string {
  const elapsed = `${Format.TimeFormat(Math.round((Date.now() - params.startTime) / 1000), options, 1)} elapsed`.trim();
  if (payload.final || params.value >= params.total) return elapsed;
  const eta = params.eta as unknown;
  return typeof eta === 'number' && Number.isFinite(eta) ? `ETA ${Format.TimeFormat(eta, options, 5).trim()}` : elapsed;
}

/** One frame: bar, percentage, processed/total positions, events/s, ETA (or time taken) and phase. */
export const rebuildFrame =
  (unit: string) =>
  (options: Options, params: Params, payload: Payload): string =>
    `rebuilding ${Format.BarFormat(params.progress, options)} ${Math.floor(params.progress * 100)}% | ` +
    `${params.value}/${params.total} ${unit} | ${payload.eps} events/s | ${timing(params, payload, options)} | ${payload.phase}`;

/** The rebuild's progress bar (cli-progress, on stderr; drawn only on a terminal). */
export class RebuildProgressBar {
  private readonly bar: SingleBar;
  private started = false;

  constructor(
    private readonly enabled: boolean,
    unit: string,
    stream: NodeJS.WritableStream = process.stderr,
  ) {
    this.bar = new SingleBar({ format: rebuildFrame(unit), etaBuffer: 50, stream }, Presets.shades_classic);
  }

  update(p: BarProgress): void {
    if (!this.enabled) return;
    const payload: Payload = { eps: Math.round(p.eventsPerSecond), phase: p.phase };
    if (!this.started) {
      this.bar.start(Math.max(p.head, 1), p.position, payload);
      this.started = true;
    }
    this.bar.setTotal(Math.max(p.head, 1));
    this.bar.update(p.position, payload);
  }

  /** Draws the last frame (time taken instead of an ETA) and ends the line. */
  stop(): void {
    if (this.started) {
      this.bar.update({ final: true });
      this.bar.stop();
    }
    this.started = false;
  }
}
