import { scanIntervalFromEnv } from './deadline-scheduler';

describe('DOSSIER_DEADLINE_SCAN_INTERVAL_MS', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['0', 0],
    ['30000', 30_000],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
  ])('%s → %s', (raw, expected) => {
    expect(scanIntervalFromEnv(raw)).toBe(expected);
  });
});
