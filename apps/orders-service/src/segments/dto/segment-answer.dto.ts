import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes (documentation only). */
export class SegmentContactDto {
  @ApiProperty({ example: 'c-42' }) contactId!: string;
  @ApiProperty({ example: 3, description: 'matched orders of this contact' }) orderCount!: number;
  @ApiProperty({ example: 1499.5, description: "sum of the matched orders' totalPrice" }) totalPrice!: number;
}

export class SegmentLinkDto {
  @ApiProperty({ enum: ['next', 'previous'] }) rel!: string;
  @ApiProperty({ example: '/api/v3/segments/5f0c…/contacts?offset=10&count=10' }) href!: string;
  @ApiProperty({ enum: ['GET', 'POST'] }) method!: string;
  @ApiPropertyOptional({ description: 'POST links: send the same body with these offset and count', example: { offset: 10, count: 10 } })
  body?: { offset: number; count: number };
}

export class SegmentAnswerDto {
  @ApiProperty({ example: 1234, description: 'matched orders (with no having: including orders without a resolved contact)' })
  orderCount!: number;
  @ApiProperty({ example: 321, description: 'distinct contacts (that pass having)' }) contactCount!: number;
  @ApiProperty({ type: [SegmentContactDto], description: 'orderCount desc, then contactId' }) contacts!: SegmentContactDto[];
  @ApiProperty({ example: 0 }) offset!: number;
  @ApiProperty({ example: 10 }) count!: number;
  @ApiProperty({ type: [SegmentLinkDto] }) links!: SegmentLinkDto[];
}

export class SavedSegmentDto {
  @ApiProperty({ example: '0b6f2a4e-3c1d-4f7a-9a51-2f5d0c3e8b11' }) segmentId!: string;
  @ApiProperty({ example: 'Repeat buyers' }) name!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) filter!: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) having?: Record<string, unknown>;
  @ApiProperty({ example: '2026-06-15T12:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-06-15T12:00:00.000Z' }) updatedAt!: string;
}

/** Body of `GET /segments`: a page of saved segments, by name. */
export class SavedSegmentPageDto {
  @ApiProperty({ type: [SavedSegmentDto] }) items!: SavedSegmentDto[];
  @ApiProperty({ example: 3 }) totalCount!: number;
  @ApiProperty({ example: 0 }) offset!: number;
  @ApiProperty({ example: 10 }) count!: number;
  @ApiProperty({ type: [SegmentLinkDto], description: 'A link is present only where that page exists.' }) links!: SegmentLinkDto[];
}
