import { describe, expect, it } from 'vitest';
import { ChangeDeliveryDto } from './change-delivery.dto';
import { ChangeStatusDto } from './change-status.dto';
import { toOrderAction, toOrderInput } from './order-input.mapper';
import { RegisterOrderDto } from './order.dto';
import { fieldErrors, minimalOrderBody, validDto, withLine } from './order-body.fixture-spec';

/* Issue 18 point 7 and issue 19 point 1 at the API's own validation (the DTOs), with exact field paths. */

const LONE = 'x\udc00';
const SURROGATE = 'must be well-formed Unicode (no lone surrogates)';

describe('the DTOs: every text field refuses lone surrogates (the domain rule, one predicate)', () => {
  it('order fields, a line, delivery and both addresses, each on its path', async () => {
    const body = {
      ...withLine({ quantity: 1, totalPrice: 1, article: { sku: 'S', name: LONE }, group: LONE }),
      externalStatus: LONE,
      channel: LONE,
      delivery: { trackingNumber: LONE, trackingUri: LONE },
      billingAddress: { email: LONE, firstname: LONE },
      shippingAddress: { title: LONE },
      orderAction: { action: 'Custom', language: LONE },
    };
    expect(await fieldErrors(body, RegisterOrderDto)).toStrictEqual({
      externalStatus: [`externalStatus ${SURROGATE}`],
      channel: [`channel ${SURROGATE}`],
      'lineItems.items[0].article.name': [`name ${SURROGATE}`],
      'lineItems.items[0].group': [`group ${SURROGATE}`],
      'delivery.trackingNumber': [`trackingNumber ${SURROGATE}`],
      'delivery.trackingUri': [`trackingUri ${SURROGATE}`],
      'billingAddress.email': [`email ${SURROGATE}`],
      'billingAddress.firstname': [`firstname ${SURROGATE}`],
      'shippingAddress.title': [`title ${SURROGATE}`],
      'orderAction.language': [`language ${SURROGATE}`],
    });
  });

  it('E8 and E9 bodies too', async () => {
    expect(await fieldErrors({ externalStatus: LONE }, ChangeStatusDto)).toStrictEqual({ externalStatus: [`externalStatus ${SURROGATE}`] });
    expect(await fieldErrors({ trackingNumber: LONE }, ChangeDeliveryDto)).toStrictEqual({
      trackingNumber: [`trackingNumber ${SURROGATE}`],
    });
  });
});

describe('the DTOs: date-times in range as instants', () => {
  it('refuses year 10000 and year 0 written with an offset', async () => {
    const errors = await fieldErrors(
      { ...minimalOrderBody(), createdAt: '9999-12-31T23:59:59-23:59', lastChangedAt: '0001-01-01T00:00:00+14:00' },
      RegisterOrderDto,
    );
    const range = 'must be an instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z';
    expect(errors).toStrictEqual({ createdAt: [`createdAt ${range}`], lastChangedAt: [`lastChangedAt ${range}`] });
    expect(await fieldErrors({ deliveryDate: '9999-12-31T23:30:00-01:00' }, ChangeDeliveryDto)).toHaveProperty(['deliveryDate']);
  });

  it('accepts the edges', async () => {
    const dto = await validDto(
      { ...minimalOrderBody(), createdAt: '9999-12-31T23:59:59Z', lastChangedAt: '0001-01-01T00:00:00-0100' },
      RegisterOrderDto,
    );
    expect(dto.createdAt).toBe('9999-12-31T23:59:59Z');
  });
});

describe("the DTOs: the platform's spellings", () => {
  it('address title, firstname and lastname map to title, firstName, lastName', async () => {
    const dto = await validDto(
      {
        ...minimalOrderBody(),
        billingAddress: { title: 'Mr', firstname: 'John', lastname: 'Doe', email: 'john@example.com' },
        shippingAddress: { firstName: 'Jane', lastname: 'Roe' },
      },
      RegisterOrderDto,
    );
    const input = toOrderInput(dto);
    expect(input.billingAddress).toStrictEqual({ title: 'Mr', firstName: 'John', lastName: 'Doe', email: 'john@example.com' });
    expect(input.shippingAddress).toStrictEqual({ firstName: 'Jane', lastName: 'Roe' });
  });

  it('both spellings of one name are a 400 at the alias', async () => {
    expect(
      await fieldErrors({ ...minimalOrderBody(), shippingAddress: { lastName: 'Doe', lastname: 'Doe' } }, RegisterOrderDto),
    ).toStrictEqual({
      'shippingAddress.lastname': ['lastname must not be sent together with lastName (the same field in another spelling; send one)'],
    });
  });

  it('action data as an object or as a string holding one; both become the object', async () => {
    for (const data of [{ campaign: 'spring' }, '{"campaign":"spring"}']) {
      const dto = await validDto({ status: 'Completed', orderAction: { action: 'Custom', data } }, ChangeStatusDto);
      expect(toOrderAction(dto.orderAction)).toStrictEqual({ action: 'Custom', data: { campaign: 'spring' } });
    }
    expect(await fieldErrors({ status: 'Completed', orderAction: { action: 'Custom', data: 7 } }, ChangeStatusDto)).toStrictEqual({
      'orderAction.data': ['data must be an object'],
    });
  });
});
