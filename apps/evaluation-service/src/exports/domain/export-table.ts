export type { Cell, ExportTable } from '@xaso/table-export';
