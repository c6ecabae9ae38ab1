import { Module } from '@nestjs/common';
import { ArticlesController } from '../articles/articles.controller';
import { ContactsController } from '../contacts/contacts.controller';
import { StoresController } from '../stores/stores.controller';
import { RegisterStreams } from './register-streams.service';

/** The contact, article and store registers (SPEC §7), event-sourced like orders. */
@Module({
  controllers: [ContactsController, ArticlesController, StoresController],
  providers: [RegisterStreams],
  exports: [RegisterStreams],
})
export class RegistersModule {}
