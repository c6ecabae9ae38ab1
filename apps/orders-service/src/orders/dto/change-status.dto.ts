import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, ValidateIf } from 'class-validator';
import { ORDER_STATUSES, type OrderStatus } from '@orders/domain/order';
import { NullAsMissing, ToCanonicalEnum } from '../../common/validation';
import { NestedField, TextField } from './field.decorators';
import { OrderActionDto } from './order-action.dto';
import { MAX_SHORT_TEXT_LENGTH } from './order-limits';

/**
 * Body of E8 `POST /orders/{orderId}/change-status`: `status` and/or `externalStatus` (at least one),
 * optionally with an `orderAction`. Map it with `toStatusChange()`.
 */
export class ChangeStatusDto {
  @ApiPropertyOptional({
    enum: [...ORDER_STATUSES],
    enumName: 'OrderStatus',
    description:
      'New status. Required unless `externalStatus` is given. Accepted case-insensitively and with spaces; written back canonically.',
    example: 'Completed',
  })
  @NullAsMissing()
  @ToCanonicalEnum(ORDER_STATUSES)
  // validated when given, and when neither field is given (then reported as missing, on `status`)
  @ValidateIf((dto: ChangeStatusDto) => dto.status !== undefined || dto.externalStatus === undefined)
  @IsDefined({ message: 'at least one of status and externalStatus must be given' })
  @IsIn([...ORDER_STATUSES])
  status?: OrderStatus;

  @TextField({
    required: false,
    maxLength: MAX_SHORT_TEXT_LENGTH,
    description: "New status detail (the client's own status). Required unless `status` is given.",
    example: 'Shipped',
  })
  externalStatus?: string;

  @NestedField(() => OrderActionDto, { required: false, description: 'An action to run on the version this change produces.' })
  orderAction?: OrderActionDto;
}
