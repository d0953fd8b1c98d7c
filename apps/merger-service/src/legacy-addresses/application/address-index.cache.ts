import { Injectable } from '@nestjs/common';
import { AddressIndex } from '../domain/address-index';
import { AddressIndexSource } from './address-index-source.port';

/** How long an index is used before the registry's generation is asked again. */
export const INDEX_CHECK_INTERVAL_MS = 2_000;

/**
 * The address index, built once from the registry and rebuilt when the registry changed (a plan
 * applied or reverted, a village created): asked at most every INDEX_CHECK_INTERVAL_MS.
 */
@Injectable()
export class AddressIndexCache {
  private index: AddressIndex | null = null;
  private generation: string | null = null;
  private checkedAt = 0;
  private building: Promise<AddressIndex> | null = null;

  constructor(private readonly source: AddressIndexSource) {}

  async current(): Promise<AddressIndex> {
    if (this.index && Date.now() - this.checkedAt < INDEX_CHECK_INTERVAL_MS) return this.index;
    this.building ??= this.refresh().finally(() => (this.building = null));
    return this.building;
  }

  private async refresh(): Promise<AddressIndex> {
    const generation = await this.source.generation();
    if (!this.index || generation !== this.generation) {
      const { units, links } = await this.source.load();
      this.index = new AddressIndex(units, links);
      this.generation = generation;
    }
    this.checkedAt = Date.now();
    return this.index;
  }
}
