import { Module } from '@nestjs/common';
import { ProblemsController } from './problems.controller';

/** GET /problems and /problems/<CODE>: the pages of the problem `type` URIs. */
@Module({ controllers: [ProblemsController] })
export class ProblemsModule {}
