import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { NullAsMissing } from '../../common/validation';
import { TextField } from './field.decorators';
import { MAX_TEXT_LENGTH } from './order-limits';
import { IsCountryCode, NotTogetherWith } from './order-rules';

/**
 * A billing or shipping address. E-mail and phone are kept as the client sent them (length-checked only):
 * they are address data printed on documents, not contact keys.
 *
 * `firstname` and `lastname` (the spelling of the platform this service mirrors) are accepted as aliases of
 * `firstName` and `lastName`; an order is written back with the camelCase names only. Sending both
 * spellings of one field is a 400 at the alias's path.
 */
export class AddressDto {
  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'Title, e.g. "Mr", "Ms", "Dr".', example: 'Mr' })
  title?: string;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'First name.', example: 'John' })
  firstName?: string;

  @TextField({
    required: false,
    maxLength: MAX_TEXT_LENGTH,
    description: 'Input only: `firstName` as the platform spells it; stored and returned as `firstName`. Not together with `firstName`.',
    example: 'John',
  })
  @NotTogetherWith('firstName')
  firstname?: string;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'Last name.', example: 'Doe' })
  lastName?: string;

  @TextField({
    required: false,
    maxLength: MAX_TEXT_LENGTH,
    description: 'Input only: `lastName` as the platform spells it; stored and returned as `lastName`. Not together with `lastName`.',
    example: 'Doe',
  })
  @NotTogetherWith('lastName')
  lastname?: string;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'Street and number.', example: 'Example Avenue 12' })
  street?: string;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'Postal code.', example: '123 45' })
  postalCode?: string;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'City.', example: 'Gothenburg' })
  city?: string;

  @ApiPropertyOptional({
    type: String,
    description: 'ISO 3166-1 alpha-2 country code; accepted in any casing, written back upper-case.',
    example: 'SE',
    minLength: 2,
    maxLength: 2,
  })
  @NullAsMissing()
  @IsOptional()
  @IsString()
  @IsCountryCode()
  countryCode?: string;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'E-mail address.', example: 'john@example.com' })
  email?: string;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: 'Phone number.', example: '+46700111222' })
  phone?: string;
}
