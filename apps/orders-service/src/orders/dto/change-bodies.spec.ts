import { describe, expect, it } from 'vitest';
import { ChangeDeliveryDto } from './change-delivery.dto';
import { ChangeStatusDto } from './change-status.dto';
import { toDeliveryChange, toStatusChange } from './change.mappers';
import { toOrderAction } from './order-input.mapper';
import { fieldErrors, validDto } from './order-body.fixture-spec';

describe('ChangeStatusDto (E8 body)', () => {
  it('maps status, externalStatus and the embedded action', async () => {
    const dto = await validDto(
      { status: 'completed', externalStatus: 'Delivered', orderAction: { action: 'confirm completion', language: 'en', data: { a: 1 } } },
      ChangeStatusDto,
    );

    expect(toStatusChange(dto)).toStrictEqual({
      status: 'Completed',
      externalStatus: 'Delivered',
      orderAction: { action: 'ConfirmCompletion', language: 'en', data: { a: 1 } },
    });
  });

  it('accepts either field alone', async () => {
    expect(toStatusChange(await validDto({ status: 'Cancelled' }, ChangeStatusDto))).toStrictEqual({ status: 'Cancelled' });
    expect(toStatusChange(await validDto({ externalStatus: 'Packed' }, ChangeStatusDto))).toStrictEqual({ externalStatus: 'Packed' });
    expect(toStatusChange(await validDto({ status: null, externalStatus: 'Packed' }, ChangeStatusDto))).toStrictEqual({
      externalStatus: 'Packed',
    });
  });

  it('requires at least one of status and externalStatus (reported on `status`)', async () => {
    const expected = { status: ['at least one of status and externalStatus must be given'] };

    expect(await fieldErrors({}, ChangeStatusDto)).toStrictEqual(expected);
    expect(await fieldErrors({ status: null, externalStatus: null }, ChangeStatusDto)).toStrictEqual(expected);
    expect(await fieldErrors({ orderAction: { action: 'Custom' } }, ChangeStatusDto)).toStrictEqual(expected);
  });

  it('reports invalid values, unknown properties and a bad action on their paths', async () => {
    const errors = await fieldErrors(
      { status: 'shipped', externalStatus: 'x'.repeat(101), orderAction: { action: 'Dance', data: 'x' }, note: 'hi' },
      ChangeStatusDto,
    );

    expect(errors).toStrictEqual({
      note: ['property note should not exist'],
      status: ['status must be one of the following values: InProgress, Completed, Cancelled'],
      externalStatus: ['externalStatus must be shorter than or equal to 100 characters'],
      'orderAction.action': [
        'action must be one of the following values: ConfirmOrder, ConfirmShipment, ConfirmDelivery, ConfirmCancellation, ConfirmCompletion, Custom',
      ],
      // a string is accepted only when it holds a JSON object (the platform sends `data` as a string)
      'orderAction.data': ['data must be a JSON object, or a string holding one'],
    });
  });
});

describe('ChangeDeliveryDto (E9 body)', () => {
  it('maps the delivery fields, and the action separately', async () => {
    const dto = await validDto(
      {
        method: 'Bring',
        trackingNumber: 'TN-1',
        trackingUri: 'https://bring.example.com/TN-1',
        deliveryDate: '2025-03-05T09:00:00+01:00',
        orderAction: { action: 'ConfirmShipment' },
      },
      ChangeDeliveryDto,
    );

    expect(toDeliveryChange(dto)).toStrictEqual({
      method: 'Bring',
      trackingNumber: 'TN-1',
      trackingUri: 'https://bring.example.com/TN-1',
      deliveryDate: '2025-03-05T09:00:00+01:00',
    });
    expect(toOrderAction(dto.orderAction)).toStrictEqual({ action: 'ConfirmShipment' });
  });

  it('accepts any subset of the fields (an empty delivery when only an action is sent)', async () => {
    expect(toDeliveryChange(await validDto({ trackingNumber: 'TN-2' }, ChangeDeliveryDto))).toStrictEqual({ trackingNumber: 'TN-2' });
    expect(toDeliveryChange(await validDto({ orderAction: { action: 'Custom' } }, ChangeDeliveryDto))).toStrictEqual({});
  });

  it('reports invalid fields and unknown properties on their paths', async () => {
    const errors = await fieldErrors(
      { method: 5, trackingNumber: 't'.repeat(256), deliveryDate: 'tomorrow', carrier: 'DHL', orderAction: [] },
      ChangeDeliveryDto,
    );

    expect(errors).toStrictEqual({
      carrier: ['property carrier should not exist'],
      method: ['method must be a string'],
      trackingNumber: ['trackingNumber must be shorter than or equal to 255 characters'],
      deliveryDate: ['deliveryDate must be an ISO 8601 date-time with an offset (Z or ±hh:mm)'],
      orderAction: ['orderAction must be an object'],
    });
  });
});
