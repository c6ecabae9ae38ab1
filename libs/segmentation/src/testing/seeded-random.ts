import { type Random, seededRandom } from '@orders/demo-data';

/** The seeded PRNG of @orders/demo-data with the helpers the generators need; the same seed gives the same data. */
export class SeededRandom {
  private readonly random: Random;

  constructor(readonly seed: number) {
    this.random = seededRandom(seed);
  }

  next(): number {
    return this.random();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** a multiple of 0.25 in [0, max]: exact in binary floating point, so sums agree in any order */
  quarters(max: number): number {
    return this.int(0, max * 4) / 4;
  }

  /** the same text with random letter casing */
  recase(text: string): string {
    return [...text].map((ch) => (this.chance(0.5) ? ch.toUpperCase() : ch.toLowerCase())).join('');
  }
}
