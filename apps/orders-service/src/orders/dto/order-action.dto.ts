import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ACTION_NAMES, type ActionName } from '@orders/domain/order';
import { NullAsMissing } from '../../common/validation';
import { EnumField, TextField } from './field.decorators';
import { MAX_LANGUAGE_LENGTH } from './order-limits';
import { IsActionData } from './order-rules';

/**
 * An action embedded in a change (E2, E4, E8, E9): it runs on the order version that change produces,
 * so it needs no versionTag (SPEC §5). Request only; never stored on the order itself.
 */
export class OrderActionDto {
  @EnumField(ACTION_NAMES, 'OrderActionName', {
    required: true,
    description: 'The communication to trigger.',
    example: 'ConfirmOrder',
  })
  action!: ActionName;

  @TextField({
    required: false,
    maxLength: MAX_LANGUAGE_LENGTH,
    description: 'Language of the communication, e.g. a BCP 47 tag.',
    example: 'sv-SE',
  })
  language?: string;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'object', additionalProperties: true },
      { type: 'string', description: 'a JSON text of an object' },
    ],
    description:
      'Free-form JSON object passed on to the automation trigger (the domain limits its depth and size). ' +
      'Also accepted as a string holding a JSON object (the platform documents `data` as a string): ' +
      'it is stored, and passed on, as the object it holds.',
    example: { campaign: 'spring', showSurvey: true },
  })
  @NullAsMissing()
  @IsOptional()
  @IsActionData()
  data?: Record<string, unknown> | string;
}
