import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The pure domain core imports no framework, ORM, transport or platform lib (DESIGN.md); pure shared utilities are allowed. */
describe('domain purity', () => {
  const dirs = ['petitions/domain', 'reception/domain', 'mediation/domain'].map((d) => join(__dirname, d));
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts')).map((f) => join(d, f)));

  it('has domain files', () => expect(files.length).toBeGreaterThan(8));

  it.each(files.map((f) => [f.slice(__dirname.length + 1), f]))('%s imports only relative modules, node:crypto and pure utilities', (_name, file) => {
    const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const spec of imports) expect(spec.startsWith('./') || ['node:crypto', '@xaso/text', '@xaso/calendar', '@xaso/errors', '@xaso/sealing'].includes(spec)).toBe(true);
  });
});
