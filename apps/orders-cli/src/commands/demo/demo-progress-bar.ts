import { Presets, SingleBar } from 'cli-progress';

/** `demo load`'s progress bar (cli-progress, on stderr; drawn only on a terminal): entries done of all, and what is being written. */
export class DemoProgressBar {
  private readonly bar: SingleBar | null;

  constructor(enabled: boolean, total: number) {
    this.bar = enabled
      ? new SingleBar(
          { format: 'loading demo data {bar} {percentage}% | {value}/{total} entries | {phase} | ETA {eta_formatted}', etaBuffer: 100 },
          Presets.shades_classic,
        )
      : null;
    this.bar?.start(Math.max(total, 1), 0, { phase: 'contacts' });
  }

  tick(phase: string): void {
    this.bar?.increment(1, { phase });
  }

  stop(): void {
    this.bar?.stop();
  }
}
