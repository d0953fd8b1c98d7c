/**
 * Accent-insensitive search key: "Phường Ba Đình" → "phuong ba dinh". Stored beside each unit's
 * name and applied to the query text, so search needs no database extension (unaccent).
 */
export function searchText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
