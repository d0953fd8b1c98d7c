/** Pure fixtures of the petition state machine's unit tests (actors, a clock, intake input, a case brought to ASSIGNED). */
import {
  accept,
  assign,
  classify,
  PetitionDomainError,
  submitPetition,
  type Actor,
  type MachineContext,
  type Petition,
  type SubmitInput,
} from '../src/petitions/domain';

export const T0 = new Date('2026-03-02T02:00:00Z'); // 2026-03-02 09:00 ICT
export const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);

export const citizen: Actor = { id: 'citizen-1', role: 'CITIZEN' };
export const officer: Actor = { id: 'officer-1', role: 'OFFICER' };
export const handler: Actor = { id: 'handler-1', role: 'OFFICER' };
export const leader: Actor = { id: 'leader-1', role: 'LEADER' };
export const system: Actor = { id: 'scheduler', role: 'SYSTEM' };
export const ctx = (actor: Actor, at: Date = T0, extra: Partial<MachineContext> = {}): MachineContext => ({ actor, at, ...extra });

export const input = (over: Partial<SubmitInput> = {}): SubmitInput => ({
  code: '00004-260302-0001',
  unitCode: '00004',
  kind: 'COMPLAINT',
  channel: 'ONLINE',
  title: 'Khiếu nại quyết định thu hồi đất',
  content: 'Tôi khiếu nại quyết định thu hồi đất số 12/QĐ-UBND',
  identified: true,
  petitionerKey: 'pk-1',
  petitionerUserId: 'citizen-1',
  ...over,
});

export function expectDomainError(fn: () => unknown, code: string): PetitionDomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PetitionDomainError);
    expect((e as PetitionDomainError).code).toBe(code);
    expect((e as PetitionDomainError).messageEn).toBeTruthy();
    expect((e as PetitionDomainError).messageVi).toBeTruthy();
    return e as PetitionDomainError;
  }
  throw new Error(`expected ${code}`);
}

/** A petition brought to ASSIGNED. */
export function assigned(kind: SubmitInput['kind'] = 'COMPLAINT', over: Partial<SubmitInput> = {}): Petition {
  let p = submitPetition(input({ kind, ...over }), ctx(citizen));
  p = classify(p, {}, ctx(officer, day(1)));
  p = accept(p, {}, ctx(leader, day(2)));
  return assign(p, { handlerId: handler.id }, ctx(leader, day(2)));
}
