/** A small seeded PRNG (mulberry32) with the helpers the generators need; the same seed gives the same data. */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
