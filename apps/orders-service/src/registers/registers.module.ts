import { Module } from '@nestjs/common';
import { RegisterCommands } from '@orders/application';
import { EVENT_STORE, type EventStore } from '@orders/event-store';
import { ArticlesController } from '../articles/articles.controller';
import { ContactsController } from '../contacts/contacts.controller';
import { StoresController } from '../stores/stores.controller';

/** The contact, article and store registers (SPEC §7), event-sourced like orders, written through the library's command loop. */
@Module({
  controllers: [ContactsController, ArticlesController, StoresController],
  providers: [{ provide: RegisterCommands, useFactory: (store: EventStore) => new RegisterCommands(store), inject: [EVENT_STORE] }],
  exports: [RegisterCommands],
})
export class RegistersModule {}
