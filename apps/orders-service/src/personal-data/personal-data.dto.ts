import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { HistoryEntryDto, RegisteredContactDto } from '../openapi/api-responses.dto';
import { OrderViewDto, OrderWarningDto } from '../openapi/order-responses.dto';

/** Response bodies of the personal-data endpoints, for the OpenAPI document (docs/personal-data.md). */

@ApiSchema({
  name: 'ErasureStatus',
  description: "The state of a contact's erasure: Completed once every read model and file reflects it.",
})
export class ErasureStatusDto {
  @ApiProperty({ example: 'contact-1' })
  contactId!: string;

  @ApiProperty({ enum: ['Pending', 'Completed'], example: 'Pending' })
  status!: 'Pending' | 'Completed';

  @ApiProperty({ format: 'date-time', example: '2026-12-05T08:30:00.123Z' })
  erasedAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The API key that erased.', example: 'privacy-desk' })
  apiKeyName!: string | null;

  @ApiProperty({ example: '/api/v3/contacts/contact-1/erasure' })
  href!: string;
}

@ApiSchema({ name: 'ErasureAccepted' })
export class ErasureAcceptedDto extends ErasureStatusDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Orders that named the person (they stay, anonymous).', example: 3 })
  ordersErased!: number;
}

@ApiSchema({ name: 'PersonalDataOrder' })
export class PersonalDataOrderDto {
  @ApiProperty({ example: 'A-1001' })
  orderId!: string;

  @ApiProperty({ example: false })
  deleted!: boolean;

  @ApiProperty({ type: OrderViewDto, nullable: true, description: 'The order as E3 shows it; null until the read model has it.' })
  order!: OrderViewDto | null;

  @ApiProperty({ type: [HistoryEntryDto], description: 'Every event of the order, oldest first.' })
  history!: HistoryEntryDto[];
}

@ApiSchema({ name: 'PersonalDataWarning' })
export class PersonalDataWarningDto extends OrderWarningDto {
  @ApiProperty({ example: 'A-1001' })
  orderId!: string;
}

@ApiSchema({ name: 'PersonalDataTrigger', description: 'An automation trigger about one of the orders.' })
export class PersonalDataTriggerDto {
  @ApiProperty({ example: 'A-1001' })
  orderId!: string;

  @ApiProperty({ format: 'uuid' })
  triggerId!: string;

  @ApiProperty({ example: 'ConfirmOrder' })
  action!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The endpoint URL (null when the endpoint was removed).' })
  endpoint!: string | null;

  @ApiProperty({ enum: ['pending', 'retrying', 'delivered', 'dead', 'cancelled'] })
  state!: string;

  @ApiProperty({ format: 'date-time' })
  enqueuedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: string | null;
}

@ApiSchema({ name: 'ErasedMark' })
export class ErasedMarkDto {
  @ApiProperty({ format: 'date-time' })
  erasedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  apiKeyName!: string | null;
}

@ApiSchema({ name: 'PersonalDataExport', description: 'Everything the service holds about a person (GDPR art. 15, 20).' })
export class PersonalDataExportDto {
  @ApiProperty({ example: 'contact-1' })
  contactId!: string;

  @ApiProperty({ format: 'date-time' })
  exportedAt!: string;

  @ApiProperty({ type: ErasedMarkDto, nullable: true, description: 'Set once the person was erased: what is left reads `[erased]`.' })
  erased!: ErasedMarkDto | null;

  @ApiProperty({
    type: RegisteredContactDto,
    nullable: true,
    description: 'The register entry now (without contactId); null when there is none.',
  })
  contact!: RegisteredContactDto | null;

  @ApiProperty({ type: [PersonalDataOrderDto] })
  orders!: PersonalDataOrderDto[];

  @ApiProperty({ type: [PersonalDataWarningDto] })
  warnings!: PersonalDataWarningDto[];

  @ApiProperty({ type: [PersonalDataTriggerDto] })
  triggers!: PersonalDataTriggerDto[];
}
