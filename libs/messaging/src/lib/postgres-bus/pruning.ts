import type { Pool } from 'pg';

/**
 * Deletes, in batches, the messages older than `olderThanMs` that every consumer group of their
 * topic (every group with an offset on it) has passed on their partition. A group without an
 * offset on that partition has passed nothing there. Returns how many went.
 */
export async function pruneBus(pool: Pool, olderThanMs: number, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `WITH cutoff AS (SELECT now() - ($1::bigint * interval '1 millisecond') AS at),
       parts AS (SELECT DISTINCT topic, partition FROM bus_message, cutoff WHERE created_at < cutoff.at),
       groups AS (SELECT DISTINCT topic, group_id FROM bus_offset),
       -- per partition: the lowest next id over the topic's groups (NULL: no group reads the topic)
       passed AS (
         SELECT p.topic, p.partition, min(CASE WHEN g.group_id IS NULL THEN NULL ELSE COALESCE(o.next_id, 0) END) AS below
           FROM parts p
           LEFT JOIN groups g ON g.topic = p.topic
           LEFT JOIN bus_offset o ON o.group_id = g.group_id AND o.topic = p.topic AND o.partition = p.partition
          GROUP BY p.topic, p.partition),
       gone AS (
         DELETE FROM bus_message WHERE id IN (
           SELECT m.id FROM bus_message m JOIN passed x ON x.topic = m.topic AND x.partition = m.partition, cutoff
            WHERE m.created_at < cutoff.at AND (x.below IS NULL OR m.id < x.below)
            ORDER BY m.id LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [olderThanMs, batchSize],
    );
    const n = rows[0]?.n ?? 0;
    total += n;
    if (n < batchSize) return total;
  }
}
