import { ApiProperty, ApiPropertyOptional, ApiSchema, OmitType } from '@nestjs/swagger';
import { RegisterOrderDto } from '../orders/dto';

/** Response bodies of the orders API, for the OpenAPI document only (the presenters build them). */

const JOB_ID = 'MDpBLTEwMDE';

@ApiSchema({ name: 'Job', description: 'An asynchronous change (E2, E4, E5, E8, E9) and its state (E6).' })
export class JobDto {
  @ApiProperty({ description: 'Identifies the change: poll `href` for its state.', example: JOB_ID })
  jobId!: string;

  @ApiProperty({ example: 'A-1001' })
  orderId!: string;

  @ApiProperty({
    enum: ['Pending', 'Completed', 'Failed'],
    description: '`Completed` once every read model reflects the change.',
    example: 'Pending',
  })
  status!: 'Pending' | 'Completed' | 'Failed';

  @ApiProperty({ description: 'The job itself.', example: `/api/v3/orders/jobs/${JOB_ID}` })
  href!: string;

  @ApiPropertyOptional({ description: 'The versionTag the change produced; present once completed.', example: '0-4k2j9a' })
  versionTag?: string;
}

@ApiSchema({ name: 'Order', description: 'An order as stored (SPEC §3) with its derived `type` and its current `versionTag`.' })
export class OrderViewDto extends OmitType(RegisterOrderDto, ['orderAction'] as const) {}

@ApiSchema({ name: 'PageLink' })
export class PageLinkDto {
  @ApiProperty({ enum: ['next', 'previous'], example: 'next' })
  rel!: 'next' | 'previous';

  @ApiProperty({ example: '/api/v3/orders?contactId=contact-1&offset=10&count=10' })
  href!: string;

  @ApiProperty({ enum: ['GET'], example: 'GET' })
  method!: 'GET';
}

@ApiSchema({ name: 'OrderPage', description: "A page of a contact's orders, newest createdAt first (E1)." })
export class OrderPageDto {
  @ApiProperty({ type: () => [OrderViewDto] })
  items!: OrderViewDto[];

  @ApiProperty({ example: 23 })
  totalCount!: number;

  @ApiProperty({ example: 0 })
  offset!: number;

  @ApiProperty({ example: 10 })
  count!: number;

  @ApiProperty({ type: () => [PageLinkDto], description: 'A link is present only where that page exists.' })
  links!: PageLinkDto[];
}

@ApiSchema({ name: 'OrderWarning', description: 'An accepted problem in the integration log (SPEC §4).' })
export class OrderWarningDto {
  @ApiProperty({ enum: ['SUMS_DO_NOT_ADD_UP', 'CONTACT_MISSING', 'ARTICLE_MISSING', 'STORE_MISSING'], example: 'SUMS_DO_NOT_ADD_UP' })
  code!: string;

  @ApiProperty({ example: 'The payments (190) do not add up to totalPrice (199).' })
  message!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    example: { payments: 190, totalPrice: 199 },
  })
  details!: Record<string, number | string>;
}

@ApiSchema({ name: 'OrderWarnings', description: "The order's integration log, current warnings first." })
export class OrderWarningsDto {
  @ApiProperty({ example: 'A-1001' })
  orderId!: string;

  @ApiProperty({ example: '0-4k2j9a' })
  versionTag!: string;

  @ApiProperty({ type: () => [OrderWarningDto] })
  items!: OrderWarningDto[];
}
