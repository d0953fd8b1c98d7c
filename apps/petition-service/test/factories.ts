/** Test data of petition-service: configuration, intake inputs, admin-unit events. */
import { eventRegistry, topicFor } from '@xaso/contracts';
import type { TransportMessage } from '@xaso/testing';
import { randomUUID } from 'node:crypto';
import type { PetitionConfig } from '../src/petitions/application/petition.config';
import { DEFAULT_POLICY, IdentityCipher, makeAddDays } from '../src/petitions/domain';

/** Policy by default, calendar days, an identity key ring (default: one fresh key `k1`). */
export function testPetitionConfig(keys: string = IdentityCipher.generateKey('k1'), indexKey?: string): PetitionConfig {
  return { policy: DEFAULT_POLICY, addDays: makeAddDays(), cipher: new IdentityCipher(keys, indexKey) };
}

/** `SubmitPetitionInput` (GraphQL) / `SubmitPetitionDto` (REST) with defaults: an online feedback to 00004. */
export function submitPetitionInput(overrides: Record<string, unknown> = {}) {
  return { unitCode: '00004', kind: 'FEEDBACK', channel: 'ONLINE', title: 'Phản ánh', content: 'Đèn đường hỏng ở ngõ 5', ...overrides };
}

/** A unit of the registry as merger announces it. */
export function registryUnit(code: string, name: string, level: 'PROVINCE' | 'COMMUNE', parent: string | null) {
  return {
    code, validFrom: '2025-07-01', validTo: null, name, level, type: level === 'PROVINCE' ? 'Thành phố' : 'Phường',
    parent: parent ? { code: parent, validFrom: '2025-07-01' } : null,
  };
}

/** merger's `admin-units.upserted` event of `units`, as a message on merger's topic. */
export function adminUnitsUpserted(units: ReturnType<typeof registryUnit>[]): { topic: string; messages: TransportMessage[] } {
  const envelope = eventRegistry.assertValid({
    id: randomUUID(), type: 'admin-units.upserted', version: 1, occurredAt: new Date().toISOString(), source: 'merger',
    aggregateType: 'AdministrativeUnitRegistry', aggregateId: 'administrative-unit-registry', unitCode: null,
    correlationId: randomUUID(), causationId: null,
    payload: { units },
  });
  return { topic: topicFor('merger'), messages: [{ key: envelope.aggregateId, value: JSON.stringify(envelope), headers: { type: envelope.type, version: '1' } }] };
}

/** submitPetition with what the int specs read back. */
export const SUBMIT_PETITION = `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { trackingSecret linkedTo petition { code kind status acceptanceDue anonymous } } }`;

/** A workflow mutation by name, answering the fields the int specs check. */
export const petitionStep = (name: string, args: string) => `mutation { ${name}(${args}) { code status resolutionDue extensionsUsed complexity } }`;
