import DataLoader from "dataloader";

/**
 * A family of DataLoaders, one per distinct set of field arguments (page size, cursor, filters),
 * made on first use within a request. Parents asking for the same arguments share one batch, so a
 * nested connection costs one query per level however many parents there are.
 */
export class KeyedLoaders<A, K, V> {
  private readonly loaders = new Map<string, DataLoader<K, V>>();

  constructor(private readonly make: (args: A) => DataLoader<K, V>) {}

  /** The loader for these arguments (compared by their JSON form). */
  for(args: A): DataLoader<K, V> {
    const id = JSON.stringify(args);
    let loader = this.loaders.get(id);
    if (!loader) this.loaders.set(id, (loader = this.make(args)));
    return loader;
  }
}
