import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { ARTICLE_NAME_MAX } from '@orders/domain';
import { NullAsMissing } from '../common/validation';
import { TextField } from '../orders/dto/field.decorators';

/** Body of `PUT /articles/{sku}`. */
export class ArticleRegisterDto {
  @TextField({ required: false, maxLength: ARTICLE_NAME_MAX, description: 'Article name.', example: 'Shirt' })
  name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: 'Attributes used by segmentation as `article.<name>`: text, numbers or booleans (at most 50).',
    example: { brand: 'Acme', category: 'Shirts', colour: 'Red', size: 'M' },
  })
  @NullAsMissing()
  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;
}
