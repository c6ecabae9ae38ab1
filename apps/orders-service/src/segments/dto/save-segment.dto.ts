import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { SegmentDefinitionDto } from './segment-definition.dto';

export const MAX_SEGMENT_NAME_LENGTH = 200;

/** `POST /segments` and `PUT /segments/{segmentId}`: a named segment, validated against the grammar on save. */
export class SaveSegmentDto extends SegmentDefinitionDto {
  @ApiProperty({
    type: String,
    description: 'Display name.',
    example: 'Repeat buyers of red shirts',
    minLength: 1,
    maxLength: MAX_SEGMENT_NAME_LENGTH,
  })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_SEGMENT_NAME_LENGTH)
  name!: string;
}
