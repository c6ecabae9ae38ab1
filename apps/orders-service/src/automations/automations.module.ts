import { Module } from '@nestjs/common';
import { BACKEND, type Backend } from '@orders/backend';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/storage.module';
import { AutomationEndpointsController } from './automation-endpoints.controller';
import { automationTargetPolicyProvider } from './automation-target-policy.provider';
import { AUTOMATION_CONFIG, AUTOMATION_STORE } from './automation.tokens';
import { AutomationsLifecycle } from './automations-lifecycle';
import { AutomationsRole } from './automations-role';
import { DeadLettersController } from './dead-letters.controller';
import { DeliveriesController } from './deliveries.controller';
import { DeliveryWorker } from './delivery-worker';
import { TriggerBuilder } from './trigger-builder';
import { TriggerDispatcher } from './trigger-dispatcher';
import { TriggerTransport } from './trigger-transport';

/**
 * Actions become automation triggers delivered to registered endpoints (SPEC §5, §7). The store is
 * `DATA_DIR/automations.sqlite` on the embedded backend and the backend's MongoDB on the distributed
 * one; the dispatcher role runs once per data set (AutomationsLifecycle).
 */
@Module({
  controllers: [AutomationEndpointsController, DeliveriesController, DeadLettersController],
  providers: [
    { provide: AUTOMATION_CONFIG, useFactory: (config: AppConfig) => config.automations, inject: [APP_CONFIG] },
    { provide: AUTOMATION_STORE, useFactory: (backend: Backend) => backend.automations, inject: [BACKEND] },
    automationTargetPolicyProvider,
    TriggerTransport,
    TriggerBuilder,
    DeliveryWorker,
    TriggerDispatcher,
    AutomationsRole,
    AutomationsLifecycle,
  ],
})
export class AutomationsModule {}
