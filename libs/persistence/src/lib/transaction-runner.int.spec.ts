import { Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { withDatabaseName } from './database-url';
import { dropDatabase } from './ensure-database';
import { PersistenceModule } from './persistence.module';
import { managerFor } from './transaction';
import { TransactionRunner } from './transaction-runner';
import { DataSource } from 'typeorm';

/** A use case in a feature module of its own: it gets the runner without importing PersistenceModule. */
@Injectable()
class RecordNotes {
  constructor(
    readonly transactions: TransactionRunner,
    private readonly dataSource: DataSource,
  ) {}

  write(text: string): Promise<unknown> {
    return managerFor(this.dataSource).query('INSERT INTO note (text) VALUES ($1)', [text]);
  }
}

@Module({ providers: [RecordNotes] })
class NotesModule {}

describe('TransactionRunner (provided by PersistenceModule)', () => {
  let url: string;
  let app: TestingModule;
  let notes: RecordNotes;
  let texts: () => Promise<string[]>;

  beforeAll(async () => {
    const server = process.env.TEST_DATABASE_URL;
    if (!server) throw new Error('TEST_DATABASE_URL is not set: run the tests through the root jest config');
    url = withDatabaseName(server, `txrunner_${randomBytes(5).toString('hex')}`);
    app = await Test.createTestingModule({
      imports: [PersistenceModule.forService({ service: 'txrunner', url, entities: [], migrations: [] }), NotesModule],
    }).compile();
    await app.init();
    const dataSource = app.get(DataSource);
    await dataSource.query('CREATE TABLE note (id serial PRIMARY KEY, text text NOT NULL)');
    notes = app.get(RecordNotes);
    texts = async () => (await dataSource.query('SELECT text FROM note ORDER BY id')).map((r: { text: string }) => r.text);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (url) await dropDatabase(url);
  });

  beforeEach(async () => {
    await app.get(DataSource).query('TRUNCATE note');
  });

  it('is the TypeORM-backed runner, injectable in any feature module', () => {
    expect(notes.transactions).toBeInstanceOf(TransactionRunner);
    expect(app.get(TransactionRunner)).toBe(notes.transactions);
  });

  it('commits the work and returns its result', async () => {
    const result = await notes.transactions.run(async () => {
      await notes.write('a');
      await notes.write('b');
      return 42;
    });
    expect(result).toBe(42);
    expect(await texts()).toEqual(['a', 'b']);
  });

  it('rolls back everything written inside when the work throws', async () => {
    await expect(
      notes.transactions.run(async () => {
        await notes.write('lost');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await texts()).toEqual([]);
  });

  it('joins an outer run: the inner writes roll back with the outer transaction', async () => {
    await expect(
      notes.transactions.run(async () => {
        await notes.transactions.run(() => notes.write('inner'));
        await notes.write('outer');
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await texts()).toEqual([]);
  });
});
