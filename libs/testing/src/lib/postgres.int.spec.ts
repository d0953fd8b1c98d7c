import { Client } from 'pg';
import { createTestDatabase } from './postgres';

describe('createTestDatabase', () => {
  it('creates an isolated, reachable database and drops it', async () => {
    const db = await createTestDatabase('probe');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query('SELECT current_database() AS name');
    await client.end();
    expect(rows[0].name).toMatch(/^probe_[0-9a-f]{10}$/);
    await db.drop();
    const again = new Client({ connectionString: db.url });
    await expect(again.connect()).rejects.toThrow(/does not exist/);
  });
});
