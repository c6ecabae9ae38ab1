import { type Lease, type LeasedWork, LeaseRunner } from '@orders/read-models/mongo';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AutomationConfig } from '../config/app-config';
import type { Backend } from '@orders/backend';
import { AutomationsLifecycle } from './automations-lifecycle';
import { AutomationsRole } from './automations-role';
import type { DeliveryWorker } from './delivery-worker';
import type { AutomationStore } from '@orders/automations';
import type { TriggerDispatcher } from './trigger-dispatcher';

const config = (dispatcherEnabled: boolean): AutomationConfig => ({
  dispatcherEnabled,
  retryBaseMs: 50,
  retryMaxMs: 200,
  maxAttempts: 3,
  timeoutMs: 1000,
  retentionHours: 168,
  allowLocalNetwork: false,
  allowedHosts: { names: new Set(), networks: [] },
});

/** The dispatcher role over recording stand-ins, a store that records prepare/close, and a backend whose runExclusive is given. */
function setup(dispatcherEnabled: boolean, runExclusive: (role: string, work: LeasedWork) => Promise<void>) {
  const log: string[] = [];
  const part = (name: string) => ({ start: async () => void log.push(`${name} start`), stop: async () => void log.push(`${name} stop`) });
  const role = new AutomationsRole(part('dispatcher') as unknown as TriggerDispatcher, part('worker') as unknown as DeliveryWorker);
  const store = {
    prepare: async () => void log.push('store prepare'),
    close: async () => void log.push('store close'),
  } as unknown as AutomationStore;
  const backend = { runExclusive: vi.fn(runExclusive) } as unknown as Backend;
  return { log, role, backend, lifecycle: new AutomationsLifecycle(config(dispatcherEnabled), store, backend, role) };
}

describe('automations lifecycle', () => {
  afterEach(() => void vi.useRealTimers());

  it('embedded: runExclusive starts the role at once (worker, then dispatcher); shutdown stops it before the store closes', async () => {
    const { log, lifecycle, backend } = setup(true, async (_role, work) => work.start());
    await lifecycle.onApplicationBootstrap();
    expect(backend.runExclusive).toHaveBeenCalledWith('dispatcher', expect.any(AutomationsRole));
    expect(log).toEqual(['store prepare', 'worker start', 'dispatcher start']);
    await lifecycle.onModuleDestroy();
    expect(log.slice(3)).toEqual(['dispatcher stop', 'worker stop', 'store close']);
  });

  it('DISPATCHER_ENABLED=false: the store is prepared (the API still works), the role is never offered', async () => {
    const { log, lifecycle, backend } = setup(false, async (_role, work) => work.start());
    await lifecycle.onApplicationBootstrap();
    expect(backend.runExclusive).not.toHaveBeenCalled();
    await lifecycle.onModuleDestroy();
    expect(log).toEqual(['store prepare', 'store close']);
  });

  it('distributed: the dispatcher and the worker run only while this instance holds the lease', async () => {
    vi.useFakeTimers();
    const answers = [false, false, true, true, false, true];
    const lease: Lease = { ttlMs: 3000, tryAcquire: async () => answers.shift() ?? true, release: async () => undefined };
    let runner: LeaseRunner | undefined;
    const { log, lifecycle, role } = setup(true, async (_name, work) => {
      runner = new LeaseRunner(lease, work);
      runner.start();
    });
    await lifecycle.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(0); // refused
    await vi.advanceTimersByTimeAsync(1000); // refused
    expect(role.running).toBe(false);
    expect(log).toEqual(['store prepare']);
    await vi.advanceTimersByTimeAsync(1000); // won
    expect(role.running).toBe(true);
    await vi.advanceTimersByTimeAsync(1000); // renewed
    expect(log).toEqual(['store prepare', 'worker start', 'dispatcher start']);
    await vi.advanceTimersByTimeAsync(1000); // lost
    expect(role.running).toBe(false);
    expect(log.slice(3)).toEqual(['dispatcher stop', 'worker stop']);
    await vi.advanceTimersByTimeAsync(1000); // won again
    expect(role.running).toBe(true);
    await lifecycle.onModuleDestroy();
    expect(log.slice(5)).toEqual(['worker start', 'dispatcher start', 'dispatcher stop', 'worker stop', 'store close']);
    // the lease is still renewed until the backend closes; the closed role starts nothing again
    await vi.advanceTimersByTimeAsync(5000);
    expect(role.running).toBe(false);
    await runner!.stop();
    expect(log.slice(10)).toEqual([]);
  });

  it('a role whose dispatcher cannot start (store down) is not running and stops its worker again', async () => {
    const log: string[] = [];
    const worker = { start: async () => void log.push('worker start'), stop: async () => void log.push('worker stop') };
    const dispatcher = { start: async () => Promise.reject(new Error('MongoDB down')), stop: async () => void log.push('dispatcher stop') };
    const role = new AutomationsRole(dispatcher as unknown as TriggerDispatcher, worker as unknown as DeliveryWorker);
    await expect(role.start()).rejects.toThrow('MongoDB down');
    expect(role.running).toBe(false);
    expect(log).toEqual(['worker start', 'worker stop']);
  });
});
