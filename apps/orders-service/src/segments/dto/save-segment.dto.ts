import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { NullAsMissing } from '../../common/validation';
import { FILTER_DESCRIPTION, FILTER_EXAMPLE, HAVING_DESCRIPTION, HAVING_EXAMPLE } from './segment-examples';

export const MAX_SEGMENT_NAME_LENGTH = 200;

/** `POST /segments` and `PUT /segments/{segmentId}`: a named segment, validated against the grammar on save. */
export class SaveSegmentDto {
  @ApiProperty({ type: String, description: 'Display name.', example: 'Repeat buyers of red shirts', minLength: 1, maxLength: MAX_SEGMENT_NAME_LENGTH })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_SEGMENT_NAME_LENGTH)
  name!: string;

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
