import { Transform } from 'class-transformer';
import { QueryText } from '../../common/validation';
import { DateTimeField } from './field.decorators';
import { MAX_ID_LENGTH, MAX_VERSION_TAG_LENGTH } from './order-limits';

/**
 * Query of E3 `GET /orders/{orderId}[?contactId=]`, plus the time-travel parameters of SPEC §7
 * (`?versionTag=…` / `?at=<date-time>`), which would otherwise be rejected as unknown.
 * Whether both `versionTag` and `at` may be combined is the controller's decision.
 */
export class GetOrderQueryDto {
  @QueryText({
    required: false,
    description: 'When given, the order is returned only if it belongs to this contact (404 otherwise).',
    example: 'c-42',
    maxLength: MAX_ID_LENGTH,
  })
  contactId?: string;

  @QueryText({ required: false, description: 'Return the order as it was at this versionTag.', maxLength: MAX_VERSION_TAG_LENGTH })
  versionTag?: string;

  @DateTimeField({
    required: false,
    description: 'Return the order as it was at this instant (ISO 8601 with offset).',
    example: '2025-03-02T08:30:00Z',
  })
  // an unencoded `+01:00` arrives as ` 01:00` (a `+` in a query string is a space): put the `+` back
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/ ([0-9]{2}:[0-9]{2})$/, '+$1') : value), {
    toClassOnly: true,
  })
  at?: string;
}
