/** Guards the step functions of every kind share: required text, the petitioner check, the policy, dates and places. */
import { DomainErrors } from './domain-error';
import { calendarAddDays, DEFAULT_POLICY } from './deadlines';
import { isValidLocalDate, toLocalDate } from '@xaso/calendar';
import type { GeoPoint, Petition, PetitionAction } from './petition.types';
import type { MachineContext } from './transitions';

export function requireText(value: string | undefined, action: PetitionAction): string {
  const text = value?.trim();
  if (!text) throw DomainErrors.reasonRequired(action);
  return text;
}

export function assertPetitioner(p: Petition, ctx: MachineContext): void {
  if (ctx.actor.role !== 'CITIZEN') return;
  if (ctx.petitionerVerified) return;
  if (p.petitionerUserId && p.petitionerUserId === ctx.actor.id) return;
  throw DomainErrors.notPetitioner();
}

export const policyOf = (ctx: MachineContext) => ctx.policy ?? DEFAULT_POLICY;
export const addDaysOf = (ctx: MachineContext) => ctx.addDays ?? calendarAddDays;

export function validateActDate(actDate: string, at: Date): void {
  if (!isValidLocalDate(actDate)) throw DomainErrors.invalidInput('actDate', 'actDate must be a date (YYYY-MM-DD)', 'Ngày có quyết định, hành vi không hợp lệ');
  if (actDate > toLocalDate(at)) {
    throw DomainErrors.invalidInput('actDate', 'actDate is in the future', 'Ngày có quyết định, hành vi không được sau ngày gửi đơn');
  }
}

export function validateLocation(location: GeoPoint): void {
  const ok =
    Number.isFinite(location.lat) && Number.isFinite(location.lon) && Math.abs(location.lat) <= 90 && Math.abs(location.lon) <= 180;
  if (!ok) throw DomainErrors.invalidInput('location', 'Latitude/longitude out of range', 'Toạ độ không hợp lệ');
}

