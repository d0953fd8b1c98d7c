import type { AdministrativeUnit, UnitLink } from '../../units/domain/unit';

/** Port: the registry's provinces, districts, communes and links, loaded set-based for the address index. */
export abstract class AddressIndexSource {
  abstract load(): Promise<{ units: AdministrativeUnit[]; links: UnitLink[] }>;
  /** Changes whenever the registry's versions or links change (so the index is rebuilt). */
  abstract generation(): Promise<string>;
}
