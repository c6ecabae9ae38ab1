import type { OrderSummary } from '../api/types';
import { dateTime, money } from '../format';
import { href } from '../router';
import { StatusBadge, TypeBadge } from './badges';

/** Orders as rows: id (link), created, status and type badges, total in its currency, line count, and optional extras. */
export function OrderTable({ orders, warnings, caption }: { orders: OrderSummary[]; warnings?: Map<string, number>; caption: string }) {
  return (
    <div class="overflow-auto">
      <table class="striped">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Created</th>
            <th scope="col">Status</th>
            <th scope="col">Type</th>
            <th scope="col" class="num">
              Total
            </th>
            <th scope="col" class="num">
              Lines
            </th>
            {warnings ? (
              <th scope="col" class="num">
                Warnings
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.orderId}>
              <td>
                <a href={href(['order', order.orderId])}>{order.orderId}</a>
              </td>
              <td>{dateTime(order.createdAt)}</td>
              <td>
                <StatusBadge status={order.status} />
              </td>
              <td>
                <TypeBadge type={order.type} />
              </td>
              <td class="num">{money(order.totalPrice, order.currencyCode)}</td>
              <td class="num">{order.lineCount}</td>
              {warnings ? <td class="num">{warnings.get(order.orderId) ?? '…'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
