import { Module } from '@nestjs/common';
import { ListingsController } from './listings.controller';

/** The console's listings (issue 17): registers, recent orders, a contact's order figures and the key's own scopes. */
@Module({ controllers: [ListingsController] })
export class ListingsModule {}
