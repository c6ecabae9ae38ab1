import { useState } from 'preact/hooks';
import { ApiProblem, enc, get, query } from '../api/client';
import type { ContactOrderSummary, OrderSummary, OrderView, OrderWarnings, Page, RegisteredContact } from '../api/types';
import { OrderTable } from '../components/order-table';
import { Pager } from '../components/pager';
import { Loading, ProblemView, ScopeNote } from '../components/problem';
import { count, money } from '../format';
import { useScopes } from '../session';
import { useLoad } from '../use-load';

export const summaryOf = (order: OrderView): OrderSummary => ({
  orderId: order.orderId,
  status: order.status,
  type: order.type,
  createdAt: order.createdAt,
  totalPrice: order.totalPrice,
  currencyCode: order.currencyCode,
  lineCount: order.lineItems.items.length,
  versionTag: order.versionTag,
});

/** The contact card: the register entry, per-contact figures, and the contact's orders newest first. */
export function ContactPage({ contactId }: { contactId: string }) {
  const { can } = useScopes();
  return (
    <>
      <h1>
        Contact <code>{contactId}</code>
      </h1>
      {can('contacts') ? <RegisterEntry contactId={contactId} /> : <ScopeNote scope="contacts" what="the register entry" />}
      {can('orders:read') ? (
        <>
          <Figures contactId={contactId} />
          <ContactOrders contactId={contactId} />
        </>
      ) : (
        <ScopeNote scope="orders:read" what="the contact's orders" />
      )}
    </>
  );
}

const FIELDS: [keyof RegisteredContact, string][] = [
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['email', 'E-mail'],
  ['mobilePhone', 'Mobile phone'],
  ['memberNumber', 'Member number'],
  ['externalId', 'External id'],
  ['socialSecurityNumber', 'Social security number'],
];

function RegisterEntry({ contactId }: { contactId: string }) {
  const entry = useLoad(async () => {
    try {
      return await get<RegisteredContact>(`/contacts/${enc(contactId)}`);
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'CONTACT_NOT_FOUND') return null;
      throw error;
    }
  }, [contactId]);
  return (
    <section aria-labelledby="register-heading">
      <h2 id="register-heading">Register entry</h2>
      <ProblemView problem={entry.error} />
      <Loading when={entry.loading} />
      {entry.data === null ? <p>This contact is not in the contact register (its orders may still name it).</p> : null}
      {entry.data ? (
        <dl class="fields">
          {FIELDS.filter(([field]) => entry.data![field]).map(([field, label]) => (
            <div key={field}>
              <dt>{label}</dt>
              <dd>{entry.data![field]}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}

function Figures({ contactId }: { contactId: string }) {
  const summary = useLoad(() => get<ContactOrderSummary>(`/contacts/${enc(contactId)}/order-summary`), [contactId]);
  const data = summary.data;
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">Figures</h2>
      <ProblemView problem={summary.error} />
      {data ? (
        <dl class="figures">
          <div>
            <dt>Orders</dt>
            <dd data-figure="orders">{count(data.orderCount)}</dd>
          </div>
          <div>
            <dt>Completed</dt>
            <dd data-figure="completed">{count(data.completedCount)}</dd>
          </div>
          <div>
            <dt>Returns</dt>
            <dd data-figure="returns">{count(data.returnCount)}</dd>
          </div>
          {data.totals.map((total) => (
            <div key={total.currencyCode}>
              <dt>Total {total.currencyCode}</dt>
              <dd>{money(total.totalPrice, total.currencyCode)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}

function ContactOrders({ contactId }: { contactId: string }) {
  const [offset, setOffset] = useState(0);
  const orders = useLoad(async () => {
    const page = await get<Page<OrderView>>(`/orders${query({ contactId, offset, count: 10 })}`);
    // the warnings count of each order on the page (its integration log, as the order page shows it)
    const counts = await Promise.all(
      page.items.map((order) =>
        get<OrderWarnings>(`/orders/${enc(order.orderId)}/warnings`).then(
          (w) => [order.orderId, w.items.length] as const,
          () => [order.orderId, NaN] as const,
        ),
      ),
    );
    return { page, warnings: new Map(counts) };
  }, [contactId, offset]);
  return (
    <section aria-labelledby="orders-heading">
      <h2 id="orders-heading">Orders</h2>
      <ProblemView problem={orders.error} />
      <Loading when={orders.loading && !orders.data} />
      {orders.data ? (
        <>
          <OrderTable orders={orders.data.page.items.map(summaryOf)} warnings={orders.data.warnings} caption="Newest first" />
          <Pager page={orders.data.page} onOffset={setOffset} label="Order pages" />
        </>
      ) : null}
    </section>
  );
}
