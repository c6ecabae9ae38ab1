import { afterEach, beforeEach, describe } from 'vitest';
import type { EventStore } from '../event-store.port';
import { appendContract } from './contract-append';
import { concurrencyContract } from './contract-concurrency';
import type { ContractContext, StoreFactory } from './contract-helpers';
import { idempotencyContract } from './contract-idempotency';
import { readContract } from './contract-read';
import { subscriptionContract } from './contract-subscription';

/**
 * Registers the EventStore port's contract as vitest tests. Every test gets a store from `factory`
 * and calls `cleanup` afterwards. Tests use unique stream names and only assume that positions
 * increase (not that they start at 1 or are dense), so a shared server can run them.
 */
export function describeEventStoreContract(name: string, factory: StoreFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let current: { store: EventStore; cleanup: () => Promise<void> } | undefined;
    const ctx: ContractContext = {
      store() {
        if (!current) throw new Error('no store: the factory has not run');
        return current.store;
      },
    };
    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      const done = current;
      current = undefined;
      await done?.cleanup();
    });

    appendContract(ctx);
    idempotencyContract(ctx);
    readContract(ctx);
    subscriptionContract(ctx);
    concurrencyContract(ctx);
  });
}
