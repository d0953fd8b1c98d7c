import { writeXlsx } from '@xaso/table-export';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { problemsOf, reconcile, reconciliationCsv, reconciliationTable } from './reconciliation';
import { chunked } from './saga';

const source = (over: object = {}) => ({
  service: 'dossier', recordType: 'dossier', sourceCode: '00007', before: 5, failed: 0, carriedOver: 2, after: 1, queued: 1,
  targets: [
    { targetCode: '00025', moved: 3, byVillage: 1, byAddress: 2, assigned: 1, serviceSha256: 'a'.repeat(64), mergerSha256: 'a'.repeat(64) },
  ],
  ...over,
});

describe('reconciliation', () => {
  it('checks before = moved + assigned + queued + failed per row and compares the hashes', () => {
    const [ok] = reconcile([source()]);
    expect(ok).toMatchObject({ movedTotal: 4, balanced: true, hashesMatch: true, byRule: { unit: 0, village: 1, address: 2, review: 1 } });
    const [lost] = reconcile([source({ before: 6 })]);
    expect(lost.balanced).toBe(false);
    const [tampered] = reconcile([source({ targets: [{ targetCode: '00025', moved: 4, byVillage: 0, byAddress: 0, assigned: 0, serviceSha256: 'a'.repeat(64), mergerSha256: 'b'.repeat(64) }] })]);
    expect(tampered.hashesMatch).toBe(false);
    const [unknown] = reconcile([source({ targets: [{ targetCode: '00025', moved: 4, byVillage: 0, byAddress: 0, assigned: 0, serviceSha256: 'a'.repeat(64), mergerSha256: null }] })]);
    expect(unknown.hashesMatch).toBeNull();
    expect(problemsOf([ok, lost, tampered, unknown])).toBe(2);
  });

  it('exports one CSV line per source → target, neutralising formula cells', () => {
    const csv = reconciliationCsv(reconcile([source(), source({ sourceCode: '=cmd', targets: [] , before: 1, queued: 1})]));
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('service,record_type,source_code,target_code,before,moved,by_village,by_address,assigned,queued,failed,carried_over,after,balanced,service_sha256,merger_sha256,hash_match');
    expect(lines[1]).toBe(`dossier,dossier,00007,00025,5,3,1,2,1,1,0,2,1,true,${'a'.repeat(64)},${'a'.repeat(64)},true`);
    expect(lines[2].startsWith("dossier,dossier,'=cmd,,1,0,0,0,0,1")).toBe(true);
  });

  it('exports the same lines as XLSX (streamed), read back with numbers as numbers', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeXlsx(out, reconciliationTable('p-1', reconcile([source(), source({ sourceCode: '=cmd', targets: [], before: 1, queued: 1 })])));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as never);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Đối soát');
    expect((sheet.getRow(1).values as unknown[]).slice(1, 7)).toEqual(['service', 'record_type', 'source_code', 'target_code', 'before', 'moved']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 14)).toEqual(['dossier', 'dossier', '00007', '00025', 5, 3, 1, 2, 1, 1, 0, 2, 1]);
    expect(sheet.getRow(3).getCell(3).value).toBe('=cmd'); // a string cell, never a formula
    expect(sheet.rowCount).toBe(3);
  });

  it('chunks moves (an empty plan is one empty chunk)', () => {
    const moves = Array.from({ length: 5 }, (_, i) => ({ sourceCode: `0000${i}`, targets: [{ code: '00097' }], divided: false }));
    expect(chunked(moves, 2).map((c) => c.length)).toEqual([2, 2, 1]);
    expect(chunked([], 2)).toEqual([[]]);
  });
});
