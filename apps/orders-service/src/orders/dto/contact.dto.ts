import { MATCH_KEY_TYPES, type MatchKeyType } from '@orders/domain/order';
import { EnumField, TextField } from './field.decorators';
import { MAX_TEXT_LENGTH } from './order-limits';

/** The contact the order belongs to, identified by one of its keys (SPEC §3 `contact`). */
export class ContactDto {
  @TextField({
    required: true,
    maxLength: MAX_TEXT_LENGTH,
    notBlank: true,
    description: 'Value of the key that identifies the contact (an e-mail address, a member number, …).',
    example: 'john@example.com',
  })
  matchKey!: string;

  @EnumField(MATCH_KEY_TYPES, 'MatchKeyType', {
    required: true,
    description: 'Which contact key `matchKey` is.',
    example: 'Email',
  })
  matchKeyType!: MatchKeyType;
}
