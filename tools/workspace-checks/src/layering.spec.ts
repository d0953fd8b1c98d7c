import { execFile } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const RULE = 'no-restricted-imports';

interface LintResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number; message: string }>;
}
interface Case {
  name: string;
  code: string;
  filePath: string;
}

/** Lints snippets as files of the workspace with the root eslint.config.mjs (see lint-probe.mjs). */
function lint(cases: Case[]): Promise<LintResult[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(__dirname, 'lint-probe.mjs'), root],
      { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
      (error, stdout, stderr) => (error ? reject(new Error(`lint-probe failed: ${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
    );
    child.stdin?.end(JSON.stringify(cases.map(({ code, filePath }) => ({ code, filePath }))));
  });
}

// One feature folder of each service.
const FEATURES = ['apps/dossier-service/src/dossiers', 'apps/petition-service/src/petitions', 'apps/merger-service/src/units'];
const probe = (feature: string, layer: string) => `${feature}/${layer}/__layer_probe__.ts`;
const importing = (source: string) => `import * as imported from '${source}';\nexport const probe = imported;\n`;

const APPLICATION_FORBIDDEN = [
  { source: '../infrastructure/some.repository', message: 'must not import infrastructure/' },
  { source: '../api/some.resolver', message: 'must not import api/' },
  { source: 'typeorm', message: 'must not use TypeORM' },
  { source: '@nestjs/typeorm', message: 'must not use TypeORM' },
  { source: 'pg', message: 'must not use TypeORM, pg or kafkajs' },
  { source: 'kafkajs', message: 'must not use TypeORM, pg or kafkajs' },
];
const DOMAIN_FORBIDDEN = [
  { source: '../infrastructure/some.repository', message: 'must not import infrastructure/' },
  { source: '../infrastructure', message: 'must not import infrastructure/' },
  { source: '../api/some.controller', message: 'must not import api/' },
  ...['@nestjs/common', '@nestjs/typeorm', 'typeorm', 'kafkajs', 'pg', '@xaso/persistence', '@xaso/messaging', '@xaso/api', '@xaso/auth', '@xaso/unit-replica'].map((source) => ({
    source,
    message: 'domain/ is pure',
  })),
];

const CLEAN_APPLICATION = [
  "import { Injectable } from '@nestjs/common';",
  "import { ValidationFailedError } from '@xaso/api';",
  "import { villageCreated } from '@xaso/contracts';",
  "import { Outbox } from '@xaso/messaging';",
  "import { TransactionRunner } from '@xaso/persistence';",
  "import * as domain from '../domain';",
  'export const probe = [Injectable, ValidationFailedError, villageCreated, Outbox, TransactionRunner, domain];',
  '',
].join('\n');
const CLEAN_DOMAIN = [
  "import { toLocalDate } from '@xaso/calendar';",
  "import { DomainError } from '@xaso/errors';",
  "import { foldVietnamese } from '@xaso/text';",
  "import * as sibling from './index';",
  'export const probe = [toLocalDate, DomainError, foldVietnamese, sibling];',
  '',
].join('\n');

const cases: Case[] = FEATURES.flatMap((feature) => [
  ...APPLICATION_FORBIDDEN.map(({ source }) => ({ name: `${feature} application → ${source}`, code: importing(source), filePath: probe(feature, 'application') })),
  ...DOMAIN_FORBIDDEN.map(({ source }) => ({ name: `${feature} domain → ${source}`, code: importing(source), filePath: probe(feature, 'domain') })),
  { name: `${feature} clean application`, code: CLEAN_APPLICATION, filePath: probe(feature, 'application') },
  { name: `${feature} clean domain`, code: CLEAN_DOMAIN, filePath: probe(feature, 'domain') },
  // Infrastructure is where the drivers belong: the layer rule does not apply there.
  { name: `${feature} infrastructure → typeorm`, code: importing('typeorm'), filePath: probe(feature, 'infrastructure') },
]);

// @xaso/errors itself imports nothing (so domain/ importing it stays framework-free).
const ERRORS_LIB = 'libs/errors/src/__probe__.ts';
cases.push(
  { name: 'errors lib → @nestjs/common', code: importing('@nestjs/common'), filePath: ERRORS_LIB },
  { name: 'errors lib → @xaso/api', code: importing('@xaso/api'), filePath: ERRORS_LIB },
  { name: 'errors lib → sibling', code: importing('./domain-error'), filePath: ERRORS_LIB },
);

describe('layer rules of the services (no-restricted-imports in eslint.config.mjs)', () => {
  const byName = new Map<string, LintResult>();

  beforeAll(async () => {
    const results = await lint(cases);
    results.forEach((result, i) => byName.set(cases[i].name, result));
  }, 120_000);

  const layerErrors = (name: string) => {
    const result = byName.get(name);
    if (!result) throw new Error(`no lint result for ${name}`);
    return result.messages.filter((m) => m.ruleId === RULE && m.severity === 2).map((m) => m.message);
  };

  it('keeps @xaso/errors free of any dependency', () => {
    for (const source of ['@nestjs/common', '@xaso/api']) {
      const errors = layerErrors(`errors lib → ${source}`);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('@xaso/errors is framework-free');
    }
    expect(layerErrors('errors lib → sibling')).toEqual([]);
  });

  describe.each(FEATURES)('%s', (feature) => {
    it.each(APPLICATION_FORBIDDEN)('application/ importing $source fails', ({ source, message }) => {
      const errors = layerErrors(`${feature} application → ${source}`);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(message);
    });

    it.each(DOMAIN_FORBIDDEN)('domain/ importing $source fails', ({ source, message }) => {
      const errors = layerErrors(`${feature} domain → ${source}`);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(message);
    });

    it('accepts clean application/ and domain/ code (shared libs, ports, the domain)', () => {
      expect(byName.get(`${feature} clean application`)?.messages).toEqual([]);
      expect(byName.get(`${feature} clean domain`)?.messages).toEqual([]);
    });

    it('leaves infrastructure/ free to use the drivers', () => {
      expect(layerErrors(`${feature} infrastructure → typeorm`)).toEqual([]);
    });
  });
});
