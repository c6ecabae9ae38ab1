import { CONTACT_FIELD_MAX } from '@orders/domain';
import { TextField } from '../orders/dto/field.decorators';

const field = (description: string, example: string) =>
  TextField({ required: false, maxLength: CONTACT_FIELD_MAX, noControlCharacters: true, description, example });

/** Body of `PUT /contacts/{contactId}`: the whole entry (fields left out are removed). */
export class ContactRegisterDto {
  @field('E-mail address; order match keys of type Email compare with it case-insensitively.', 'ada@example.com')
  email?: string;

  @field(
    'Mobile phone with country code; stored and matched in E.164 (spaces, dashes and parentheses are ignored, 00 means +).',
    '+46 70 123 45 67',
  )
  mobilePhone?: string;

  @field('Member number (match key MemberNumber).', 'M-1001')
  memberNumber?: string;

  @field("The client system's own id of the contact (match key ExternalId).", 'crm-42')
  externalId?: string;

  @field('Social security number (match key SocialSecurityNumber).', '19121212-1212')
  socialSecurityNumber?: string;

  @field('First name.', 'Ada')
  firstName?: string;

  @field('Last name.', 'Lovelace')
  lastName?: string;
}
