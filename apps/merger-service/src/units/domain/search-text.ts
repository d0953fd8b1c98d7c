import { foldVietnamese } from '@xaso/text';

/**
 * Accent-insensitive search key: "Phường Ba Đình" → "phuong ba dinh". Stored beside each unit's
 * name and applied to the query text, so search needs no database extension (unaccent).
 */
export const searchText = foldVietnamese;
