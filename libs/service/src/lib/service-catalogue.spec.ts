import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isServiceDefinition } from './service-definition';
import { loadServiceDefinition, SERVICE_CATALOGUE } from './service-catalogue';

const APPS = resolve(__dirname, '..', '..', '..', '..', 'apps');

describe('SERVICE_CATALOGUE', () => {
  it('lists every apps/*-service that defines a service (src/<name>.service-definition.ts), sorted by name', () => {
    // An app whose domain is built before its service (no definition file yet) is not started by anyone.
    const services = readdirSync(APPS)
      .filter((dir) => dir.endsWith('-service'))
      .map((dir) => dir.replace(/-service$/, ''))
      .filter((name) => existsSync(join(APPS, `${name}-service`, 'src', `${name}.service-definition.ts`)))
      .sort();
    expect(services).toEqual(expect.arrayContaining(['dossier', 'merger', 'petition', 'voting']));
    expect(SERVICE_CATALOGUE.map((s) => s.name)).toEqual(services);
    for (const entry of SERVICE_CATALOGUE) {
      expect(entry.definitionPath).toBe(join(APPS, `${entry.name}-service`, 'src', `${entry.name}.service-definition.ts`));
      expect(existsSync(entry.definitionPath)).toBe(true);
    }
  });

  it.each(SERVICE_CATALOGUE.map((s) => [s.name, s]))('loads the %s definition by path, under its own name', (_name, entry) => {
    const definition = loadServiceDefinition(entry.definitionPath, entry.name);
    expect(isServiceDefinition(definition)).toBe(true);
    expect(definition.name).toBe(entry.name);
    expect(definition.defaultPort).toBeGreaterThan(0);
    expect(typeof definition.module).toBe('function');
  }, 60_000);

  it('refuses a file that defines another service, or none', () => {
    const [first] = SERVICE_CATALOGUE;
    expect(() => loadServiceDefinition(first.definitionPath, 'other')).toThrow(`defines service "${first.name}", expected "other"`);
    expect(() => loadServiceDefinition(__filename.replace('service-catalogue.spec.ts', 'service-options.ts'))).toThrow(/exactly one defineService/);
  });
});
