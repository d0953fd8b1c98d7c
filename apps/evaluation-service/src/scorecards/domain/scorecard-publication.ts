import { Scorecard } from './scorecard';
import { ScorecardVersionFrozenError, ScorecardVersionNotNextError } from './scorecard-errors';
import { assertValidScorecard } from './validate-scorecard';

export type PublicationAction = 'CREATE' | 'REPLACE' | 'UNCHANGED';

export interface PublicationPlan {
  readonly action: PublicationAction;
  readonly scorecard: Scorecard;
}

/** Key order–independent JSON, so "the same content" does not depend on how it was typed. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sameScorecardContent(a: Scorecard, b: Scorecard): boolean {
  return canonical(a) === canonical(b);
}

/**
 * What publishing `candidate` does, given the published versions of the same code and the
 * versions a cycle already uses. A used version is frozen: the same content again is a no-op,
 * a different one is refused (publish version n+1 instead). An unused version may still be
 * replaced; a new version must be the next number.
 */
export function planPublication(candidate: Scorecard, published: readonly Scorecard[], versionsInUse: ReadonlySet<number>): PublicationPlan {
  assertValidScorecard(candidate);
  const sameCode = published.filter((s) => s.code === candidate.code);
  const existing = sameCode.find((s) => s.version === candidate.version);
  if (existing) {
    if (sameScorecardContent(existing, candidate)) return { action: 'UNCHANGED', scorecard: existing };
    if (versionsInUse.has(candidate.version)) throw new ScorecardVersionFrozenError(candidate.code, candidate.version);
    return { action: 'REPLACE', scorecard: candidate };
  }
  const next = nextVersionNumber(sameCode);
  if (candidate.version !== next) throw new ScorecardVersionNotNextError(candidate.code, candidate.version, next);
  return { action: 'CREATE', scorecard: candidate };
}

export function nextVersionNumber(versions: readonly Scorecard[]): number {
  return versions.reduce((max, s) => Math.max(max, s.version), 0) + 1;
}

/** A change to a version as the next version of it: same content with the edits, numbered n+1. */
export function asNextVersion(base: Scorecard, published: readonly Scorecard[], change: Partial<Omit<Scorecard, 'code' | 'version'>>): Scorecard {
  return { ...base, ...change, code: base.code, version: nextVersionNumber(published.filter((s) => s.code === base.code)) };
}
