import DataLoader from 'dataloader';

/**
 * One set of DataLoaders per GraphQL request, created lazily by name. A page of 50 children then costs one query
 * per kind of related record, not one per child, and nothing is cached across requests (or users).
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  /** Values a list read fetched with its page, for loaders not created yet (see `prime`). */
  private readonly primed = new Map<string, Map<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 }) as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
      const waiting = this.primed.get(name);
      if (waiting) {
        for (const [key, value] of waiting) loader.prime(key, value);
        this.primed.delete(name);
      }
    }
    return loader as DataLoader<K, V>;
  }

  /**
   * Gives a loader the value for a key ahead of time: a page read that fetched its rows' related records in the
   * same query primes them here, and the field resolvers, asking the loader as always, get them with no query.
   * A key already loaded keeps its value.
   */
  prime<K, V>(name: string, key: K, value: V): void {
    const loader = this.loaders.get(name);
    if (loader) {
      loader.prime(key, value);
      return;
    }
    let waiting = this.primed.get(name);
    if (!waiting) this.primed.set(name, (waiting = new Map()));
    if (!waiting.has(key)) waiting.set(key, value);
  }
}

/** What every resolver can find in its GraphQL context. */
export interface GraphqlContext {
  req: { id?: string; headers: Record<string, string | string[] | undefined>; ip?: string };
  loaders: RequestLoaders;
}
