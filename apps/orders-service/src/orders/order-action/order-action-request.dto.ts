import { OrderActionDto } from '../dto/order-action.dto';
import { TextField } from '../dto/field.decorators';

/** Body of E7 `POST /orders/{orderId}/action`: an action on the order's current versionTag (SPEC §5). */
export class OrderActionRequestDto extends OrderActionDto {
  @TextField({
    required: true,
    maxLength: 64,
    description: "The order's current versionTag (from E3 or a completed job); otherwise 404 VERSION_TAG_MISMATCH.",
    example: '0-1a2b3c4d',
  })
  versionTag!: string;
}
