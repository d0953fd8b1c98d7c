import { Injectable } from '@nestjs/common';
import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import DataLoader from 'dataloader';
import { type LinkedUnit, UnitLinkRepository } from '../../application/unit-link.repository.port';
import { type ChildrenRequest, UnitListRepository } from '../../application/unit-list.repository.port';
import { UnitRepository } from '../../application/unit.repository.port';
import { type AdministrativeUnit, type UnitKey, type UnitLevel, unitKeyString } from '../../domain/unit';

type UnitSlice = KeysetSlice<AdministrativeUnit>;

/** Per-request batches: one query per field kind per tick, whatever the number of parent nodes. */
export class UnitLoaders {
  readonly byKey: DataLoader<UnitKey, AdministrativeUnit | null, string>;
  readonly successors: DataLoader<UnitKey, LinkedUnit[], string>;
  readonly predecessors: DataLoader<UnitKey, LinkedUnit[], string>;
  private readonly children = new Map<string, DataLoader<ChildrenRequest, UnitSlice, string>>();

  constructor(units: UnitRepository, links: UnitLinkRepository, private readonly lists: UnitListRepository) {
    this.byKey = new DataLoader(
      async (keys) => {
        const found = new Map((await units.findByKeys([...keys])).map((u) => [unitKeyString(u), u]));
        return keys.map((k) => found.get(unitKeyString(k)) ?? null);
      },
      { cacheKeyFn: unitKeyString },
    );
    this.successors = new DataLoader((keys) => links.successorsOf([...keys]), { cacheKeyFn: unitKeyString });
    this.predecessors = new DataLoader((keys) => links.predecessorsOf([...keys]), { cacheKeyFn: unitKeyString });
  }

  /** Children pages share a batch when they ask for the same level and page window. */
  childrenPage(request: ChildrenRequest, level: UnitLevel | undefined, page: KeysetPageRequest): Promise<UnitSlice> {
    const batchKey = JSON.stringify([level ?? null, page.first, page.after]);
    let loader = this.children.get(batchKey);
    if (!loader) {
      loader = new DataLoader((requests) => this.lists.childrenOf([...requests], level, page), {
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

  constructor(
    private readonly units: UnitRepository,
    private readonly links: UnitLinkRepository,
    private readonly lists: UnitListRepository,
  ) {}

  /** The loaders of one GraphQL request, keyed by its context object. */
  for(context: object): UnitLoaders {
    let loaders = this.perRequest.get(context);
    if (!loaders) {
      loaders = new UnitLoaders(this.units, this.links, this.lists);
      this.perRequest.set(context, loaders);
    }
    return loaders;
  }
}
