import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { AutomationConfig } from '../config/app-config';
import { BACKEND, type Backend } from '@orders/backend';
import { AUTOMATION_CONFIG, AUTOMATION_STORE } from './automation.tokens';
import { AutomationsRole } from './automations-role';
import type { AutomationStore } from '@orders/automations';

/**
 * Prepares the store once the backend is verified, then (DISPATCHER_ENABLED) hands the dispatcher role
 * to `runExclusive('dispatcher')`; on shutdown stops the role before any storage closes (module destroy
 * comes before the backend's close at application shutdown).
 */
@Injectable()
export class AutomationsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(AUTOMATION_CONFIG) private readonly config: AutomationConfig,
    @Inject(AUTOMATION_STORE) private readonly store: AutomationStore,
    @Inject(BACKEND) private readonly backend: Backend,
    private readonly role: AutomationsRole,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.store.prepare();
    if (this.config.dispatcherEnabled) await this.backend.runExclusive('dispatcher', this.role);
  }

  async onModuleDestroy(): Promise<void> {
    await this.role.close();
    await this.store.close();
  }
}
