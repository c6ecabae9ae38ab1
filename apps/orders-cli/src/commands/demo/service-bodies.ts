import type { Type } from '@nestjs/common';
import {
  type ArticleEntry,
  type ContactEntry,
  type FieldErrors,
  normalizeArticle,
  normalizeContact,
  normalizeStore,
  type OrderCommand,
  type StoreEntry,
} from '@orders/domain';
import { ArticleRegisterDto } from '../../../../orders-service/src/articles/article.dto';
import { createValidationPipe, RequestValidationError } from '../../../../orders-service/src/common/validation';
import { ContactRegisterDto } from '../../../../orders-service/src/contacts/contact.dto';
import { ChangeStatusDto, RegisterOrderDto, toOrderAction, toOrderInput, toStatusChange } from '../../../../orders-service/src/orders/dto';
import { StoreRegisterDto } from '../../../../orders-service/src/stores/store.dto';

/*
 * A request body turned into what the service's handlers receive, by the service's own code: the JSON
 * text parsed, the global ValidationPipe with the endpoint's DTO (canonical enum casing, null as
 * missing, unknown fields refused), the DTO → domain mapper, and for registers the domain normaliser
 * the controller applies. So the demo's events are the ones the HTTP API would have written.
 */
const pipe = createValidationPipe();

/** A demo body the service would refuse is a bug in the demo data, never something to write. */
export class InvalidDemoBodyError extends Error {
  constructor(what: string, errors: FieldErrors) {
    super(`the demo data for ${what} is not accepted by the API: ${JSON.stringify(errors)}`);
    this.name = 'InvalidDemoBodyError';
  }
}

async function asRequest<T>(what: string, body: unknown, dto: Type<T>): Promise<T> {
  try {
    return (await pipe.transform(JSON.parse(JSON.stringify(body)), { type: 'body', metatype: dto })) as T;
  } catch (error) {
    throw error instanceof RequestValidationError ? new InvalidDemoBodyError(what, error.errors) : error;
  }
}

/** E2 `POST /orders` with this body → the command its handler runs. */
export async function registerOrderCommand(orderId: string, body: unknown): Promise<OrderCommand> {
  const dto = await asRequest(`order ${orderId}`, body, RegisterOrderDto);
  return { type: 'RegisterOrder', order: toOrderInput(dto), orderAction: toOrderAction(dto.orderAction) };
}

/** E8 `POST /orders/{orderId}/change-status` with this body → the command its handler runs. */
export async function changeStatusCommand(orderId: string, body: unknown): Promise<OrderCommand> {
  const dto = await asRequest(`the status change of order ${orderId}`, body, ChangeStatusDto);
  return { type: 'ChangeOrderStatus', orderId, ...toStatusChange(dto) };
}

/** `PUT /contacts/{contactId}` with this body → the entry the controller saves. */
export async function contactEntry(contactId: string, body: unknown): Promise<ContactEntry> {
  const result = normalizeContact({ ...(await asRequest(`contact ${contactId}`, body, ContactRegisterDto)) });
  if (!result.ok) throw new InvalidDemoBodyError(`contact ${contactId}`, result.errors);
  return result.contact;
}

/** `PUT /articles/{sku}` with this body → the entry the controller saves. */
export async function articleEntry(sku: string, body: unknown): Promise<ArticleEntry> {
  const result = normalizeArticle({ ...(await asRequest(`article ${sku}`, body, ArticleRegisterDto)) });
  if (!result.ok) throw new InvalidDemoBodyError(`article ${sku}`, result.errors);
  return result.article;
}

/** `PUT /stores/{externalStoreId}` with this body → the entry the controller saves. */
export async function storeEntry(storeId: string, body: unknown): Promise<StoreEntry> {
  const result = normalizeStore({ ...(await asRequest(`store ${storeId}`, body, StoreRegisterDto)) });
  if (!result.ok) throw new InvalidDemoBodyError(`store ${storeId}`, result.errors);
  return result.store;
}
