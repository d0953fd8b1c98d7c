/**
 * The messaging contract, written once and run against every EventTransport (Kafka, the
 * PostgreSQL bus and the in-process bus): real PostgreSQL via createTestDatabase.
 * Not a spec file itself: `*.contract.int.spec.ts` call it. The harness is in contract-harness.ts,
 * the cases by topic in contract-delivery.ts and contract-failures.ts.
 */
import type { EventTransport } from '../index';
import { deliveryContract } from './contract-delivery';
import { failuresContract } from './contract-failures';
import { useContractHarness } from './contract-harness';

export { waitFor } from './contract-harness';

export function describeMessagingContract(name: string, makeTransport: () => EventTransport): void {
  describe(`messaging contract over ${name}`, () => {
    const harness = useContractHarness(name, makeTransport);
    deliveryContract(harness);
    failuresContract(harness);
  });
}
