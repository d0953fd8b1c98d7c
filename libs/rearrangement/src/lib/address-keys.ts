import type { UnitMoveMessage } from '@xaso/contracts';
import { wordKey } from '@xaso/text';

/** A divided source's village name as a word key, and the target that receives the village. */
export interface AddressKeyRow {
  source: string;
  key: string;
  target: string;
}

/** Type words a village name may start with ("Thôn Phú Mỹ" is also written "Phú Mỹ"), as word keys. */
const VILLAGE_TYPES = ['to dan pho', 'khu pho', 'thon', 'ap', 'ban', 'buon', 'xom', 'lang', 'khom', 'khu', 'to', 'doi'];

/**
 * "Thôn Phú Mỹ" → ["thon phu my", "phu my"]; "Tổ dân phố 5" → ["to dan pho 5"] and "Thôn Bắc" →
 * ["thon bac"]: a bare number would match house numbers, a bare syllable too many other names.
 */
export function villageKeys(name: string): string[] {
  const whole = wordKey(name);
  if (!whole) return [];
  const type = VILLAGE_TYPES.find((t) => whole.startsWith(`${t} `));
  const rest = type ? whole.slice(type.length + 1) : '';
  return rest.includes(' ') && !/^[0-9 ]+$/.test(rest) ? [whole, rest] : [whole];
}

/**
 * The address rule's keys: for every divided source, each target's village names as word keys.
 * Pure. A key two targets share stays twice: such an address matches both and goes to review.
 */
export function addressKeysOf(moves: readonly UnitMoveMessage[]): AddressKeyRow[] {
  const rows = new Map<string, AddressKeyRow>();
  for (const move of moves) {
    if (!move.divided && move.targets.length === 1) continue;
    for (const target of move.targets) {
      for (const name of target.villageNames ?? []) {
        for (const key of villageKeys(name)) rows.set(`${move.sourceCode}\n${target.code}\n${key}`, { source: move.sourceCode, key, target: target.code });
      }
    }
  }
  return [...rows.values()];
}
