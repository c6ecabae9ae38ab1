import { STORE_NAME_MAX } from '@orders/domain';
import { TextField } from '../orders/dto/field.decorators';

/** Body of `PUT /stores/{externalStoreId}`. */
export class StoreRegisterDto {
  @TextField({ required: false, maxLength: STORE_NAME_MAX, description: 'Store name.', example: 'Stockholm City' })
  name?: string;

  @TextField({ required: false, maxLength: 2, description: 'ISO 3166-1 alpha-2 country code (any casing).', example: 'SE' })
  country?: string;
}
