import {
  type ArticleEntry,
  type ContactEntry,
  type FieldErrors,
  normalizeArticle,
  normalizeContact,
  normalizeStore,
  type OrderAction,
  type OrderCommand,
  type OrderInput,
  type StoreEntry,
} from '@orders/domain';

/*
 * A demo request body turned into the domain command (or register entry) it asks for. The domain checks
 * and canonicalises it as it does every request: the decider normalises an order, the register
 * normalisers an entry. That every demo body is one the HTTP API accepts, and that the API's
 * validation and DTO mappers make the same events of it, is checked by the service's own spec
 * (demo-bodies.spec.ts next to the service's order DTOs).
 */

/** A demo body the domain refuses is a bug in the demo data, never something to write. */
export class InvalidDemoBodyError extends Error {
  constructor(what: string, errors: FieldErrors) {
    super(`the demo data for ${what} is not accepted by the API: ${JSON.stringify(errors)}`);
    this.name = 'InvalidDemoBodyError';
  }
}

type Body = Record<string, unknown>;

/** E2 `POST /orders` with this body → the command. */
export function registerOrderCommand(body: Body): OrderCommand {
  const { orderAction, ...order } = body;
  const action = orderAction != null ? { orderAction: orderAction as OrderAction } : {};
  return { type: 'RegisterOrder', order: order as unknown as OrderInput, ...action };
}

/** E8 `POST /orders/{orderId}/change-status` with this body → the command. */
export function changeStatusCommand(orderId: string, body: { status?: string; externalStatus?: string }): OrderCommand {
  return { type: 'ChangeOrderStatus', orderId, ...body } as OrderCommand;
}

/** `PUT /contacts/{contactId}` with this body → the entry saved. */
export function contactEntry(contactId: string, body: unknown): ContactEntry {
  const result = normalizeContact(body);
  if (!result.ok) throw new InvalidDemoBodyError(`contact ${contactId}`, result.errors);
  return result.contact;
}

/** `PUT /articles/{sku}` with this body → the entry saved. */
export function articleEntry(sku: string, body: unknown): ArticleEntry {
  const result = normalizeArticle(body);
  if (!result.ok) throw new InvalidDemoBodyError(`article ${sku}`, result.errors);
  return result.article;
}

/** `PUT /stores/{externalStoreId}` with this body → the entry saved. */
export function storeEntry(storeId: string, body: unknown): StoreEntry {
  const result = normalizeStore(body);
  if (!result.ok) throw new InvalidDemoBodyError(`store ${storeId}`, result.errors);
  return result.store;
}
