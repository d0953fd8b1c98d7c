/**
 * CSV export of petitions (pure). Columns are an allow-list: no petitioner identity, no
 * petitioner key or user id, no free text that could name the petitioner (content, notes).
 */
import type { Petition } from './petition.types';

export const EXPORT_COLUMNS = [
  'code', 'unitCode', 'kind', 'channel', 'status', 'attempt', 'category', 'receivedAt', 'acceptanceDue',
  'resolutionDue', 'resolvedAt', 'extensionsUsed', 'rating', 'crowded', 'prolonged', 'linkedToCode',
] as const;

const cell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : v instanceof Date ? v.toISOString() : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv(petitions: readonly Petition[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const p of petitions) {
    const row: Record<(typeof EXPORT_COLUMNS)[number], unknown> = {
      code: p.code,
      unitCode: p.unitCode,
      kind: p.kind,
      channel: p.channel,
      status: p.status,
      attempt: p.attempt,
      category: p.category,
      receivedAt: p.receivedAt,
      acceptanceDue: p.acceptanceDue,
      resolutionDue: p.resolutionDue,
      resolvedAt: p.resolvedAt,
      extensionsUsed: p.extensionsUsed,
      rating: p.rating?.score,
      crowded: p.flags.crowded,
      prolonged: p.flags.prolonged,
      linkedToCode: p.linkedToCode,
    };
    lines.push(EXPORT_COLUMNS.map((c) => cell(row[c])).join(','));
  }
  return lines.join('\n') + '\n';
}
