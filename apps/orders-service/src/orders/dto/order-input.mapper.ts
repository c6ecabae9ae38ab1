import type {
  Address,
  Article,
  Contact,
  Delivery,
  Discount,
  Fee,
  LineItemInput,
  OrderAction,
  OrderInput,
  Payment,
  ReturnDetails,
  Tax,
} from '@orders/domain/order';
import { defined, isPlainObject } from '@orders/domain/field-rules';
import { actionDataObject } from '@orders/domain/normalize-action';
import type { AddressDto } from './address.dto';
import type { DiscountDto, FeeDto, TaxDto } from './adjustments.dto';
import type { ArticleDto, ReturnDetailsDto } from './article.dto';
import type { ContactDto } from './contact.dto';
import type { DeliveryDto } from './delivery.dto';
import type { LineItemDto } from './line-item.dto';
import type { OrderActionDto } from './order-action.dto';
import type { OrderDto } from './order.dto';
import type { PaymentDto } from './payment.dto';

/*
 * DTO → domain. Every object is built field by field from the validated DTO (never spread, so no
 * unknown key and none of the read-only fields can travel along), and fields that were not given are
 * left out rather than set to undefined (`defined`, the domain's helper).
 */

/** `{ items }` → `{ items }` with each element mapped; undefined stays undefined. */
const mapList = <D, T>(list: { items: readonly D[] } | undefined, map: (item: D) => T): { items: T[] } | undefined =>
  list && { items: list.items.map(map) };

export const toContact = (dto: ContactDto): Contact => ({ matchKey: dto.matchKey, matchKeyType: dto.matchKeyType });

export const toArticle = (dto: ArticleDto): Article =>
  defined({ sku: dto.sku, name: dto.name, description: dto.description, imageUri: dto.imageUri, targetUri: dto.targetUri });

export const toReturnDetails = (dto: ReturnDetailsDto): ReturnDetails => defined({ type: dto.type, reason: dto.reason });

export const toDiscount = (dto: DiscountDto): Discount => defined({ type: dto.type, description: dto.description, amount: dto.amount });

export const toTax = (dto: TaxDto): Tax =>
  defined({ type: dto.type, description: dto.description, percent: dto.percent, amount: dto.amount });

export const toFee = (dto: FeeDto): Fee =>
  defined({ type: dto.type, description: dto.description, amount: dto.amount, taxes: mapList(dto.taxes, toTax) });

export const toPayment = (dto: PaymentDto): Payment =>
  defined({ method: dto.method, description: dto.description, amount: dto.amount, reference: dto.reference });

export const toDelivery = (dto: DeliveryDto): Delivery =>
  defined({ method: dto.method, trackingNumber: dto.trackingNumber, trackingUri: dto.trackingUri, deliveryDate: dto.deliveryDate });

/** The platform's `firstname` / `lastname` become `firstName` / `lastName` (the DTO refuses both spellings at once). */
export const toAddress = (dto: AddressDto): Address =>
  defined({
    title: dto.title,
    firstName: dto.firstName ?? dto.firstname,
    lastName: dto.lastName ?? dto.lastname,
    street: dto.street,
    postalCode: dto.postalCode,
    city: dto.city,
    countryCode: dto.countryCode,
    email: dto.email,
    phone: dto.phone,
  });

export const toLineItem = (dto: LineItemDto): LineItemInput =>
  defined({
    id: dto.id,
    type: dto.type,
    quantity: dto.quantity,
    article: toArticle(dto.article),
    totalPrice: dto.totalPrice,
    pricePerUnit: dto.pricePerUnit,
    originalPricePerUnit: dto.originalPricePerUnit,
    originalTotalPrice: dto.originalTotalPrice,
    discounts: mapList(dto.discounts, toDiscount),
    taxes: mapList(dto.taxes, toTax),
    externalStatus: dto.externalStatus,
    returnDetails: dto.returnDetails && toReturnDetails(dto.returnDetails),
    group: dto.group,
  });

/** The order of an E2/E4 body, without its `orderAction` and read-only fields. */
export function toOrderInput(dto: OrderDto): OrderInput {
  return defined({
    orderId: dto.orderId,
    contact: toContact(dto.contact),
    status: dto.status,
    externalStatus: dto.externalStatus,
    currencyCode: dto.currencyCode,
    totalPrice: dto.totalPrice,
    createdAt: dto.createdAt,
    lastChangedAt: dto.lastChangedAt,
    references: dto.references && [...dto.references],
    externalStoreId: dto.externalStoreId,
    channel: dto.channel,
    lineItems: defined({ items: dto.lineItems.items.map(toLineItem), subTotal: dto.lineItems.subTotal }),
    payments: mapList(dto.payments, toPayment),
    discounts: mapList(dto.discounts, toDiscount),
    taxes: mapList(dto.taxes, toTax),
    fees: mapList(dto.fees, toFee),
    delivery: dto.delivery && toDelivery(dto.delivery),
    billingAddress: dto.billingAddress && toAddress(dto.billingAddress),
    shippingAddress: dto.shippingAddress && toAddress(dto.shippingAddress),
  });
}

/**
 * The order of an E2/E4 body as its command carries it. A body the compiled schema accepted is the parsed JSON
 * itself (plain objects, nothing unknown in it), and the domain's `normalizeOrder` reads it field by field as
 * it reads {@link toOrderInput}'s copy — the same fields, the same `firstname` alias — so that copy (about 12 µs
 * of a registration's CPU) is skipped. It is still made when the command has an `Idempotency-Key`: the key's
 * request hash is taken over the mapped order, and a retry must hash as it did before. A body that only
 * class-validator accepted (class instances) is always mapped. `order-input.mapper.spec.ts` checks that both
 * ways decide the same.
 */
export function commandOrderInput(dto: OrderDto, meta: { idempotencyKey?: string }): OrderInput {
  return !meta.idempotencyKey && isPlainObject(dto) ? (dto as unknown as OrderInput) : toOrderInput(dto);
}

/** An embedded `orderAction`, or undefined. `data` (an object, or a string holding one) is copied as a plain JSON object. */
export function toOrderAction(dto: OrderActionDto | undefined): OrderAction | undefined {
  if (!dto) return undefined;
  return defined({
    action: dto.action,
    language: dto.language,
    data: dto.data === undefined ? undefined : (JSON.parse(JSON.stringify(actionDataObject(dto.data))) as Record<string, unknown>),
  });
}

/** An E2/E4 body as the domain takes it: the order and its optional action. */
export function toOrderChange(dto: OrderDto): { order: OrderInput; orderAction?: OrderAction } {
  return defined({ order: toOrderInput(dto), orderAction: toOrderAction(dto.orderAction) });
}
