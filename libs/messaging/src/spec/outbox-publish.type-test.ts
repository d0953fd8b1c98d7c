/**
 * Compile-time checks of `Outbox.publish` (run by `npx tsc -p tsconfig.json --noEmit`, never
 * executed): each `@ts-expect-error` fails the type check if the line below it compiles.
 */
import { adminUnitImported, dossierOverdue, draftEvent, petitionAccepted, villageCreated } from '@xaso/contracts';
import type { NewEvent, Outbox } from '../lib/outbox';

declare const outbox: Outbox;

const village = { code: '00004-001', validFrom: '2025-07-01', name: 'Thôn 1', type: 'Thôn', commune: { code: '00004', validFrom: '2025-07-01' } };

export async function publishTypeChecks(): Promise<void> {
  // A payload that matches its definition compiles; the envelope comes back typed.
  const [created] = await outbox.publish({ definition: villageCreated, aggregateType: 'AdministrativeUnit', aggregateId: 'v', payload: village });
  const communeCode: string = created.payload.commune.code;
  void communeCode;
  // Schema defaults may be left out (the payload is the schema's input).
  await outbox.publish({
    definition: adminUnitImported,
    aggregateType: 'AdministrativeUnitImport',
    aggregateId: 'i',
    payload: { importId: 'i', dataset: 'd', asOf: '2025-07-01', created: 1, updated: 0, unchanged: 0 },
  });

  // @ts-expect-error a wrong payload field type
  await outbox.publish({ definition: villageCreated, aggregateType: 'AdministrativeUnit', aggregateId: 'v', payload: { ...village, name: 7 } });
  // @ts-expect-error a missing payload field
  await outbox.publish({ definition: villageCreated, aggregateType: 'AdministrativeUnit', aggregateId: 'v', payload: { code: 'x', validFrom: '2025-07-01' } });
  // @ts-expect-error an event named by a type string instead of its contract definition
  await outbox.publish({ type: 'village.created', aggregateType: 'AdministrativeUnit', aggregateId: 'v', payload: village });
  // @ts-expect-error a definition that is not an event definition
  await outbox.publish({ definition: { type: 'village.created' }, aggregateType: 'AdministrativeUnit', aggregateId: 'v', payload: village });

  // Several definitions in one call: the list is typed by their union.
  const drafts: NewEvent<typeof dossierOverdue | typeof villageCreated>[] = [
    { definition: villageCreated, aggregateType: 'AdministrativeUnit', aggregateId: 'v', payload: village },
  ];
  await outbox.publish(drafts);

  // `draftEvent` checks the payload against the definition it is given.
  draftEvent(villageCreated, { aggregateType: 'AdministrativeUnit', aggregateId: 'v', payload: village });
  // @ts-expect-error one definition's payload under another definition
  draftEvent(petitionAccepted, { aggregateType: 'Petition', aggregateId: 'p', payload: village });
}
