import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { deadLetterTopic } from '@xaso/contracts';
import { inTransaction, managerFor } from '@xaso/persistence';
import type { EventTransport, IncomingMessage } from './transport';

/** Headers added to messages on the dead-letter topic. */
export const DEAD_LETTER_HEADERS = {
  error: 'x-dlt-error',
  group: 'x-dlt-group',
  originalTopic: 'x-dlt-original-topic',
  originalPartition: 'x-dlt-original-partition',
  originalOffset: 'x-dlt-original-offset',
  deadLetterId: 'x-dlt-id',
} as const;

/** Headers on a replayed message: only `replayForGroup` handles it; other groups skip it. */
export const REPLAY_HEADERS = {
  replayForGroup: 'x-replay-for-group',
  replayOf: 'x-replay-of',
} as const;

const stripOurHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('x-dlt-') && !name.startsWith('x-replay-')));

/**
 * Records a message a consumer group gives up on: a `dead_letter` row (for replay) and a copy on
 * `<topic>.<group>.dlt`. Idempotent per (group, topic, partition, offset) for the table.
 */
export async function recordDeadLetter(
  dataSource: DataSource,
  transport: EventTransport,
  input: { group: string; message: IncomingMessage; error: unknown; attempts: number; envelope?: unknown },
): Promise<string> {
  const { group, message } = input;
  const code = (input.error as { code?: unknown } | null)?.code;
  const errorText =
    (typeof code === 'string' ? `[${code}] ` : '') +
    (input.error instanceof Error ? `${input.error.name}: ${input.error.message}` : String(input.error));
  let parsed: unknown = input.envelope;
  if (parsed === undefined && message.value !== null) {
    try {
      parsed = JSON.parse(message.value);
    } catch {
      parsed = undefined;
    }
  }
  const asRecord = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const rows: { id: string }[] = await managerFor(dataSource).query(
    `INSERT INTO dead_letter (id, consumer_group, topic, partition, "offset", key, value, envelope, headers, event_id, event_type, error, attempts)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (consumer_group, topic, partition, "offset")
       DO UPDATE SET error = EXCLUDED.error, attempts = dead_letter.attempts + EXCLUDED.attempts
     RETURNING id`,
    [
      uuidv7(),
      group,
      message.topic,
      message.partition,
      message.offset,
      message.key,
      message.value,
      parsed === undefined ? null : JSON.stringify(parsed),
      JSON.stringify(stripOurHeaders(message.headers)),
      typeof asRecord.id === 'string' ? asRecord.id : null,
      typeof asRecord.type === 'string' ? asRecord.type : null,
      errorText,
      input.attempts,
    ],
  );
  const id = rows[0].id;
  await transport.send(deadLetterTopic(message.topic, group), [
    {
      key: message.key,
      value: message.value ?? '',
      headers: {
        ...stripOurHeaders(message.headers),
        [DEAD_LETTER_HEADERS.error]: errorText.slice(0, 2_000),
        [DEAD_LETTER_HEADERS.group]: group,
        [DEAD_LETTER_HEADERS.originalTopic]: message.topic,
        [DEAD_LETTER_HEADERS.originalPartition]: String(message.partition),
        [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
        [DEAD_LETTER_HEADERS.deadLetterId]: id,
      },
    },
  ]);
  return id;
}

export interface ReplayOptions {
  group: string;
  /** Only these dead letters (default: all unreplayed ones of the group, oldest first). */
  ids?: string[];
  limit?: number;
}

/**
 * Re-publishes the group's unreplayed dead letters to their original topics (same key, value and
 * headers, plus `x-replay-for-group` so other groups ignore them) and marks them `replayed_at`.
 * Returns the replayed ids.
 */
export async function replayDeadLetters(
  dataSource: DataSource,
  transport: EventTransport,
  options: ReplayOptions,
): Promise<string[]> {
  return inTransaction(dataSource, async (manager) => {
    const params: unknown[] = [options.group, options.limit ?? 10_000];
    let filter = '';
    if (options.ids?.length) {
      params.push(options.ids);
      filter = 'AND id = ANY($3::uuid[])';
    }
    const rows: { id: string; topic: string; key: string | null; value: string | null; headers: Record<string, string> }[] =
      await manager.query(
        `SELECT id, topic, key, value, headers FROM dead_letter
          WHERE consumer_group = $1 AND replayed_at IS NULL ${filter}
          ORDER BY failed_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        params,
      );
    for (const row of rows) {
      await transport.send(row.topic, [
        {
          key: row.key,
          value: row.value ?? '',
          headers: {
            ...stripOurHeaders(row.headers ?? {}),
            [REPLAY_HEADERS.replayForGroup]: options.group,
            [REPLAY_HEADERS.replayOf]: row.id,
          },
        },
      ]);
    }
    if (rows.length) {
      await manager.query(`UPDATE dead_letter SET replayed_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
    }
    return rows.map((r) => r.id);
  });
}
