// The seeded stream every draw comes from, weighted tables over it, and names from faker's locale data.
import { Faker } from '@faker-js/faker';

/** Thin wrapper over the seeded faker stream: one float per draw keeps generation fast and deterministic. */
export class Random {
  constructor(private readonly faker: Faker) {}

  /** In [0, 1). */
  next(): number {
    return this.faker.number.float();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max <= min) return min;
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

export class WeightedTable<T> {
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(
    private readonly items: T[],
    weights: number[],
  ) {
    let sum = 0;
    this.cumulative = weights.map((w) => (sum += Math.max(w, 0)));
    this.total = sum;
    if (items.length === 0) throw new Error('weighted table needs at least one item');
  }

  static of<T>(pairs: [T, number][]): WeightedTable<T> {
    return new WeightedTable(
      pairs.map(([item]) => item),
      pairs.map(([, w]) => w),
    );
  }

  /** r in [0, 1). With all weights zero, picks uniformly. */
  pick(r: number): T {
    if (this.total <= 0) return this.items[Math.floor(r * this.items.length)];
    const target = r * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

/** Names from the seeded faker's locale data, read directly because the pattern-based helpers are slow at 100k. */
export class Names {
  private readonly male: readonly string[];
  private readonly female: readonly string[];
  private readonly surnames: readonly string[];

  constructor(
    faker: Faker,
    private readonly rng: Random,
  ) {
    const firstNames = faker.definitions.person.first_name;
    this.male = firstNames.male ?? firstNames.generic ?? [];
    this.female = firstNames.female ?? firstNames.generic ?? [];
    this.surnames = faker.definitions.person.last_name.generic ?? [];
    if (!this.male.length || !this.female.length || !this.surnames.length) throw new Error('faker locale lacks names');
  }

  first(sex: 'male' | 'female'): string {
    const list = sex === 'male' ? this.male : this.female;
    return list[this.rng.int(0, list.length - 1)];
  }

  last(): string {
    const a = this.surnames[this.rng.int(0, this.surnames.length - 1)];
    // About one in twenty double-barrelled (approximate).
    if (this.rng.next() >= 0.05) return a;
    return `${a}-${this.surnames[this.rng.int(0, this.surnames.length - 1)]}`;
  }
}
