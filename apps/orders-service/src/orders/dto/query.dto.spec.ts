import { describe, expect, it } from 'vitest';
import { GetOrderQueryDto } from './get-order-query.dto';
import { ListOrdersQueryDto } from './list-orders-query.dto';
import { fieldErrors, validDto } from './order-body.fixture-spec';

const list = (query: Record<string, unknown>) => validDto(query, ListOrdersQueryDto, 'query');
const listErrors = (query: Record<string, unknown>) => fieldErrors(query, ListOrdersQueryDto, 'query');

describe('ListOrdersQueryDto (E1 query)', () => {
  it('defaults offset to 0 and count to 10', async () => {
    const query = await list({ contactId: 'c-42' });

    expect(query).toBeInstanceOf(ListOrdersQueryDto);
    expect({ ...query }).toStrictEqual({ contactId: 'c-42', offset: 0, count: 10 });
  });

  it('converts the query strings to numbers', async () => {
    const query = await list({ contactId: 'c-42', offset: '20', count: '100' });

    expect(query.offset).toBe(20);
    expect(query.count).toBe(100);
  });

  it('accepts a query object without prototype (as Fastify builds them)', async () => {
    const raw = Object.assign(Object.create(null) as Record<string, unknown>, { contactId: 'c-1', count: '5' });

    expect({ ...(await list(raw)) }).toStrictEqual({ contactId: 'c-1', offset: 0, count: 5 });
  });

  it.each([
    ['abc', 'offset must be an integer ≥ 0'],
    ['', 'offset must be an integer ≥ 0'],
    ['1e3', 'offset must be an integer ≥ 0'],
    ['1.5', 'offset must be an integer ≥ 0'],
    [' 5', 'offset must be an integer ≥ 0'],
    ['-1', 'offset must be an integer ≥ 0'],
    ['0x10', 'offset must be an integer ≥ 0'],
    [['1', '2'], 'offset must be an integer ≥ 0'],
    ['99999999999999999', 'offset must be an integer ≥ 0'],
  ])('rejects offset %j', async (offset, message) => {
    expect(await listErrors({ contactId: 'c', offset })).toStrictEqual({ offset: [message] });
  });

  it.each(['0', '101', 'abc', '1.5', '-3'])('rejects count %j, telling the range', async (count) => {
    expect(await listErrors({ contactId: 'c', count })).toStrictEqual({ count: ['count must be an integer from 1 to 100'] });
  });

  it('requires contactId (1–100 characters, one value) and rejects unknown parameters', async () => {
    expect(await listErrors({})).toStrictEqual({ contactId: ['contactId is required'] });
    expect(await listErrors({ contactId: '' })).toStrictEqual({ contactId: ['contactId must be 1–100 characters'] });
    expect(await listErrors({ contactId: 'c'.repeat(101) })).toStrictEqual({ contactId: ['contactId must be 1–100 characters'] });
    expect(await listErrors({ contactId: ['a', 'b'], page: '2' })).toStrictEqual({
      page: ['property page should not exist'],
      contactId: ['contactId must be given once'],
    });
  });
});

describe('GetOrderQueryDto (E3 query)', () => {
  it('accepts no parameter at all', async () => {
    const query = await validDto({}, GetOrderQueryDto, 'query');

    expect(query.contactId).toBeUndefined();
  });

  it('accepts contactId, versionTag and at', async () => {
    const query = await validDto({ contactId: 'c-42', versionTag: 'v3.abc', at: '2025-03-02T08:30:00Z' }, GetOrderQueryDto, 'query');

    expect({ ...query }).toStrictEqual({ contactId: 'c-42', versionTag: 'v3.abc', at: '2025-03-02T08:30:00Z' });
  });

  it('puts back the `+` of an unencoded offset in `at` (it arrives as a space)', async () => {
    const query = await validDto({ at: '2025-03-02T08:30:00 01:00' }, GetOrderQueryDto, 'query');

    expect(query.at).toBe('2025-03-02T08:30:00+01:00');
  });

  it('rejects an empty contactId, a date without offset and unknown parameters', async () => {
    expect(await fieldErrors({ contactId: '', at: '2025-03-02', foo: 'x' }, GetOrderQueryDto, 'query')).toStrictEqual({
      foo: ['property foo should not exist'],
      contactId: ['contactId must be 1–100 characters'],
      at: ['at must be an ISO 8601 date-time with an offset (Z or ±hh:mm)'],
    });
  });

  it('tells a too long versionTag and a repeated parameter in the API words', async () => {
    expect(await fieldErrors({ versionTag: 'v'.repeat(201), contactId: ['a', 'b'] }, GetOrderQueryDto, 'query')).toStrictEqual({
      contactId: ['contactId must be given once'],
      versionTag: ['versionTag must be 1–200 characters'],
    });
  });
});
