import { acceptanceDue } from '../domain';
import { petitionConfigFromEnv } from './petition.config';
import { toErrorView } from '@xaso/api';
import { PetitionDomainError } from '../domain';

describe('petition configuration', () => {
  it('defaults to calendar days', () => {
    const c = petitionConfigFromEnv({});
    // received Fri 2026-02-13 (before Tết 2026): +10 calendar days
    expect(acceptanceDue(new Date('2026-02-13T02:00:00Z'), 'COMPLAINT', c.policy, c.addDays)).toBe('2026-02-23');
  });

  it('counts working days with @xaso/calendar (weekends and Tết skipped) for the kinds configured', () => {
    const c = petitionConfigFromEnv({ PETITION_WORKING_DAY_KINDS: 'COMPLAINT,DENUNCIATION' });
    const due = acceptanceDue(new Date('2026-02-13T02:00:00Z'), 'COMPLAINT', c.policy, c.addDays);
    // Tết 2026 closes offices for several days after 2026-02-13: 10 working days end well after 02-27
    expect(due > '2026-02-27').toBe(true);
    expect(acceptanceDue(new Date('2026-02-13T02:00:00Z'), 'FEEDBACK', c.policy, c.addDays)).toBe('2026-02-23');
  });

  it('refuses to start in production without a key ring', () => {
    expect(() => petitionConfigFromEnv({ NODE_ENV: 'production' })).toThrow(/PETITION_IDENTITY_KEYS/);
  });

  it('shows domain errors to clients with the same code and messages, without a wrapper', () => {
    const e = toErrorView(new PetitionDomainError('X', 'en', 'vi', 'forbidden'));
    expect([e.code, e.messageEn, e.messageVi, e.status]).toEqual(['X', 'en', 'vi', 403]);
  });
});
