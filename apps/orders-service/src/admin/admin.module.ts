import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { ProjectionsStatusHandler } from './projections-status.handler';

/** Operations endpoints (SPEC §7). */
@Module({
  controllers: [AdminController],
  providers: [ProjectionsStatusHandler],
})
export class AdminModule {}
