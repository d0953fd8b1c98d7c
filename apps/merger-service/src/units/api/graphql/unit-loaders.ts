import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { ChildrenRequest, LinkedUnit, UnitPage, UnitPageQuery } from '../../application/ports';
import { UnitRepository } from '../../application/ports';
import { type AdministrativeUnit, type UnitKey, type UnitLevel, unitKeyString } from '../../domain/unit';

/** Per-request batches: one query per field kind per tick, whatever the number of parent nodes. */
export class UnitLoaders {
  readonly byKey: DataLoader<UnitKey, AdministrativeUnit | null, string>;
  readonly successors: DataLoader<UnitKey, LinkedUnit[], string>;
  readonly predecessors: DataLoader<UnitKey, LinkedUnit[], string>;
  private readonly children = new Map<string, DataLoader<ChildrenRequest, UnitPage, string>>();

  constructor(private readonly units: UnitRepository) {
    this.byKey = new DataLoader(
      async (keys) => {
        const found = new Map((await units.findByKeys([...keys])).map((u) => [unitKeyString(u), u]));
        return keys.map((k) => found.get(unitKeyString(k)) ?? null);
      },
      { cacheKeyFn: unitKeyString },
    );
    this.successors = new DataLoader((keys) => units.successorsOf([...keys]), { cacheKeyFn: unitKeyString });
    this.predecessors = new DataLoader((keys) => units.predecessorsOf([...keys]), { cacheKeyFn: unitKeyString });
  }

  /** Children pages share a batch when they ask for the same level and page window. */
  childrenPage(request: ChildrenRequest, level: UnitLevel | undefined, page: UnitPageQuery): Promise<UnitPage> {
    const batchKey = JSON.stringify([level ?? null, page.first, page.afterCode]);
    let loader = this.children.get(batchKey);
    if (!loader) {
      loader = new DataLoader((requests) => this.units.childrenOf([...requests], level, page), {
        cacheKeyFn: (r) => `${unitKeyString(r.parent)}|${r.asOf}`,
      });
      this.children.set(batchKey, loader);
    }
    return loader.load(request);
  }
}

@Injectable()
export class UnitLoaderFactory {
  private readonly perRequest = new WeakMap<object, UnitLoaders>();

  constructor(private readonly units: UnitRepository) {}

  /** The loaders of one GraphQL request, keyed by its context object. */
  for(context: object): UnitLoaders {
    let loaders = this.perRequest.get(context);
    if (!loaders) {
      loaders = new UnitLoaders(this.units);
      this.perRequest.set(context, loaders);
    }
    return loaders;
  }
}
