import { Injectable, type PipeTransform } from '@nestjs/common';
import { validationFailed } from '../common/problem/api-error';
import { DOT_SEGMENT_MESSAGE, isDotSegment } from '@orders/domain/order-id-rules';

/**
 * The `{orderId}` of a path: `.` and `..` are never orderIds (they cannot be used in a URL), so a
 * request naming one is a 400 VALIDATION_FAILED at `orderId`, as a register with that id is.
 * Use as `@Param('orderId', OrderIdPipe)`.
 */
@Injectable()
export class OrderIdPipe implements PipeTransform<string, string> {
  transform(orderId: string): string {
    if (isDotSegment(orderId))
      throw validationFailed({ orderId: [`orderId ${DOT_SEGMENT_MESSAGE}`] }, 'The orderId in the path is not valid.');
    return orderId;
  }
}
