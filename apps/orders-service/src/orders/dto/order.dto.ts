import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Exclude } from 'class-transformer';
import { Allow, ArrayMaxSize, IsArray, IsDefined, IsOptional, IsString, Length } from 'class-validator';
import { ORDER_STATUSES, ORDER_TYPES, type OrderStatus } from '@orders/domain/order';
import { CompiledValidation, NullAsMissing } from '../../common/validation';
import { AddressDto } from './address.dto';
import { DiscountsDto, FeesDto, TaxesDto } from './adjustments.dto';
import { ContactDto } from './contact.dto';
import { DeliveryDto } from './delivery.dto';
import { DateTimeField, EnumField, MoneyField, NestedField, TextField } from './field.decorators';
import { LineItemsDto } from './line-item.dto';
import { OrderActionDto } from './order-action.dto';
import { MAX_ID_LENGTH, MAX_REFERENCES, MAX_SHORT_TEXT_LENGTH, MAX_VERSION_TAG_LENGTH } from './order-limits';
import { IsCurrencyCode, IsNotDotSegment } from './order-rules';
import { PaymentsDto } from './payment.dto';

/**
 * The whole order as a client sends it (SPEC §3): the body of E2 (register) and E4 (replace).
 * Map it to the domain with `toOrderInput()` / `toOrderAction()`.
 */
export abstract class OrderDto {
  @TextField({
    required: true,
    maxLength: MAX_ID_LENGTH,
    notBlank: true,
    noControlCharacters: true,
    description: 'Client-defined, unique order id (used in paths).',
    example: 'order-1001',
  })
  @IsNotDotSegment()
  orderId!: string;

  @NestedField(() => ContactDto, { required: true, description: 'The contact the order belongs to.' })
  contact!: ContactDto;

  @EnumField(ORDER_STATUSES, 'OrderStatus', { required: true, description: 'Status of the order.', example: 'InProgress' })
  status!: OrderStatus;

  @TextField({
    required: false,
    maxLength: MAX_SHORT_TEXT_LENGTH,
    description: "The client's own status (shown as status detail).",
    example: 'Picked',
  })
  externalStatus?: string;

  @ApiProperty({
    type: String,
    description: 'ISO 4217 alphabetic currency code; any casing, written back upper-case.',
    example: 'SEK',
    minLength: 3,
    maxLength: 3,
  })
  @IsDefined()
  @IsString()
  @IsCurrencyCode()
  currencyCode!: string;

  @MoneyField({ required: true, description: 'Order total, taxes and discounts included.', example: 1647 })
  totalPrice!: number;

  @DateTimeField({
    required: false,
    description: 'When the order was placed in the client system; defaults to registration time.',
    example: '2025-03-01T12:00:00+01:00',
  })
  createdAt?: string;

  @DateTimeField({ required: false, description: 'Last change in the client system.', example: '2025-03-02T08:30:00+01:00' })
  lastChangedAt?: string;

  @ApiPropertyOptional({
    type: String,
    isArray: true,
    maxItems: MAX_REFERENCES,
    items: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH },
    description:
      'Other orderIds, e.g. the purchase a return order refers to. Each follows the orderId rule (1–100 characters, not blank, ' +
      "no control characters or lone surrogates, not '.' or '..'); a failing one is reported at `references[i]`.",
    example: ['order-0999'],
  })
  @NullAsMissing()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_REFERENCES)
  @IsString({ each: true })
  @Length(1, MAX_ID_LENGTH, { each: true })
  references?: string[];

  @TextField({
    required: false,
    maxLength: MAX_SHORT_TEXT_LENGTH,
    description: 'External id of the store (free text).',
    example: 'Ecom-Europe',
  })
  externalStoreId?: string;

  @TextField({ required: false, maxLength: MAX_SHORT_TEXT_LENGTH, description: 'Sales channel (free text).', example: 'Ecom' })
  channel?: string;

  @NestedField(() => LineItemsDto, { required: true, description: 'The lines: `{ items: [≥ 1 line], subTotal? }`.' })
  lineItems!: LineItemsDto;

  @NestedField(() => PaymentsDto, { required: false, description: 'The payments: `{ items }`.' })
  payments?: PaymentsDto;

  @NestedField(() => DiscountsDto, { required: false, description: 'Order-level discounts: `{ items }`.' })
  discounts?: DiscountsDto;

  @NestedField(() => TaxesDto, { required: false, description: 'Order-level taxes: `{ items }`.' })
  taxes?: TaxesDto;

  @NestedField(() => FeesDto, { required: false, description: 'Fees: `{ items }`.' })
  fees?: FeesDto;

  @NestedField(() => DeliveryDto, { required: false, description: 'How the order is delivered.' })
  delivery?: DeliveryDto;

  @NestedField(() => AddressDto, { required: false, description: 'Billing address.' })
  billingAddress?: AddressDto;

  @NestedField(() => AddressDto, { required: false, description: 'Shipping address.' })
  shippingAddress?: AddressDto;

  @NestedField(() => OrderActionDto, {
    required: false,
    description: 'Request only: an action to run on the version this change produces.',
  })
  orderAction?: OrderActionDto;

  /*
   * Read-only fields. `type` (derived from the lines) and `versionTag` (the revision) are written by the
   * service and appear on every order it returns. A client that GETs an order, edits it and PUTs it back
   * sends them along, so they must not fail validation: `@Allow()` whitelists them (no
   * "property type should not exist"), and `@Exclude({ toClassOnly: true })` keeps class-transformer from
   * copying them onto the DTO, so whatever value was sent is dropped before validation and never reaches
   * the domain (`toOrderInput` does not read them either). They are never validated nor stored.
   */
  @ApiPropertyOptional({
    readOnly: true,
    enum: [...ORDER_TYPES],
    enumName: 'OrderType',
    description: 'Read-only, derived by the service; ignored on input.',
  })
  @Allow()
  @Exclude({ toClassOnly: true })
  readonly type?: unknown;

  @ApiPropertyOptional({
    readOnly: true,
    type: String,
    maxLength: MAX_VERSION_TAG_LENGTH,
    description: 'Read-only, set by the service; ignored on input.',
  })
  @Allow()
  @Exclude({ toClassOnly: true })
  readonly versionTag?: unknown;
}

/** Body of E2 `POST /orders`: register a new order (compiled validation first: common/validation/compiled-bodies.ts). */
@CompiledValidation()
export class RegisterOrderDto extends OrderDto {}

/** Body of E4 `PUT /orders/{orderId}`: replace the whole order (its `orderId` must be the one in the path). */
@CompiledValidation()
export class ReplaceOrderDto extends OrderDto {}
