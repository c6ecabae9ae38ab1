import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PageLinkDto } from './order-responses.dto';

/**
 * Response bodies of the endpoints besides the order itself, for the OpenAPI document only (the
 * controllers and presenters build them). Each matches what the running service answers; the
 * e2e suite `test/openapi-answers.e2e.spec.ts` validates real answers against these schemas.
 */

/** Any JSON value (the document says nothing of its type). */
const ANY_JSON = { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object' }, { type: 'array', items: {} }] };

// — the audit history (GET /orders/{orderId}/history) —

@ApiSchema({ name: 'FieldChange', description: 'One field-level change of the order content, by JSON path.' })
export class FieldChangeDto {
  @ApiProperty({ enum: ['added', 'removed', 'changed'], example: 'changed' })
  op!: 'added' | 'removed' | 'changed';

  @ApiProperty({ example: 'status' })
  path!: string;

  @ApiPropertyOptional({ ...ANY_JSON, nullable: true, description: 'The value before (`removed`, `changed`).', example: 'InProgress' })
  from?: unknown;

  @ApiPropertyOptional({ ...ANY_JSON, nullable: true, description: 'The value after (`added`, `changed`).', example: 'Completed' })
  to?: unknown;
}

@ApiSchema({ name: 'HistoryEntry', description: 'One event of the order stream (SPEC §7).' })
export class HistoryEntryDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 })
  revision!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The versionTag of the order after this event (an action or delete keeps the previous one).',
    example: '1-3f9a2c1e',
  })
  versionTag!: string | null;

  @ApiProperty({ description: 'The event type.', example: 'OrderStatusChanged' })
  type!: string;

  @ApiProperty({ format: 'date-time', description: 'When the event was committed.', example: '2026-03-02T08:30:00.123Z' })
  time!: string;

  @ApiProperty({ description: 'Whether the order was deleted after this event.', example: false })
  deleted!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'The name of the API key that made the change.', example: 'shop' })
  apiKeyName!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '956df1cb-cd6c-4702-b057-35955e36dd6e' })
  correlationId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '956df1cb-cd6c-4702-b057-35955e36dd6e' })
  causationId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'MTpBLTEwMDE' })
  jobId!: string | null;

  @ApiProperty({ type: () => [FieldChangeDto] })
  changes!: FieldChangeDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The action requested (`OrderActionRequested` events only).',
    example: { action: 'ConfirmOrder' },
  })
  action?: Record<string, unknown>;
}

@ApiSchema({ name: 'OrderHistoryPage', description: "A page of the order's audit history, oldest event first." })
export class OrderHistoryPageDto {
  @ApiProperty({ example: 'A-1001' })
  orderId!: string;

  @ApiProperty({ type: () => [HistoryEntryDto] })
  items!: HistoryEntryDto[];

  @ApiProperty({ type: 'integer', example: 4 })
  totalCount!: number;

  @ApiProperty({ type: 'integer', example: 0 })
  offset!: number;

  @ApiProperty({ type: 'integer', example: 10 })
  count!: number;

  @ApiProperty({ type: () => [PageLinkDto], description: 'A link is present only where that page exists.' })
  links!: PageLinkDto[];
}

// — GET /admin/projections —

@ApiSchema({ name: 'ProjectionStatus' })
export class ProjectionStatusDto {
  @ApiProperty({ example: 'orders' })
  name!: string;

  @ApiProperty({ type: 'integer', description: 'Global position up to which the projection has applied the log.', example: 1200 })
  position!: number;

  @ApiProperty({ type: 'integer', description: 'Position of the last event in the log.', example: 1203 })
  head!: number;

  @ApiProperty({ type: 'integer', description: '`head - position`, in log positions.', example: 3 })
  lag!: number;

  @ApiProperty({ example: false })
  caughtUp!: boolean;
}

@ApiSchema({ name: 'ProjectionStatusList' })
export class ProjectionStatusListDto {
  @ApiProperty({ type: () => [ProjectionStatusDto] })
  items!: ProjectionStatusDto[];
}

// — the registers —

@ApiSchema({ name: 'RegisteredContact', description: 'A contact of the register as stored (normalized: e-mail lower case, phone E.164).' })
export class RegisteredContactDto {
  @ApiProperty({ example: 'c-42' })
  contactId!: string;

  @ApiPropertyOptional({ example: 'ada@example.com' })
  email?: string;

  @ApiPropertyOptional({ example: '+46701234567' })
  mobilePhone?: string;

  @ApiPropertyOptional({ example: 'M-1001' })
  memberNumber?: string;

  @ApiPropertyOptional({ example: 'crm-42' })
  externalId?: string;

  @ApiPropertyOptional({ example: '19121212-1212' })
  socialSecurityNumber?: string;

  @ApiPropertyOptional({ example: 'Ada' })
  firstName?: string;

  @ApiPropertyOptional({ example: 'Lovelace' })
  lastName?: string;
}

@ApiSchema({ name: 'RegisteredArticle', description: 'An article of the register as stored.' })
export class RegisteredArticleDto {
  @ApiProperty({ example: 'SHOE-42-BLK' })
  sku!: string;

  @ApiPropertyOptional({ example: 'Running shoe' })
  name?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: 'Attributes used by segmentation as `article.<name>` (`{}` when none).',
    example: { brand: 'Acme', size: 42 },
  })
  attributes!: Record<string, string | number | boolean>;
}

@ApiSchema({ name: 'RegisteredStore', description: 'A store of the register as stored.' })
export class RegisteredStoreDto {
  @ApiProperty({ example: 'Ecom-Europe' })
  externalStoreId!: string;

  @ApiPropertyOptional({ example: 'Stockholm City' })
  name?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2, upper case.', example: 'SE' })
  country?: string;
}

// — automations —
