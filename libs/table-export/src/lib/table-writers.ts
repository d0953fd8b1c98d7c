import ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Cell, ExportTable } from './export-table';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows buffered into one write while streaming CSV. */
const CSV_ROWS_PER_WRITE = 200;

const csvCell = (cell: Cell): string => {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvCell).join(',')}\r\n`;

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** RFC 4180 CSV, UTF-8 with a byte-order mark (so spreadsheet programs read the Vietnamese right), written as rows arrive. */
export async function writeCsv(out: Writable, table: ExportTable): Promise<void> {
  await write(out, `\uFEFF${csvLine(table.columns)}`);
  let buffered = '';
  let n = 0;
  for await (const row of table.rows) {
    buffered += csvLine(row);
    if (++n % CSV_ROWS_PER_WRITE === 0) {
      await write(out, buffered);
      buffered = '';
    }
  }
  if (buffered) await write(out, buffered);
  out.end();
}

/**
 * XLSX through ExcelJS's streaming writer: each row is committed (serialised and flushed) as
 * it arrives, so memory stays flat however many communes the province has.
 */
export async function writeXlsx(out: Writable, table: ExportTable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31));
  sheet.addRow([...table.columns]).commit();
  for await (const row of table.rows) sheet.addRow([...row]).commit();
  sheet.commit();
  await workbook.commit();
}
