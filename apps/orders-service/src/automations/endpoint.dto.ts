import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { TargetPolicy } from '@orders/automations';
import { ACTION_NAMES } from '@orders/domain/order';
import { canonicalEnum } from '@orders/domain/enums';
import { NullAsMissing } from '../common/validation';

/** Body of `POST /automations/endpoints`. */
export class CreateEndpointDto {
  @ApiProperty({
    description:
      'Where triggers are POSTed (http or https, without a user name or password). Its host must pass the automation target policy ' +
      '(no loopback, private or link-local address unless the operator allows it): else 422 `AUTOMATION_TARGET_NOT_ALLOWED`.',
    example: 'https://hooks.example/orders',
    maxLength: 2000,
  })
  @IsDefined()
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @ValidateBy({
    name: 'automationUrl',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && TargetPolicy.urlProblem(value) === null,
      defaultMessage: (args) => TargetPolicy.urlProblem(String(args?.value)) ?? 'url is invalid',
    },
  })
  url!: string;

  @ApiProperty({ description: 'Shared secret of the HMAC-SHA256 `x-signature` header. Never returned.', minLength: 16, maxLength: 256 })
  @IsDefined()
  @IsString()
  @Length(16, 256)
  secret!: string;

  @ApiPropertyOptional({
    enum: [...ACTION_NAMES],
    isArray: true,
    minItems: 1,
    description: 'Only these actions. Absent (or null): every action; an empty list is refused.',
  })
  @NullAsMissing()
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => canonicalEnum(v, ACTION_NAMES) ?? v) : value), {
    toClassOnly: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ACTION_NAMES.length)
  @IsIn([...ACTION_NAMES], { each: true })
  actions?: string[];
}
