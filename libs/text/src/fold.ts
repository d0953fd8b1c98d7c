/**
 * Accent-insensitive key for Vietnamese text: lower-case, diacritics removed, đ → d, white space
 * collapsed. "Phường Ba Đình" → "phuong ba dinh". Pure, so domain cores may use it.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Digits lose their leading zeros ("01" → "1"), so "Thôn 01" and "Thôn 1" meet. */
export const numberToken = (token: string): string => (/^\d+$/.test(token) ? String(Number(token)) : token);

/**
 * Word key for matching names inside free text: folded (`foldVietnamese`), anything but a-z and
 * digits as one space, numbers without leading zeros. "Thôn  Phú-Mỹ, xã 05" → "thon phu my xa 5".
 * Its SQL twin is `rearrangement_word_key` (libs/rearrangement migrations): keep them equal.
 */
export function wordKey(text: string): string {
  return foldVietnamese(text.normalize('NFC'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map(numberToken)
    .join(' ');
}
