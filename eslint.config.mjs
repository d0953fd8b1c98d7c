import nx from '@nx/eslint-plugin';
import { createProjectGraphAsync } from '@nx/devkit';

// @nx/enforce-module-boundaries reads only Nx's *cached* project graph and silently skips itself
// when there is none (fresh clone, CI) or uses a stale one. Refresh it here (about 1 s) so a plain
// `eslint` run enforces the boundaries; `nx lint` has just computed it, so skip it there.
if (!process.env.NX_TASK_TARGET_PROJECT) {
  try {
    await createProjectGraphAsync({ exitOnError: false });
  } catch (error) {
    console.warn(`[eslint.config] could not compute the Nx project graph: ${error?.message ?? error}`);
  }
}

// Layers of every service (apps/*-service): application/ and domain/ depend on ports, never on
// infrastructure/ or api/; application/ never on TypeORM, pg or kafkajs (it runs transactions through
// `TransactionRunner`); domain/ is pure (no Nest, no persistence, no messaging).
const SERVICE_APPLICATION = ['apps/*-service/src/**/application/**/*.ts'];
const SERVICE_DOMAIN = ['apps/*-service/src/**/domain/**/*.ts'];
const inwardOnly = [
  {
    group: ['**/infrastructure', '**/infrastructure/**', '!@xaso/**'],
    message: 'application/ and domain/ must not import infrastructure/: depend on a port (application/*.port.ts) bound in the module.',
  },
  { group: ['**/api', '**/api/**', '!@xaso/**'], message: 'application/ and domain/ must not import api/ (the API layer depends on them, not the other way).' },
];
const noDriversInApplication = {
  group: ['typeorm', 'typeorm/**', '@nestjs/typeorm', 'pg', 'pg/**', 'kafkajs'],
  message: 'application/ must not use TypeORM, pg or kafkajs: run transactions through TransactionRunner and data through repository ports.',
};
// @xaso/api, @xaso/auth, @xaso/unit-replica and @xaso/observability are Nest code too: a domain
// error extends DomainError from the framework-free @xaso/errors.
const pureDomain = {
  group: [
    '@nestjs/*', 'typeorm', 'typeorm/**', 'pg', 'pg/**', 'kafkajs',
    '@xaso/persistence', '@xaso/messaging', '@xaso/api', '@xaso/auth', '@xaso/unit-replica', '@xaso/observability',
  ],
  message:
    'domain/ is pure: no Nest, TypeORM, pg, kafkajs or the Nest-based libs (@xaso/persistence, messaging, api, auth, unit-replica, observability); errors extend DomainError from @xaso/errors.',
};
// @xaso/errors is what domain/ code may import for its errors: it imports nothing.
const frameworkFreeErrors = {
  regex: '^(?!\\.{1,2}/)',
  message: '@xaso/errors is framework-free and dependency-free: domain/ code of every service imports it.',
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/node_modules', '**/dist', '**/data', 'tmp', '.nx', '**/fixtures/**'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            { sourceTag: 'scope:merger', onlyDependOnLibsWithTags: ['scope:merger', 'scope:shared'] },
            { sourceTag: 'scope:dossier', onlyDependOnLibsWithTags: ['scope:dossier', 'scope:shared'] },
            { sourceTag: 'scope:petition', onlyDependOnLibsWithTags: ['scope:petition', 'scope:shared'] },
            { sourceTag: 'scope:voting', onlyDependOnLibsWithTags: ['scope:voting', 'scope:shared'] },
            { sourceTag: 'scope:evaluation', onlyDependOnLibsWithTags: ['scope:evaluation', 'scope:shared'] },
            { sourceTag: 'scope:all-in-one', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:data-access'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: SERVICE_APPLICATION,
    rules: { 'no-restricted-imports': ['error', { patterns: [...inwardOnly, noDriversInApplication] }] },
  },
  {
    files: SERVICE_DOMAIN,
    rules: { 'no-restricted-imports': ['error', { patterns: [...inwardOnly, pureDomain] }] },
  },
  {
    files: ['libs/errors/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [frameworkFreeErrors] }] },
  },
  {
    // Tests assert shapes they just built; non-null assertions there are the clearest form.
    files: ['**/*.spec.ts', '**/test/**/*.ts', '**/testing/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
];
