import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsObject, IsOptional } from 'class-validator';
import { NullAsMissing } from '../../common/validation';
import { FILTER_DESCRIPTION, FILTER_EXAMPLE, HAVING_DESCRIPTION, HAVING_EXAMPLE } from './segment-examples';

/** What defines a segment (SPEC §6): a filter over orders and an optional per-contact `having`. */
export abstract class SegmentDefinitionDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: FILTER_DESCRIPTION, example: FILTER_EXAMPLE })
  @IsDefined()
  @IsObject()
  filter!: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: HAVING_DESCRIPTION, example: HAVING_EXAMPLE })
  @NullAsMissing()
  @IsOptional()
  @IsObject()
  having?: Record<string, unknown>;
}
