import { Presets, SingleBar } from 'cli-progress';

export interface BarProgress {
  phase: string;
  position: number;
  head: number;
  eventsPerSecond: number;
}

/** The rebuild's progress bar (cli-progress): processed/total positions, events/s, ETA and phase. */
export class RebuildProgressBar {
  private readonly bar: SingleBar;
  private started = false;

  constructor(
    private readonly enabled: boolean,
    unit: string,
  ) {
    this.bar = new SingleBar(
      {
        format: `rebuilding {bar} {percentage}% | {value}/{total} ${unit} | {eps} events/s | ETA {eta_formatted} | {phase}`,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
  }

  update(p: BarProgress): void {
    if (!this.enabled) return;
    const payload = { eps: Math.round(p.eventsPerSecond), phase: p.phase };
    if (!this.started) {
      this.bar.start(Math.max(p.head, 1), p.position, payload);
      this.started = true;
    }
    this.bar.setTotal(Math.max(p.head, 1));
    this.bar.update(p.position, payload);
  }

  stop(): void {
    if (this.started) this.bar.stop();
    this.started = false;
  }
}
