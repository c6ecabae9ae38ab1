import { DateTimeField, TextField } from './field.decorators';
import { MAX_LONG_TEXT_LENGTH, MAX_SHORT_TEXT_LENGTH, MAX_TEXT_LENGTH } from './order-limits';

/** How the order is delivered (SPEC §3 `delivery`; also the fields of the E9 change-delivery body). */
export class DeliveryDto {
  @TextField({ required: false, maxLength: MAX_SHORT_TEXT_LENGTH, description: 'Delivery method or carrier (free text).', example: 'DHL' })
  method?: string;

  @TextField({ required: false, maxLength: MAX_TEXT_LENGTH, description: "The carrier's tracking number.", example: '1234567890' })
  trackingNumber?: string;

  @TextField({
    required: false,
    maxLength: MAX_LONG_TEXT_LENGTH,
    description: 'URI where the shipment can be tracked (stored as given).',
    example: 'https://dhl.example.com/track/1234567890',
  })
  trackingUri?: string;

  @DateTimeField({
    required: false,
    description: 'When the order is (or was) delivered: ISO 8601 date-time with offset.',
    example: '2025-03-04T12:00:00+01:00',
  })
  deliveryDate?: string;
}
