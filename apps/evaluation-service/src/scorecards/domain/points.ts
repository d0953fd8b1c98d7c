/**
 * Points are kept to 2 decimals everywhere (indicator, criterion, group, total), computed in
 * whole hundredths so sums never drift (0.1 + 0.2 is 0.3 here) and a level never depends on
 * float noise at a band edge.
 */

/** Whole hundredths of a point, rounded half away from zero. */
export function toHundredths(points: number): number {
  return Math.sign(points) * Math.round(Math.abs(points) * 100 + 1e-9);
}

export function fromHundredths(hundredths: number): number {
  return hundredths / 100;
}

export function roundPoints(points: number): number {
  return fromHundredths(toHundredths(points));
}

/** Sum of already rounded points, exactly. */
export function sumPoints(points: readonly number[]): number {
  return fromHundredths(points.reduce((sum, p) => sum + toHundredths(p), 0));
}

export function samePoints(a: number, b: number): boolean {
  return toHundredths(a) === toHundredths(b);
}
