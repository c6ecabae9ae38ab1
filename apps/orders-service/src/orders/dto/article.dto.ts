import { RETURN_TYPES, type ReturnType } from '@orders/domain/order';
import { EnumField, TextField } from './field.decorators';
import { MAX_ID_LENGTH, MAX_LONG_TEXT_LENGTH, MAX_TEXT_LENGTH } from './order-limits';

/** What a line is about. The SKU is the variant level and is looked up in the article register. */
export class ArticleDto {
  @TextField({
    required: true,
    maxLength: MAX_ID_LENGTH,
    notBlank: true,
    description: 'Stock-keeping unit (variant level).',
    example: 'SHOE-42-BLK',
  })
  sku!: string;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'Name of the article.', example: 'Running shoe, black, 42' })
  name?: string;

  @TextField({
    required: false,
    maxLength: MAX_LONG_TEXT_LENGTH,
    description: 'Description of the article.',
    example: 'Lightweight running shoe with a breathable upper.',
  })
  description?: string;

  @TextField({
    required: false,
    maxLength: MAX_LONG_TEXT_LENGTH,
    description: 'URI of an image of the article (stored as given).',
    example: 'https://shop.example.com/img/shoe-42-blk.jpg',
  })
  imageUri?: string;

  @TextField({
    required: false,
    maxLength: MAX_LONG_TEXT_LENGTH,
    description: "URI of the article's product page (stored as given).",
    example: 'https://shop.example.com/p/shoe',
  })
  targetUri?: string;
}

/** Why a `Return` line was returned. */
export class ReturnDetailsDto {
  @EnumField(RETURN_TYPES, 'ReturnType', { required: true, description: 'Kind of return.', example: 'Complaint' })
  type!: ReturnType;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'Free-text reason for the return.', example: 'Sole came loose' })
  reason?: string;
}
