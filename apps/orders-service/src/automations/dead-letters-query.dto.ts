import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ToInteger } from '../common/validation';

export class DeadLettersQueryDto {
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
