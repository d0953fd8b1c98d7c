/**
 * Duplicate detection (pure scoring). A new submission duplicates an open case when
 *  - the same petitioner (same blind-indexed ID number) raises similar content
 *    (accent-insensitive, normalised token Jaccard ≥ `contentThreshold`), or
 *  - it is FEEDBACK in the same category within `radiusMeters` of an earlier feedback,
 *    received within `windowDays`.
 * Duplicates are linked to the best match instead of opening a new case.
 */
import { daysBetween, toLocalDate } from '@xaso/calendar';
import type { GeoPoint, PetitionKind } from './petition.types';
import { foldVietnamese } from '@xaso/text';

export interface DuplicateCandidate {
  code: string;
  kind: PetitionKind;
  petitionerKeys: string[];
  content: string;
  title?: string;
  category?: string;
  location?: GeoPoint;
  receivedAt: Date;
}

export interface DuplicateProbe {
  kind: PetitionKind;
  petitionerKey?: string;
  content: string;
  title?: string;
  category?: string;
  location?: GeoPoint;
  receivedAt: Date;
}

export interface DuplicateOptions {
  contentThreshold: number;
  radiusMeters: number;
  windowDays: number;
}

export const DEFAULT_DUPLICATE_OPTIONS: DuplicateOptions = { contentThreshold: 0.6, radiusMeters: 100, windowDays: 30 };

export type DuplicateReason = 'SAME_PETITIONER_SIMILAR_CONTENT' | 'SAME_PLACE_AND_CATEGORY';

export interface DuplicateMatch {
  code: string;
  reason: DuplicateReason;
  /** 0..1: content similarity, or 1 − distance / radius for places. */
  score: number;
  distanceMeters?: number;
}

/** Vietnamese short words that carry no meaning for matching. */
const STOPWORDS = new Set([
  'va', 'la', 'cua', 'cho', 'voi', 'cac', 'nhung', 'mot', 'trong', 'tai', 'thi', 'ma', 'da', 'dang', 'se', 'duoc', 'bi', 'nay',
  'do', 'o', 'khi', 'de', 've', 'tu', 'den', 'co', 'khong', 'toi', 'chung', 'ong', 'ba', 'anh', 'chi', 'em', 'the', 'and', 'of',
  'to', 'a', 'an', 'in', 'is', 'on', 'for',
]);

/** Lower-case, strip Vietnamese diacritics (including đ), keep letters and digits. */
export function normalizeText(text: string): string {
  return foldVietnamese(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

export function tokenize(text: string): Set<string> {
  return new Set(
    normalizeText(text)
      .split(' ')
      .filter((t) => t.length > 0 && !STOPWORDS.has(t)),
  );
}

/** |A ∩ B| / |A ∪ B| over normalised tokens; 0 when both are empty. */
export function jaccard(a: string, b: string): number {
  const ta = tokenize(a);
  const tb = tokenize(b);
  if (ta.size === 0 && tb.size === 0) return 0;
  let inter = 0;
  for (const t of ta) if (tb.has(t)) inter++;
  return inter / (ta.size + tb.size - inter);
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

const sameCategory = (a?: string, b?: string) => !!a && !!b && normalizeText(a) === normalizeText(b);

/** All matches, best first (place matches and content matches are both scored 0..1). */
export function findDuplicates(
  probe: DuplicateProbe,
  candidates: readonly DuplicateCandidate[],
  options: Partial<DuplicateOptions> = {},
): DuplicateMatch[] {
  const o = { ...DEFAULT_DUPLICATE_OPTIONS, ...options };
  const probeText = `${probe.title ?? ''} ${probe.content}`;
  const matches: DuplicateMatch[] = [];
  for (const c of candidates) {
    if (probe.petitionerKey && c.petitionerKeys.includes(probe.petitionerKey)) {
      const score = jaccard(probeText, `${c.title ?? ''} ${c.content}`);
      if (score >= o.contentThreshold) {
        matches.push({ code: c.code, reason: 'SAME_PETITIONER_SIMILAR_CONTENT', score });
        continue;
      }
    }
    if (probe.kind === 'FEEDBACK' && c.kind === 'FEEDBACK' && probe.location && c.location && sameCategory(probe.category, c.category)) {
      const age = Math.abs(daysBetween(toLocalDate(c.receivedAt), toLocalDate(probe.receivedAt)));
      if (age > o.windowDays) continue;
      const d = distanceMeters(probe.location, c.location);
      if (d <= o.radiusMeters) {
        matches.push({ code: c.code, reason: 'SAME_PLACE_AND_CATEGORY', score: 1 - d / o.radiusMeters, distanceMeters: d });
      }
    }
  }
  return matches.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
}

/** The case to link to, if any. */
export function bestDuplicate(
  probe: DuplicateProbe,
  candidates: readonly DuplicateCandidate[],
  options: Partial<DuplicateOptions> = {},
): DuplicateMatch | undefined {
  return findDuplicates(probe, candidates, options)[0];
}
