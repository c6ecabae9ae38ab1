import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { ToInteger } from '../../common/validation';
import { DEFAULT_PAGE_COUNT, MAX_ID_LENGTH, MAX_PAGE_COUNT } from './order-limits';

/**
 * Query of E1 `GET /orders?contactId=&offset=0&count=10`. Query strings arrive as strings:
 * `offset` and `count` are converted to numbers here (only plain digits; `"1e3"`, `""`, `"-1"` are
 * rejected), and default to 0 and 10 when absent.
 */
export class ListOrdersQueryDto {
  @ApiProperty({ type: String, description: 'The contact whose orders to list.', example: 'c-42', minLength: 1, maxLength: MAX_ID_LENGTH })
  @IsDefined()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  contactId!: string;

  @ApiPropertyOptional({ type: Number, description: 'How many orders to skip.', minimum: 0, default: 0, example: 0 })
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset: number = 0;

  @ApiPropertyOptional({
    type: Number,
    description: 'Page size.',
    minimum: 1,
    maximum: MAX_PAGE_COUNT,
    default: DEFAULT_PAGE_COUNT,
    example: DEFAULT_PAGE_COUNT,
  })
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_COUNT)
  count: number = DEFAULT_PAGE_COUNT;
}
