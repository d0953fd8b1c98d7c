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
