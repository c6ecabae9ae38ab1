import type { Contact } from '@orders/domain/order';
import { ApiProblem, call, enc, get, query } from '../api/client';
import type { OrderView, OrderWarnings, RegisteredArticle, RegisteredStore } from '../api/types';
import { StatusBadge, TypeBadge } from '../components/badges';
import { Loading, ProblemView, ScopeNote } from '../components/problem';
import { dateTime, money } from '../format';
import { href } from '../router';
import { useScopes } from '../session';
import { useLoad } from '../use-load';
import { AddressView, DeliveryView, Lines, MoneyList } from './order-parts';

const KEY_PARAMS: Partial<Record<Contact['matchKeyType'], string>> = {
  Email: 'email',
  MobilePhone: 'mobilePhone',
  MemberNumber: 'memberNumber',
  ExternalId: 'externalId',
};

/** The contact named by the order: a ContactId opens the contact, another key searches the register. */
function ContactLink({ contact }: { contact: Contact }) {
  const param = KEY_PARAMS[contact.matchKeyType];
  const target =
    contact.matchKeyType === 'ContactId'
      ? href(['contact', contact.matchKey])
      : param
        ? href(['find'], { [param]: contact.matchKey })
        : undefined;
  return (
    <>
      {target ? <a href={target}>{contact.matchKey}</a> : <span>{contact.matchKey}</span>}{' '}
      <span class="muted">({contact.matchKeyType})</span>
    </>
  );
}

const notFound = <T,>(load: Promise<T>): Promise<T | null> =>
  load.catch((error: unknown) => {
    if (error instanceof ApiProblem && error.status === 404) return null;
    throw error;
  });

async function loadOrder(orderId: string, versionTag: string | undefined) {
  const answer = await call<OrderView>('GET', `/orders/${enc(orderId)}${query({ versionTag })}`);
  const order = answer.body;
  const skus = [...new Set(order.lineItems.items.map((line) => line.article.sku))];
  const [articles, store, warnings] = await Promise.all([
    Promise.all(skus.map(async (sku) => [sku, await notFound(get<RegisteredArticle>(`/articles/${enc(sku)}`))] as const)),
    order.externalStoreId ? notFound(get<RegisteredStore>(`/stores/${enc(order.externalStoreId)}`)) : Promise.resolve(undefined),
    get<OrderWarnings>(`/orders/${enc(orderId)}/warnings`).catch(() => undefined),
  ]);
  return { order, etag: answer.headers.get('etag'), articles: new Map(articles), store, warnings };
}

/** The order: header, lines with register names and attributes, money, delivery, addresses, references, warnings. */
export function OrderPage({ orderId, versionTag }: { orderId: string; versionTag?: string }) {
  const { can } = useScopes();
  const loaded = useLoad(() => loadOrder(orderId, versionTag), [orderId, versionTag]);
  const timeline = href(['order', orderId, 'timeline']);
  if (!can('orders:read')) return <ScopeNote scope="orders:read" what="the order" />;
  const data = loaded.data;
  return (
    <>
      <h1>
        Order <code>{orderId}</code>
      </h1>
      <nav aria-label="Order views">
        <a href={timeline}>Timeline</a>
        {versionTag ? (
          <>
            {' · '}
            <a href={href(['order', orderId])}>Current version</a>
          </>
        ) : null}
      </nav>
      <ProblemView problem={loaded.error} context="The order could not be read" />
      {loaded.error?.code === 'ORDER_NOT_FOUND' ? (
        <p>
          A deleted order keeps its history: <a href={timeline}>open the timeline</a>.
        </p>
      ) : null}
      <Loading when={loaded.loading && !data} />
      {data ? <OrderBody {...data} versionTag={versionTag} /> : null}
    </>
  );
}

function OrderBody({
  order,
  etag,
  articles,
  store,
  warnings,
  versionTag,
}: Awaited<ReturnType<typeof loadOrder>> & { versionTag?: string }) {
  const currency = order.currencyCode;
  return (
    <>
      {versionTag ? (
        <p class="version-note" role="status">
          Showing the order as it was at version <code>{versionTag}</code>.
        </p>
      ) : null}
      <dl class="fields order-header">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={order.status} /> {order.externalStatus ? <span class="muted">{order.externalStatus}</span> : null}
          </dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>
            <TypeBadge type={order.type} />
          </dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd data-field="totalPrice">{money(order.totalPrice, currency)}</dd>
        </div>
        <div>
          <dt>Contact</dt>
          <dd>
            <ContactLink contact={order.contact} />
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{dateTime(order.createdAt)}</dd>
        </div>
        {order.lastChangedAt ? (
          <div>
            <dt>Last changed</dt>
            <dd>{dateTime(order.lastChangedAt)}</dd>
          </div>
        ) : null}
        {order.channel ? (
          <div>
            <dt>Channel</dt>
            <dd>{order.channel}</dd>
          </div>
        ) : null}
        {order.externalStoreId ? (
          <div>
            <dt>Store</dt>
            <dd>
              {store?.name ?? order.externalStoreId} <code>{order.externalStoreId}</code>
              {store === null ? <span class="muted"> (not in the store register)</span> : store?.country ? ` ${store.country}` : ''}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>versionTag</dt>
          <dd>
            <code data-field="versionTag">{order.versionTag}</code>
          </dd>
        </div>
        <div>
          <dt>ETag</dt>
          <dd>
            <code data-field="etag">{etag}</code>
          </dd>
        </div>
      </dl>
      {order.references && order.references.length > 0 ? (
        <p>
          References:{' '}
          {order.references.map((reference, index) => (
            <span key={reference}>
              {index > 0 ? ', ' : ''}
              <a href={href(['order', reference])}>{reference}</a>
            </span>
          ))}
        </p>
      ) : null}
      <Lines lines={order.lineItems.items} currency={currency} articles={articles} />
      {order.lineItems.subTotal !== undefined ? <p>Sub-total {money(order.lineItems.subTotal, currency)}</p> : null}
      <div class="grid">
        <MoneyList title="Payments" rows={order.payments?.items} currency={currency} />
        <MoneyList title="Discounts" rows={order.discounts?.items} currency={currency} />
        <MoneyList title="Taxes" rows={order.taxes?.items} currency={currency} />
        <MoneyList title="Fees" rows={order.fees?.items} currency={currency} />
      </div>
      <div class="grid">
        <DeliveryView delivery={order.delivery} />
        <AddressView title="Billing address" address={order.billingAddress} />
        <AddressView title="Shipping address" address={order.shippingAddress} />
      </div>
      <section aria-labelledby="warnings-heading">
        <h2 id="warnings-heading">Warnings {warnings ? `(${warnings.items.length})` : ''}</h2>
        {versionTag ? <p class="muted">The integration log lists the current warnings, not those of this version.</p> : null}
        {warnings && warnings.items.length === 0 ? <p>No warnings.</p> : null}
        <ul class="warnings">
          {(warnings?.items ?? []).map((warning, index) => (
            <li key={index}>
              <code>{warning.code}</code> {warning.message}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
