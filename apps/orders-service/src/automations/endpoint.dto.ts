import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { ACTION_NAMES } from '@orders/domain/order';
import { canonicalEnum } from '@orders/domain/enums';
import { NullAsMissing } from '../common/validation';

/** Body of `POST /automations/endpoints`. */
export class CreateEndpointDto {
  @ApiProperty({ description: 'Where triggers are POSTed (http or https).', example: 'https://hooks.example/orders', maxLength: 2000 })
  @IsDefined()
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url!: string;

  @ApiProperty({ description: 'Shared secret of the HMAC-SHA256 `x-signature` header. Never returned.', minLength: 16, maxLength: 256 })
  @IsDefined()
  @IsString()
  @Length(16, 256)
  secret!: string;

  @ApiPropertyOptional({ enum: [...ACTION_NAMES], isArray: true, description: 'Only these actions (default: all).' })
  @NullAsMissing()
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => canonicalEnum(v, ACTION_NAMES) ?? v) : value), {
    toClassOnly: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ACTION_NAMES.length)
  @IsIn([...ACTION_NAMES], { each: true })
  actions?: string[];
}
