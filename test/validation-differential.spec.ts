import { describe, expect, it } from 'vitest';
import { fullOrderBody, minimalOrderBody } from '../apps/orders-service/src/orders/dto/order-body.fixture-spec';
import { ReplaceOrderDto } from '../apps/orders-service/src/orders/dto/order.dto';
import { bothPaths, compareOutcomes, type Verdict } from '../apps/orders-service/src/orders/dto/validation-paths.fixture-spec';
import { prng } from './support/fuzz-inputs';
import { mutate, RAW_BODIES } from './support/order-mutations';
import { fullOrder, minimalOrder } from './support/orders';

/*
 * Issue 15 point 1: a body goes through the old validation path (class-transformer + class-validator) and
 * the new one (the ajv schema compiled from the OpenAPI document first, class-validator as the reporter
 * when it fails). Both must give the same answer: the same domain input for a valid body, the same code
 * and the same errors (paths and messages) for an invalid one. The one allowed difference is a hostile
 * body the new path refuses early ("pruned": an array over its maxItems, or more than 100 failing paths):
 * then it lists a subset of the old path's paths. The DTO specs (apps/orders-service/src/orders/dto) run
 * every order body they check through both paths as well (order-body.fixture-spec.ts `runPipe`).
 */

const SEEDS = [1, 2, 3, 15, 2026, Number(process.env.FUZZ_SEED ?? Date.now() % 100000)];
const LONE = 'x\ud800y';

interface Tally {
  same: number;
  pruned: number;
  compiled: number;
  fallbackAccepted: number;
  different: string[];
}

async function run(bodies: Iterable<unknown>, replace = false): Promise<Tally> {
  const tally: Tally = { same: 0, pruned: 0, compiled: 0, fallbackAccepted: 0, different: [] };
  for (const body of bodies) {
    const both = await bothPaths(body, replace ? ReplaceOrderDto : undefined);
    const verdict: Verdict = compareOutcomes(both);
    if (verdict.verdict === 'different') tally.different.push(`${JSON.stringify(body).slice(0, 300)}\n${verdict.detail}`);
    else tally[verdict.verdict]++;
    if (both.compiledAccepted) tally.compiled++;
    else if (both.new.ok) tally.fallbackAccepted++;
  }
  return tally;
}

function* fuzzed(seed: number, count: number): Generator<unknown> {
  const random = prng(seed);
  for (let i = 0; i < count; i++) {
    const base = i % 3 === 0 ? minimalOrder(`fuzz-${seed}-${i}`) : i % 3 === 1 ? fullOrder(`fuzz-${seed}-${i}`) : fullOrderBody();
    yield mutate(base as Record<string, unknown>, random).body;
  }
}

describe('validation differential: the old path and the compiled one answer alike', () => {
  it(`fuzzed orders (seeds ${SEEDS.join(', ')}; 300 each) and raw bodies: no difference`, { timeout: 120_000 }, async () => {
    const tally = await run([...SEEDS.flatMap((seed) => [...fuzzed(seed, 300)]), ...RAW_BODIES]);

    console.log(`differential fuzz: ${JSON.stringify({ ...tally, different: tally.different.length })}`);
    expect(tally.different, tally.different.slice(0, 3).join('\n\n')).toEqual([]);
    // both kinds of valid body occur: the compiled path's own, and the lenient ones only class-validator takes
    expect(tally.compiled).toBeGreaterThan(30);
    expect(tally.fallbackAccepted).toBeGreaterThan(0);
  });

  it('valid bodies as clients send them take the compiled path and give the same domain input; E4 too', async () => {
    const valid = [minimalOrder('v-1'), fullOrder('v-2'), minimalOrderBody(), minimalOrder('v-3', 'c', { references: [] })];
    for (const replace of [false, true]) {
      const tally = await run(valid, replace);
      expect(tally).toMatchObject({ same: valid.length, compiled: valid.length, different: [] });
    }
    // enum values in another casing, lower-case codes, null for absent fields: class-validator's leniency, kept
    const lenient = await run([fullOrderBody(), minimalOrder('l-1', 'c', { currencyCode: 'sek', status: 'in progress', channel: null })]);
    expect(lenient).toMatchObject({ same: 2, compiled: 0, fallbackAccepted: 2, different: [] });
  });

  it('the input-rules fixtures: lone surrogates, ids, date-times out of range, the platform spellings', async () => {
    const bodies = [
      minimalOrder('r-1', 'c', {
        references: ['fine', LONE],
        externalStatus: LONE,
        channel: LONE,
        delivery: { trackingNumber: LONE, trackingUri: LONE },
        billingAddress: { email: LONE },
        shippingAddress: { email: LONE },
      }),
      minimalOrder('r-2', 'c', { references: ['ok', '..', 'a\u0001b'] }),
      minimalOrder('..'),
      minimalOrder('a\u0001b'),
      minimalOrder(' '),
      minimalOrder('r-3', 'c', { createdAt: '9999-12-31T23:59:59-23:59' }),
      minimalOrder('r-4', 'c', { createdAt: '0001-01-01T00:00:00+14:00' }),
      minimalOrder('r-5', 'c', { lastChangedAt: '9999-12-31T23:30:00-01:00' }),
      minimalOrder('r-6', 'c', { createdAt: '9999-12-31T23:59:59+0100', lastChangedAt: '0001-01-01T00:00:00z' }),
      minimalOrder('r-7', 'c', { billingAddress: { firstname: 'A', lastname: 'B' } }),
      minimalOrder('r-8', 'c', { billingAddress: { firstname: 'A', firstName: 'A' } }),
      minimalOrder('r-9', 'c', { orderAction: { action: 'ConfirmOrder', data: '{"a":1}' } }),
      minimalOrder('r-10', 'c', { orderAction: { action: 'ConfirmOrder', data: '[1]' } }),
      minimalOrder('r-11', 'c', { orderAction: { action: 'ConfirmOrder', data: { constructor: 1 } } }),
      minimalOrder('r-12', 'c', {
        lineItems: { items: [{ quantity: 1, article: { sku: 'S' }, totalPrice: 1, returnDetails: { reason: 'x' } }] },
      }),
      minimalOrder('r-13', 'c', {
        lineItems: { items: [{ type: 'Return', quantity: 1, article: { sku: 'S' }, totalPrice: 1, returnDetails: { reason: 'x' } }] },
      }),
      minimalOrder('r-14', 'c', { currencyCode: 'XXY' }),
      minimalOrder('r-15', 'c', { shippingAddress: { countryCode: 'SE' } }),
      minimalOrder('r-16', 'c', { shippingAddress: { countryCode: 'QQ' } }),
      minimalOrder('r-17', 'c', { lineItems: { items: [{ quantity: 0, article: { sku: 'S' }, totalPrice: 1 }] } }),
      minimalOrder('r-18', 'c', { totalPrice: 1e16 }),
      minimalOrder('r-19', 'c', { contact: { matchKey: '   ', matchKeyType: 'Email' } }),
    ];
    const tally = await run(bodies);

    expect(tally.different, tally.different.join('\n\n')).toEqual([]);
    expect(tally.same).toBe(bodies.length);
  });

  it('hostile sizes (scaled so that the old path ends): refused early with a subset of the old paths', { timeout: 120_000 }, async () => {
    const empties = (count: number): object[] => Array.from({ length: count }, () => ({}));
    const unknownKeys = (count: number): Record<string, number> =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));
    const line = { quantity: 1, article: { sku: 'S' }, totalPrice: 1 };
    const bodies = [
      minimalOrder('h-1', 'c', { lineItems: { items: empties(1_500) } }),
      minimalOrder('h-2', 'c', { payments: { items: empties(500) } }),
      minimalOrder('h-3', 'c', { lineItems: { items: [{ ...line, taxes: { items: empties(500) } }] } }),
      { ...minimalOrder('h-4'), ...unknownKeys(300) },
      minimalOrder('h-5', 'c', { lineItems: { items: empties(150) } }),
    ];
    for (const body of bodies) {
      const both = await bothPaths(body);
      expect(compareOutcomes(both), JSON.stringify(both.new).slice(0, 300)).toEqual({ verdict: 'pruned' });
      expect(both.new.ok).toBe(false);
      if (!both.new.ok) expect(Object.keys(both.new.errors!).length).toBeLessThanOrEqual(100);
    }
  });
});
