import { DISCOUNT_TYPES, FEE_TYPES, TAX_TYPES, type DiscountType, type FeeType, type TaxType } from '@orders/domain/order';
import { EnumField, MoneyField, NestedArrayField, NestedField, NumberField, TextField } from './field.decorators';
import { MAX_MONEY_LIST_ITEMS, MAX_TEXT_LENGTH } from './order-limits';

/*
 * Discounts, taxes and fees. Every list is wrapped as `{ items }`, on the header as on the lines and fees.
 * (Classes are declared before use: decorator metadata refers to them when the class is defined.)
 */

/** A discount (in `discounts.items`, on the header or on a line). */
export class DiscountDto {
  @EnumField(DISCOUNT_TYPES, 'DiscountType', { required: false, description: 'Kind of discount.', example: 'Coupon' })
  type?: DiscountType;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'Description of the discount.', example: 'SPRING25' })
  description?: string;

  @MoneyField({ required: true, description: 'Discount amount (≥ 0) in the order currency.', example: 100 })
  amount!: number;
}

/** A tax (in `taxes.items`, on the header, on a line or on a fee). */
export class TaxDto {
  @EnumField(TAX_TYPES, 'TaxType', { required: true, description: 'Kind of tax.', example: 'VAT' })
  type!: TaxType;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'Description of the tax.', example: 'VAT 25%' })
  description?: string;

  @NumberField({ required: false, description: 'Tax rate in percent (≥ 0).', example: 25 })
  percent?: number;

  @MoneyField({ required: true, description: 'Tax amount (≥ 0) in the order currency.', example: 319.8 })
  amount!: number;
}

/** Discounts: `{ items }`. */
export class DiscountsDto {
  @NestedArrayField(() => DiscountDto, { required: true, maxItems: MAX_MONEY_LIST_ITEMS, description: 'The discounts.' })
  items!: DiscountDto[];
}

/** Taxes: `{ items }`. */
export class TaxesDto {
  @NestedArrayField(() => TaxDto, { required: true, maxItems: MAX_MONEY_LIST_ITEMS, description: 'The taxes.' })
  items!: TaxDto[];
}

/** A fee on the order (shipping, handling, …). */
export class FeeDto {
  @EnumField(FEE_TYPES, 'FeeType', { required: true, description: 'Kind of fee.', example: 'Shipping' })
  type!: FeeType;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'Description of the fee.', example: 'Home delivery' })
  description?: string;

  @MoneyField({ required: true, description: 'Fee amount (≥ 0) in the order currency, tax included.', example: 49 })
  amount!: number;

  @NestedField(() => TaxesDto, { required: false, description: 'Taxes included in the fee: `{ items }`.' })
  taxes?: TaxesDto;
}

/** Fees: `{ items }`. */
export class FeesDto {
  @NestedArrayField(() => FeeDto, { required: true, maxItems: MAX_MONEY_LIST_ITEMS, description: 'The fees of the order.' })
  items!: FeeDto[];
}
