import { eventRegistry, petitionResolved } from '@xaso/contracts';
import { v7 as uuidv7 } from 'uuid';
import * as D from '../domain';
import { petitionEvent } from './petition-events';

const at = new Date('2026-03-02T02:00:00Z');
const ctx = (id: string, role: D.ActorRole, days = 0): D.MachineContext => ({ actor: { id, role }, at: new Date(at.getTime() + days * 86_400_000) });

function envelope(e: { definition: { type: string }; aggregateType: string; aggregateId: string; unitCode?: string | null; payload: unknown }) {
  return {
    id: uuidv7(),
    type: e.definition.type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'petition',
    aggregateType: e.aggregateType,
    aggregateId: e.aggregateId,
    unitCode: e.unitCode ?? null,
    correlationId: uuidv7(),
    causationId: null,
    payload: e.payload,
  };
}

describe('petition events', () => {
  it('every step produces an event valid against the platform registry, with no identity or free text', () => {
    let p = D.submitPetition(
      { code: '00004-260302-0001', unitCode: '00004', kind: 'FEEDBACK', channel: 'ONLINE', title: 'Tiêu đề riêng', content: 'Nội dung riêng tư', identified: true, petitionerKey: 'pk', petitionerUserId: 'citizen-secret-id' },
      ctx('citizen-secret-id', 'CITIZEN'),
    );
    const evs = [petitionEvent(p, 'SUBMIT', null)];
    const steps: Array<[D.PetitionAction, (q: D.Petition) => D.Petition]> = [
      ['CLASSIFY', (q) => D.classify(q, {}, ctx('o', 'OFFICER', 1))],
      ['ACCEPT', (q) => D.accept(q, {}, ctx('o', 'OFFICER', 1))],
      ['ASSIGN', (q) => D.assign(q, { handlerId: 'h' }, ctx('l', 'LEADER', 1))],
      ['EXTEND', (q) => D.extend(q, { reason: 'r' }, ctx('l', 'LEADER', 2))],
      ['RESOLVE', (q) => D.resolve(q, { conclusion: 'Kết luận riêng' }, ctx('h', 'OFFICER', 3))],
      ['RATE', (q) => D.rate(q, { score: 5 }, ctx('citizen-secret-id', 'CITIZEN', 4))],
      ['REOPEN', (q) => D.reopen(q, { reason: 'x' }, ctx('citizen-secret-id', 'CITIZEN', 5))],
      ['WITHDRAW', (q) => D.withdraw(q, {}, ctx('citizen-secret-id', 'CITIZEN', 6))],
    ];
    for (const [action, fn] of steps) {
      const before = p.status;
      p = fn(p);
      evs.push(petitionEvent(p, action, before));
    }
    for (const e of evs) {
      const r = eventRegistry.validate(envelope(e));
      if (!r.ok) throw r.error;
    }
    const text = JSON.stringify(evs);
    for (const s of ['citizen-secret-id', 'Tiêu đề riêng', 'Nội dung riêng tư', 'Kết luận riêng', '"pk"']) expect(text).not.toContain(s);
    expect(evs.map((e) => e.definition.type)).toEqual([
      'petition.received', 'petition.classified', 'petition.accepted', 'petition.assigned', 'petition.extended',
      'petition.resolved', 'petition.rated', 'petition.reopened', 'petition.withdrawn',
    ]);
  });

  it('the strict contract rejects a payload that would carry personal data', () => {
    const p = D.submitPetition(
      { code: 'X-260302-0001', unitCode: 'X', kind: 'COMPLAINT', channel: 'MAIL', title: 't', content: 'c', identified: true },
      ctx('o', 'OFFICER'),
    );
    const e = petitionEvent(p, 'SUBMIT', null);
    const leaky = envelope({ ...e, payload: { ...(e.payload as object), fullName: 'Nguyễn Văn A' } });
    expect(eventRegistry.validate(leaky).ok).toBe(false);
    expect(petitionResolved.schema.safeParse({}).success).toBe(false);
  });
});
