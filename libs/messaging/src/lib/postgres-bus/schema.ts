/** The bus's tables and advisory-lock keys (shared by the sender, the consumers and pruning). */

/** First key of the two-int advisory locks, one namespace per purpose (never collide with each other). */
export const LOCK = { ddl: 0x7861_0001, send: 0x7861_0002, consume: 0x7861_0003 } as const;

/**
 * The bus tables. Transport infrastructure in the bus's own database (not a service schema, so not
 * a TypeORM migration of any service): created idempotently by `start()`, under an advisory lock
 * so that concurrent starters (several threads/processes) do not race on the catalog.
 */
export const DDL = `
CREATE TABLE IF NOT EXISTS bus_message (
  id         bigserial PRIMARY KEY,
  topic      text NOT NULL,
  partition  int NOT NULL,
  key        text,
  value      text,
  headers    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS bus_message_topic_partition_id ON bus_message (topic, partition, id);
CREATE INDEX IF NOT EXISTS bus_message_created_at ON bus_message (created_at);
CREATE TABLE IF NOT EXISTS bus_offset (
  group_id   text NOT NULL,
  topic      text NOT NULL,
  partition  int NOT NULL,
  next_id    bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic, partition)
);
`;

/** Signed 32-bit FNV-1a (the second key of an advisory lock). */
export function lockKey(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
