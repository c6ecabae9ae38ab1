import { LINE_TYPES, type LineType } from '@orders/domain/order';
import { ArticleDto, ReturnDetailsDto } from './article.dto';
import { DiscountsDto, TaxesDto } from './adjustments.dto';
import { EnumField, MoneyField, NestedArrayField, NestedField, NumberField, TextField } from './field.decorators';
import { MAX_ID_LENGTH, MAX_LINE_ITEMS, MAX_SHORT_TEXT_LENGTH } from './order-limits';
import { OnlyOnReturnLines } from './order-rules';

/** One line of the order (`lineItems.items[]`). */
export class LineItemDto {
  @TextField({
    required: false,
    minLength: 1,
    maxLength: MAX_ID_LENGTH,
    description: 'Line id, unique within the order when given.',
    example: '1',
  })
  id?: string;

  @EnumField(LINE_TYPES, 'LineType', {
    required: false,
    description: 'Direction of the line; `Purchase` when omitted.',
    example: 'Purchase',
  })
  type?: LineType;

  @NumberField({
    required: true,
    positive: true,
    description: 'Quantity (> 0; the line `type` carries the direction).',
    example: 2,
  })
  quantity!: number;

  @NestedField(() => ArticleDto, { required: true, description: 'The article of the line.' })
  article!: ArticleDto;

  @MoneyField({ required: true, description: 'Net line total: all units, discounts applied, taxes included.', example: 1598 })
  totalPrice!: number;

  @MoneyField({ required: false, description: 'Net price per unit, discounts applied, taxes included.', example: 799 })
  pricePerUnit?: number;

  @MoneyField({ required: false, description: 'Price per unit before discounts, taxes included.', example: 899 })
  originalPricePerUnit?: number;

  @MoneyField({ required: false, description: 'Line total before discounts, taxes included.', example: 1798 })
  originalTotalPrice?: number;

  @NestedField(() => DiscountsDto, { required: false, description: 'Discounts applied to this line: `{ items }`, as on the header.' })
  discounts?: DiscountsDto;

  @NestedField(() => TaxesDto, { required: false, description: 'Taxes included in this line: `{ items }`, as on the header.' })
  taxes?: TaxesDto;

  @TextField({ required: false, maxLength: MAX_SHORT_TEXT_LENGTH, description: "The client's own status of the line.", example: 'Picked' })
  externalStatus?: string;

  @NestedField(() => ReturnDetailsDto, { required: false, description: 'Only on `Return` lines: why it was returned.' })
  @OnlyOnReturnLines()
  returnDetails?: ReturnDetailsDto;

  @TextField({
    required: false,
    maxLength: MAX_SHORT_TEXT_LENGTH,
    description: 'Free-text grouping, e.g. a delivery group.',
    example: 'parcel-1',
  })
  group?: string;
}

/** The lines of the order: `{ items: [≥ 1 line], subTotal? }`. */
export class LineItemsDto {
  // line ids must be unique within the order: the domain checks that (error on `lineItems.items[i].id`)
  @NestedArrayField(() => LineItemDto, { required: true, minItems: 1, maxItems: MAX_LINE_ITEMS, description: 'The lines (at least one).' })
  items!: LineItemDto[];

  @MoneyField({ required: false, description: 'Sum of the lines’ `totalPrice` (a mismatch is a warning, not an error).', example: 1598 })
  subTotal?: number;
}
