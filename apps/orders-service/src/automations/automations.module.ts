import { join } from 'node:path';
import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/storage.module';
import { AutomationEndpointsController } from './automation-endpoints.controller';
import { AUTOMATION_CONFIG, AUTOMATION_STORE } from './automation.tokens';
import { AutomationStore } from './automation-store';
import { DeadLettersController } from './dead-letters.controller';
import { DeliveryWorker } from './delivery-worker';
import { TriggerBuilder } from './trigger-builder';
import { TriggerDispatcher } from './trigger-dispatcher';

/** Starts the dispatcher role (DISPATCHER_ENABLED) after the app is up; stops it before storage closes. */
@Injectable()
class AutomationsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(AUTOMATION_CONFIG) private readonly config: AppConfig['automations'],
    @Inject(AUTOMATION_STORE) private readonly store: AutomationStore,
    private readonly dispatcher: TriggerDispatcher,
    private readonly worker: DeliveryWorker,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.dispatcherEnabled) return;
    this.dispatcher.start();
    this.worker.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.stop();
    await this.worker.stop();
    this.store.close();
  }
}

/** Actions become automation triggers delivered to registered endpoints (SPEC §5, §7). */
@Module({
  controllers: [AutomationEndpointsController, DeadLettersController],
  providers: [
    { provide: AUTOMATION_CONFIG, useFactory: (config: AppConfig) => config.automations, inject: [APP_CONFIG] },
    { provide: AUTOMATION_STORE, useFactory: (config: AppConfig) => AutomationStore.open(join(config.dataDir, 'automations.sqlite')), inject: [APP_CONFIG] },
    TriggerBuilder,
    DeliveryWorker,
    TriggerDispatcher,
    AutomationsLifecycle,
  ],
})
export class AutomationsModule {}
