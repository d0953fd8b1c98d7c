/**
 * How people write unit names in addresses, reduced to comparable keys. Pure.
 *
 * "Phường Bến Nghé", "P. Ben Nghe", "phuong ben nghe", "Bến Nghé" (composed or decomposed
 * Unicode, any case and spacing) all reduce to the core key "ben nghe" with the type Phường given
 * in full, abbreviated or not at all; "Quận 1", "Q1", "Q.1", "quan 01" to the core "1" under Quận.
 */
import { foldVietnamese, numberToken, wordKey } from '@xaso/text';

export type NameLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';

/** A type prefix as written: its folded tokens, the types it may stand for, full or abbreviated. */
interface Prefix {
  tokens: string[];
  /** With accents, for an input written with accents ("xã" is the prefix, "xà" is not). */
  accented: string[];
  types: string[];
  abbreviated: boolean;
}

const full = (accented: string, types: string[]): Prefix => ({
  tokens: foldVietnamese(accented).split(' '),
  accented: accented.toLowerCase().split(' '),
  types,
  abbreviated: false,
});
const abbr = (token: string, types: string[]): Prefix => ({ tokens: [token], accented: [token], types, abbreviated: true });

const PREFIXES: Record<NameLevel, Prefix[]> = {
  PROVINCE: [full('thành phố', ['Thành phố']), full('tỉnh', ['Tỉnh']), abbr('tp', ['Thành phố']), abbr('t', ['Tỉnh'])],
  DISTRICT: [
    full('thành phố', ['Thành phố']),
    full('thị xã', ['Thị xã']),
    full('quận', ['Quận']),
    full('huyện', ['Huyện']),
    abbr('tp', ['Thành phố']),
    abbr('tx', ['Thị xã']),
    abbr('q', ['Quận']),
    abbr('h', ['Huyện']),
  ],
  COMMUNE: [
    full('thị trấn', ['Thị trấn']),
    full('phường', ['Phường']),
    full('xã', ['Xã']),
    full('đặc khu', ['Đặc khu']),
    abbr('tt', ['Thị trấn']),
    abbr('p', ['Phường']),
    abbr('f', ['Phường']),
    abbr('x', ['Xã']),
  ],
};

/** Lower-case, NFC, punctuation as spaces, one space between words. Keeps the accents. */
export function accentKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[.,;:'’‘`"“”()\-–—_/\\]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Accent-free comparable key: "Phường  Bến Nghé" → "phuong ben nghe". */
export function foldKey(text: string): string {
  return wordKey(accentKey(text));
}


/** One way to read what was written: a core name, and the type prefix it started with (if read as one). */
export interface NameReading {
  core: string;
  /** The core with accents when the input had any (else null: accents unknown). */
  accentedCore: string | null;
  /** Types the prefix stands for; null when no prefix was read. */
  types: string[] | null;
  abbreviated: boolean;
  /** The input's whole text as a full name ("phuong ben nghe"), folded. */
  whole: string;
}

/**
 * Every reading of a written name at a level: as written (no prefix), and with a leading type
 * prefix taken off when there is one ("Q1" / "Q.1" / "Quận 1" → core "1", Quận). A word that
 * only looks like a prefix without its accents stays a possible name ("Xà Bang").
 */
export function readName(input: string, level: NameLevel): NameReading[] {
  // Wards are mostly unique in a file; districts and provinces repeat on every line.
  if (level === 'COMMUNE') return readNameOnce(input, level);
  const key = `${level}|${input}`;
  const known = READINGS.get(key);
  if (known) return known;
  if (READINGS.size >= MAX_REMEMBERED) READINGS.clear();
  const readings = readNameOnce(input, level);
  READINGS.set(key, readings);
  return readings;
}

/** Addresses repeat their districts and provinces: readings are remembered (bounded). */
const READINGS = new Map<string, NameReading[]>();
const MAX_REMEMBERED = 50_000;

function readNameOnce(input: string, level: NameLevel): NameReading[] {
  // Each word folded once: [written (lower-case, accents kept), folded].
  const words: [string, string][] = [];
  for (const token of accentKey(input).split(' ')) {
    if (!token) continue;
    const folded = foldVietnamese(token);
    // "q1", "p12", "tp1": an abbreviation glued to a number.
    const glued = GLUED.exec(folded);
    if (glued) words.push([glued[1], glued[1]], [glued[2], glued[2]]);
    else words.push([token, folded]);
  }
  if (words.length === 0) return [];
  const accented = words.map(([w]) => numberToken(w));
  const folded = words.map(([, f]) => numberToken(f));
  const marked = words.map(([w, f]) => w !== f);
  const anyAccents = marked.includes(true);
  const whole = folded.join(' ');
  // Written with accents anywhere, the words without marks are taken as written too ("Phường Sa Pa" is not Sa Pả).
  const readings: NameReading[] = [{ core: whole, accentedCore: anyAccents ? accented.join(' ') : null, types: null, abbreviated: false, whole }];
  for (const prefix of PREFIXES[level]) {
    const n = prefix.tokens.length;
    if (folded.length <= n || folded[0] !== prefix.tokens[0]) continue;
    if (!prefix.tokens.every((t, i) => folded[i] === t)) continue;
    // Written with accents, the prefix must be written right ("xà bang" is a name, "xã bang" a prefix).
    if (prefix.accented.some((t, i) => marked[i] && words[i][0] !== t)) continue;
    readings.push({
      core: folded.slice(n).join(' '),
      accentedCore: anyAccents ? accented.slice(n).join(' ') : null,
      types: prefix.types,
      abbreviated: prefix.abbreviated,
      whole,
    });
  }
  return readings;
}

const GLUED = /^(tp|tx|tt|q|p|f|h|x)(\d+)$/;

/** A unit's own name split into its type prefix and core ("Quận 1" → "1"; "Thành phố Thủ Đức" → "thu duc"). */
export function unitCore(name: string, type: string): { core: string; accentedCore: string } {
  const accented = accentKey(name).split(' ');
  const typeTokens = accentKey(type).split(' ');
  const startsWithType = typeTokens.every((t, i) => accented[i] === t) && accented.length > typeTokens.length;
  const coreTokens = startsWithType ? accented.slice(typeTokens.length) : accented;
  return { core: coreTokens.map((t) => numberToken(foldVietnamese(t))).join(' '), accentedCore: coreTokens.map(numberToken).join(' ') };
}

/** Common names of provinces that are not their registry name (folded) → province code on 2025-06-30. */
export const PROVINCE_ALIASES: Record<string, string> = {
  hcm: '79',
  tphcm: '79',
  'tp hcm': '79',
  'ho chi minh': '79',
  'sai gon': '79',
  hn: '01',
  'ha noi': '01',
  'da nang': '48',
  'hai phong': '31',
  'can tho': '92',
  hue: '46',
  'thua thien hue': '46',
  'brvt': '77',
  'ba ria vung tau': '77',
};
