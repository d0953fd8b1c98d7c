import { Band } from './scorecard';
import { toHundredths } from './points';

/** The band a (rounded) total falls in, or null: not recognised. Bands are assumed valid. */
export function bandOf(bands: readonly Band[], total: number): Band | null {
  const t = toHundredths(total);
  return bands.find((band) => t >= toHundredths(band.min) && (band.maxInclusive ? t <= toHundredths(band.max) : t < toHundredths(band.max))) ?? null;
}
