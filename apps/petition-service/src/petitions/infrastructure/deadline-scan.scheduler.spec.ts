import { Test } from '@nestjs/testing';
import { waitUntil } from '@xaso/testing';
import { ScanDeadlines } from '../application/scan-deadlines.use-case';
import { DEADLINE_SCAN_INTERVAL_MS, DeadlineScanScheduler } from './deadline-scan.scheduler';

/** The scheduler's lifecycle in a Nest app (no database: the scan is a counting stand-in). */
describe('DeadlineScanScheduler', () => {
  const appWith = async (intervalMs: number, scans: { count: number }) => {
    const moduleRef = await Test.createTestingModule({
      providers: [
        DeadlineScanScheduler,
        { provide: DEADLINE_SCAN_INTERVAL_MS, useValue: intervalMs },
        { provide: ScanDeadlines, useValue: { execute: async () => (scans.count++, { dueSoon: [], escalated: [] }) } },
      ],
    }).compile();
    return moduleRef.createNestApplication().init();
  };

  it('scans on its interval once the app is up, and closing the app stops the timer', async () => {
    const scans = { count: 0 };
    const app = await appWith(20, scans);
    const scheduler = app.get(DeadlineScanScheduler);
    expect(scheduler.active).toBe(true);
    await waitUntil('two scans', async () => scans.count >= 2, 5_000);
    await app.close();
    expect(scheduler.active).toBe(false);
  });

  it('does not start with an interval of 0', async () => {
    const scans = { count: 0 };
    const app = await appWith(0, scans);
    expect(app.get(DeadlineScanScheduler).active).toBe(false);
    await app.close();
  });
});
