import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ACTION_NAMES } from '@orders/domain/order';
import { DELIVERY_STATES } from '@orders/automations';

/** Response shapes of the automation routes (documentation only; the presenters build the bodies). */
@ApiSchema({ name: 'AutomationEndpoint' })
export class AutomationEndpointDto {
  @ApiProperty({ example: '725ff412-0f3c-4d43-9d6e-5b1f7c9e2a10' }) id!: string;
  @ApiProperty({ example: 'https://hooks.example/orders' }) url!: string;
  @ApiPropertyOptional({ enum: [...ACTION_NAMES], isArray: true, description: 'absent: every action' }) actions?: string[];
  @ApiProperty({ example: '2026-12-04T17:15:21.787Z' }) createdAt!: string;
}

@ApiSchema({ name: 'AutomationPageLink' })
export class AutomationPageLinkDto {
  @ApiProperty({ enum: ['next', 'previous'] }) rel!: string;
  @ApiProperty({ example: '/api/v3/automations/deliveries?offset=10&count=10' }) href!: string;
  @ApiProperty({ enum: ['GET'] }) method!: string;
}

class AutomationPageDto {
  @ApiProperty({ example: 1 }) totalCount!: number;
  @ApiProperty({ example: 0 }) offset!: number;
  @ApiProperty({ example: 10 }) count!: number;
  @ApiProperty({ type: [AutomationPageLinkDto], description: 'present only where that page has items' }) links!: AutomationPageLinkDto[];
}

@ApiSchema({ name: 'AutomationEndpointPage' })
export class AutomationEndpointPageDto extends AutomationPageDto {
  @ApiProperty({ type: [AutomationEndpointDto], description: 'oldest first' }) items!: AutomationEndpointDto[];
}

@ApiSchema({ name: 'AutomationDelivery' })
export class AutomationDeliveryDto {
  @ApiProperty({ description: 'the `x-delivery-id` (the same on every attempt)', example: '3f1c…' }) id!: string;
  @ApiProperty() endpointId!: string;
  @ApiProperty({ example: 'A-2001' }) orderId!: string;
  @ApiProperty({ description: 'the `x-trigger-id`: the action event' }) triggerId!: string;
  @ApiProperty({ enum: [...ACTION_NAMES] }) action!: string;
  @ApiProperty({ description: "the order's versionTag the trigger carries", example: '1-0f3c2a91' }) versionTag!: string;
  @ApiProperty({ enum: DELIVERY_STATES }) state!: string;
  @ApiProperty({ description: 'attempts made so far', example: 2 }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, description: 'the last failure: `HTTP <status>` or a short reason', example: 'HTTP 503' })
  lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'when it is tried next (pending and retrying only)' })
  nextAttemptAt!: string | null;
  @ApiProperty({ example: '2026-12-04T17:15:21.787Z' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) deliveredAt!: string | null;
}

@ApiSchema({ name: 'AutomationDeliveryPage' })
export class AutomationDeliveryPageDto extends AutomationPageDto {
  @ApiProperty({ type: [AutomationDeliveryDto], description: 'newest first' }) items!: AutomationDeliveryDto[];
}

@ApiSchema({ name: 'AutomationDeadLetter' })
export class AutomationDeadLetterDto {
  @ApiProperty() id!: string;
  @ApiProperty() endpointId!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty() triggerId!: string;
  @ApiProperty({ enum: [...ACTION_NAMES] }) action!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String, example: 'connection refused' }) lastError!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the trigger as it is POSTed' }) trigger!: Record<
    string,
    unknown
  >;
}

@ApiSchema({ name: 'AutomationDeadLetterPage' })
export class AutomationDeadLetterPageDto extends AutomationPageDto {
  @ApiProperty({ type: [AutomationDeadLetterDto], description: 'oldest first' }) items!: AutomationDeadLetterDto[];
}

@ApiSchema({ name: 'AutomationRetryAccepted' })
export class AutomationRetryAcceptedDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['Pending'] }) status!: string;
}
