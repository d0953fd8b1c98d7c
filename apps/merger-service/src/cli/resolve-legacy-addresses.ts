/**
 * `npm run resolve-legacy-addresses -- in.csv out.csv`: converts a CSV of pre-2025 addresses
 * (columns ward, district, province and optionally asOf; other columns are kept) against the
 * registry in merger-service's database (MERGER_DATABASE_URL or DATABASE_URL; imported when
 * empty). Writes every input row with status, match, legacy codes and current code(s); an
 * ambiguous row lists every candidate. A progress bar runs on stderr.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { createMergerApp } from '../bootstrap';
import { ResolveLegacyAddresses } from '../legacy-addresses/application/resolve-legacy-addresses.query';
import { MAX_ADDRESSES_PER_BATCH } from '../legacy-addresses/domain/legacy-address-errors';
import type { LegacyAddressResolution } from '../legacy-addresses/domain/resolve-legacy-address';
import { csvLine, parseCsvRows } from '../legacy-addresses/infrastructure/csv-rows';

const OUT_COLUMNS = ['status', 'match', 'candidates', 'legacy_commune_code', 'legacy_commune_name', 'legacy_district_code', 'legacy_province_code', 'current_codes', 'current_names', 'divided'];

function columnOf(header: string[], names: string[], fallback: number): number {
  const i = header.findIndex((h) => names.includes(h.trim().toLowerCase()));
  return i >= 0 ? i : fallback;
}

function resultFields(r: LegacyAddressResolution): string[] {
  const join = (values: string[]) => [...new Set(values)].join('|');
  // One value per candidate, in candidate order (an ambiguous row lines its candidates up).
  const each = (values: string[]) => values.join('|');
  return [
    r.status,
    r.status === 'NOT_FOUND' ? (r.reason ?? '') : join(r.candidates.map((c) => c.match)),
    String(r.candidates.length),
    each(r.candidates.map((c) => c.commune.code)),
    each(r.candidates.map((c) => c.commune.name)),
    each(r.candidates.map((c) => c.district?.code ?? '')),
    each(r.candidates.map((c) => c.province?.code ?? '')),
    join(r.candidates.flatMap((c) => c.current.map((u) => u.code))),
    join(r.candidates.flatMap((c) => c.current.map((u) => u.name))),
    String(r.candidates.some((c) => c.divided)),
  ];
}

function progress(done: number, total: number, started: number): void {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const rate = Math.round(done / Math.max((performance.now() - started) / 1000, 0.001));
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round((done / Math.max(total, 1)) * 100)).padStart(3)}% ${done}/${total} ${rate}/s`);
}

async function main(): Promise<void> {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: npm run resolve-legacy-addresses -- in.csv out.csv');
    process.exit(2);
  }
  const rows = parseCsvRows(readFileSync(input, 'utf8'));
  const header = rows.shift() ?? [];
  const col = {
    ward: columnOf(header, ['ward', 'commune', 'phuong', 'xa', 'phường/xã'], 0),
    district: columnOf(header, ['district', 'quan', 'huyen', 'quận/huyện'], 1),
    province: columnOf(header, ['province', 'tinh', 'tỉnh/thành phố'], 2),
    asOf: columnOf(header, ['asof', 'as_of'], -1),
  };
  const app = await createMergerApp({ logger: false, importIfEmpty: true });
  const lines = [csvLine([...header, ...OUT_COLUMNS])];
  const counts = { RESOLVED: 0, AMBIGUOUS: 0, NOT_FOUND: 0 };
  try {
    const resolver = app.get(ResolveLegacyAddresses);
    const started = performance.now();
    progress(0, rows.length, started);
    for (let i = 0; i < rows.length; i += MAX_ADDRESSES_PER_BATCH) {
      const batch = rows.slice(i, i + MAX_ADDRESSES_PER_BATCH);
      const results = await resolver.execute(
        batch.map((r) => ({ ward: r[col.ward] ?? '', district: r[col.district] || null, province: r[col.province] || null, asOf: col.asOf >= 0 ? r[col.asOf] || null : null })),
      );
      results.forEach((result, j) => {
        counts[result.status] += 1;
        lines.push(csvLine([...batch[j], ...resultFields(result)]));
      });
      progress(Math.min(i + batch.length, rows.length), rows.length, started);
    }
    process.stderr.write('\n');
    writeFileSync(output, `${lines.join('\n')}\n`);
    console.log(`[resolve-legacy-addresses] ${rows.length} rows → ${output}: ${counts.RESOLVED} resolved, ${counts.AMBIGUOUS} ambiguous, ${counts.NOT_FOUND} not found (${Math.round(performance.now() - started)} ms)`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
