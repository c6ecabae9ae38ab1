import { bench, describe } from 'vitest';
import { createValidationPipe } from '../apps/orders-service/src/common/validation';
import { RegisterOrderDto } from '../apps/orders-service/src/orders/dto/order.dto';
import { toOrderChange } from '../apps/orders-service/src/orders/dto/order-input.mapper';
import { compiledOrderBodies } from '../apps/orders-service/src/orders/dto/validation-paths.fixture-spec';
import { fullOrder, minimalOrder } from './support/orders';

/*
 * The validation cost of one registration body, old path (class-transformer + class-validator) against the
 * new one (compiled schema first), up to the domain input (toOrderChange). Not part of `npm test`:
 *   npx vitest bench --run test/validation.bench.ts
 */
const oldPipe = createValidationPipe();
const newPipe = compiledOrderBodies().then((compiled) => createValidationPipe(compiled));
const metadata = { type: 'body' as const, metatype: RegisterOrderDto };

for (const [name, body] of [
  ['minimal order', minimalOrder('bench-1')],
  ['full order (every field, 2 lines)', fullOrder('bench-2')],
  [
    'order of 50 lines',
    minimalOrder('bench-3', 'c', { lineItems: { items: Array.from({ length: 50 }, () => fullOrder().lineItems.items[0]) } }),
  ],
] as const) {
  const text = JSON.stringify(body);
  describe(name, () => {
    bench('old: class-validator', async () => {
      toOrderChange((await oldPipe.transform(JSON.parse(text), metadata)) as RegisterOrderDto);
    });
    bench('new: compiled first', async () => {
      toOrderChange((await (await newPipe).transform(JSON.parse(text), metadata)) as RegisterOrderDto);
    });
  });
}
