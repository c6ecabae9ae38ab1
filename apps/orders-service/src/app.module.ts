import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/app-config';
import { appConfigModule } from './config/app-config.module';
import { ProblemsModule } from './common/problem/problems.module';
import { HealthModule } from './health/health.module';
import { StorageModule } from './infrastructure/storage.module';
import { ListingsModule } from './listings/listings.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { OrdersModule } from './orders/orders.module';
import { OrderActionModule } from './orders/order-action/order-action.module';
import { RegistersModule } from './registers/registers.module';
import { AutomationsModule } from './automations/automations.module';
import { SegmentsModule } from './segments/segments.module';
import { PersonalDataModule } from './personal-data/personal-data.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        appConfigModule(config),
        LoggingModule.forRoot(config),
        MetricsModule,
        HealthModule,
        ProblemsModule,
        CqrsModule.forRoot(),
        StorageModule.forRoot(config),
        AuthModule.forRoot(config),
        OrdersModule,
        AdminModule,
        RegistersModule,
        OrderActionModule,
        AutomationsModule,
        SegmentsModule,
        ListingsModule,
        PersonalDataModule,
      ],
    };
  }
}
