import DataLoader from 'dataloader';

/**
 * One set of DataLoaders per GraphQL request, created lazily by name. A page of 50 children then costs one query
 * per kind of related record, not one per child, and nothing is cached across requests (or users).
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  /**
   * Values a list read fetched with its page before their loader existed (see `prime`): handed to the loader when
   * it is created, and kept for `load` (no load can have given the loader another value for these keys).
   */
  private readonly given = new Map<string, Map<unknown, unknown>>();

  /**
   * What a field resolver asks for, given at once (not as a promise) when the page primed it and no loader held the
   * key before: a caseload page's 200 fields then resolve synchronously, without a promise and a microtask each.
   * Otherwise through the loader, as `get(name, batch).load(key)`.
   */
  load<K, V>(name: string, batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>, key: K): V | Promise<V> {
    const known = this.given.get(name);
    if (known?.has(key)) return known.get(key) as V;
    return this.get<K, V>(name, batch).load(key);
  }

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 }) as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
      const given = this.given.get(name);
      if (given) for (const [key, value] of given) loader.prime(key, value);
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
    let given = this.given.get(name);
    if (!given) this.given.set(name, (given = new Map()));
    if (!given.has(key)) given.set(key, value);
  }
}

/** What every resolver can find in its GraphQL context. */
export interface GraphqlContext {
  req: { id?: string; headers: Record<string, string | string[] | undefined>; ip?: string };
  loaders: RequestLoaders;
}

/** `fn` of the value, at once when it is there, else when the promise gives it (see `RequestLoaders.load`). */
export function thenMaybe<T, R>(value: T | Promise<T>, fn: (value: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}
