import type { StoredPoll } from '../application/poll.repository.port';
import type { Channel, Electorate, OptionKind, PassBasis, PollMatter, PollStatus, TallyResult } from '../domain';

export interface PollRow {
  id: string;
  unit_code: string;
  village_code: string | null;
  matter: string;
  title: string;
  description: string;
  option_kind: string;
  electorate: string;
  channels: string[];
  opens_at: Date;
  closes_at: Date;
  pass_basis: string;
  pass_percent: string;
  quorum_percent: string | null;
  status: string;
  roll_size: number | null;
  roll_hash: string | null;
  cancel_reason: string | null;
  close_reason: string | null;
  result: TallyResult | null;
  board_root: string | null;
  board_size: number | null;
  created_at: Date;
  options: { id: string; label: string }[];
}

export const POLL_SELECT = `SELECT p.*, COALESCE((SELECT json_agg(json_build_object('id', o.option_id, 'label', o.label) ORDER BY o.position)
    FROM poll_option o WHERE o.poll_id = p.id), '[]'::json) AS options FROM poll p`;

export function storedPollOf(r: PollRow): StoredPoll {
  return {
    poll: {
      id: r.id,
      unitCode: r.unit_code,
      villageCode: r.village_code,
      matter: r.matter as PollMatter,
      title: r.title,
      description: r.description,
      options: { kind: r.option_kind as OptionKind, options: r.options },
      electorate: r.electorate as Electorate,
      channels: r.channels as Channel[],
      opensAt: new Date(r.opens_at),
      closesAt: new Date(r.closes_at),
      rule: { passBasis: r.pass_basis as PassBasis, passPercent: Number(r.pass_percent), quorumPercent: r.quorum_percent === null ? null : Number(r.quorum_percent) },
      status: r.status as PollStatus,
      roll: r.roll_size === null || r.roll_hash === null ? null : { size: r.roll_size, hash: r.roll_hash },
      cancelReason: r.cancel_reason,
      closeReason: r.close_reason,
    },
    createdAt: new Date(r.created_at),
    result: r.result,
    board: r.board_root === null || r.board_size === null ? null : { root: r.board_root, size: r.board_size },
  };
}
