import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CsvRecord } from '../domain/import-plan';

/** The repo root is the folder holding nx.json; the unit data is carried inside it, in `data/`. */
export function findRepoRoot(start: string = __dirname): string {
  let dir = resolve(start);
  while (!existsSync(join(dir, 'nx.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no nx.json above ${start}`);
    dir = up;
  }
  return dir;
}

/** `ADMIN_UNITS_DIR`, else `<repo root>/data/admin-units` (the repository's own copy). */
export function adminUnitsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ADMIN_UNITS_DIR ? resolve(env.ADMIN_UNITS_DIR) : resolve(findRepoRoot(), 'data', 'admin-units');
}

/**
 * The published files are plain comma-separated UTF-8 with a header and no quoting; a row with
 * the wrong number of fields (e.g. a quoted comma appearing one day) fails loudly, not silently.
 */
export function parseCsv(text: string, file = 'csv'): CsvRecord[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.length > 0);
  const header = lines.shift()?.split(',') ?? [];
  return lines.map((line, index) => {
    if (line.includes('"')) throw new Error(`${file}:${index + 2}: quoted fields are not supported`);
    const fields = line.split(',');
    if (fields.length !== header.length) {
      throw new Error(`${file}:${index + 2}: ${fields.length} fields, expected ${header.length}`);
    }
    return Object.fromEntries(header.map((name, i) => [name, fields[i].trim()]));
  });
}

export interface AdminUnitFiles {
  legacy: CsvRecord[];
  current: CsvRecord[];
  rearrangement: CsvRecord[];
}

export function readAdminUnitFiles(dir: string = adminUnitsDir()): AdminUnitFiles {
  const read = (name: string) => parseCsv(readFileSync(join(dir, name), 'utf8'), name);
  return {
    legacy: read('legacy-units.csv'),
    current: read('units-2025.csv'),
    rearrangement: read('rearrangement-2025.csv'),
  };
}
