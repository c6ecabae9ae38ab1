import { ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERY_STATES, type DeliveryState } from '@orders/automations';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ToInteger } from '../common/validation';

/** `offset` and `count` of the automation lists (endpoints, deliveries, dead letters), as on every other list. */
export class AutomationPageQueryDto {
  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @ToInteger()
  @IsInt()
  @Min(0)
  offset: number = 0;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 100 })
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  count: number = 10;
}

export class DeliveriesQueryDto extends AutomationPageQueryDto {
  @ApiPropertyOptional({
    enum: DELIVERY_STATES,
    description:
      'pending: not tried yet · retrying: failed, tried again at nextAttemptAt · delivered · dead (a dead letter) · cancelled (endpoint removed)',
  })
  @IsOptional()
  @IsIn([...DELIVERY_STATES])
  state?: DeliveryState;

  @ApiPropertyOptional({ description: 'only the deliveries to this endpoint' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  endpointId?: string;

  @ApiPropertyOptional({ description: 'only the deliveries of this order' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  orderId?: string;
}
