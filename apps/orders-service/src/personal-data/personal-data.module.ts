import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ErasureService } from './erasure.service';
import { PersonalDataController } from './personal-data.controller';
import { PersonalDataExportService } from './personal-data-export.service';

/** Erasure and export of a person's data (issue 16, docs/personal-data.md). */
@Module({
  imports: [OrdersModule],
  controllers: [PersonalDataController],
  providers: [ErasureService, PersonalDataExportService],
})
export class PersonalDataModule {}
