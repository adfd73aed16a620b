import DataLoader from 'dataloader';

/**
 * One set of DataLoaders per GraphQL request, created lazily by name. A page of 50 children then costs one query
 * per kind of related record, not one per child, and nothing is cached across requests (or users).
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 }) as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** What every resolver can find in its GraphQL context. */
export interface GraphqlContext {
  req: { id?: string; headers: Record<string, string | string[] | undefined>; ip?: string };
  loaders: RequestLoaders;
}
