import { PAYMENT_METHODS, type PaymentMethod } from '@orders/domain/order';
import { EnumField, MoneyField, NestedArrayField, TextField } from './field.decorators';
import { MAX_MONEY_LIST_ITEMS, MAX_TEXT_LENGTH } from './order-limits';

/** One payment of the order. */
export class PaymentDto {
  @EnumField(PAYMENT_METHODS, 'PaymentMethod', { required: true, description: 'How it was paid.', example: 'Card' })
  method!: PaymentMethod;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'Description of the payment.', example: 'Visa ****1234' })
  description?: string;

  @MoneyField({ required: true, description: 'Amount paid (≥ 0) in the order currency.', example: 1549 })
  amount!: number;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: "The payment provider's reference.", example: 'psp-7f3a9c' })
  reference?: string;
}

/** Payments: `{ items }`. */
export class PaymentsDto {
  @NestedArrayField(() => PaymentDto, { required: true, maxItems: MAX_MONEY_LIST_ITEMS, description: 'The payments of the order.' })
  items!: PaymentDto[];
}
