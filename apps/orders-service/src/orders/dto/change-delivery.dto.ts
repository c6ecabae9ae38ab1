import { DeliveryDto } from './delivery.dto';
import { NestedField } from './field.decorators';
import { OrderActionDto } from './order-action.dto';

/**
 * Body of E9 `POST /orders/{orderId}/change-delivery`: the delivery fields to set
 * (`method`, `trackingNumber`, `trackingUri`, `deliveryDate`; all optional), optionally with an
 * `orderAction`. Map it with `toDeliveryChange()`.
 */
export class ChangeDeliveryDto extends DeliveryDto {
  @NestedField(() => OrderActionDto, { required: false, description: 'An action to run on the version this change produces.' })
  orderAction?: OrderActionDto;
}
