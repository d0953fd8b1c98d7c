/** A table to export: Vietnamese column names, rows produced lazily (a whole province is never held in memory). */
export type Cell = string | number | null;

export interface ExportTable {
  /** File name without extension, ASCII (e.g. `xep-hang-<cycle>-tinh-30`). */
  readonly fileBase: string;
  /** Worksheet name (≤ 31 characters). */
  readonly sheetName: string;
  readonly columns: readonly string[];
  readonly rows: AsyncIterable<readonly Cell[]>;
}
