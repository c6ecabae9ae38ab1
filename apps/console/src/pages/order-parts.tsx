import type { Address, Delivery, Discount, Fee, LineItem, Payment, Tax } from '@orders/domain/order';
import type { RegisteredArticle } from '../api/types';
import { TypeBadge } from '../components/badges';
import { dateTime, money } from '../format';

/** The parts of the order page: lines, money lists, delivery and addresses. */

const attributesText = (article: RegisteredArticle | null | undefined) =>
  article
    ? Object.entries(article.attributes)
        .map(([name, value]) => `${name}: ${String(value)}`)
        .join(', ')
    : '';

export function Lines({
  lines,
  currency,
  articles,
}: {
  lines: LineItem[];
  currency: string;
  articles: Map<string, RegisteredArticle | null>;
}) {
  return (
    <div class="overflow-auto">
      <table class="striped lines">
        <caption>Lines</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Type</th>
            <th scope="col">Article</th>
            <th scope="col" class="num">
              Qty
            </th>
            <th scope="col" class="num">
              Unit
            </th>
            <th scope="col" class="num">
              Total
            </th>
            <th scope="col">Discounts, taxes</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => {
            const registered = articles.get(line.article.sku);
            return (
              <tr key={index} class={line.type === 'Return' ? 'return-line' : undefined}>
                <td>{line.id ?? index + 1}</td>
                <td>
                  <TypeBadge type={line.type} />
                  {line.returnDetails ? (
                    <div class="return-details">
                      {line.returnDetails.type}
                      {line.returnDetails.reason ? `: ${line.returnDetails.reason}` : ''}
                    </div>
                  ) : null}
                </td>
                <td>
                  <strong>{registered?.name ?? line.article.name ?? line.article.sku}</strong>
                  <div>
                    <code>{line.article.sku}</code>
                    {registered === null ? <span class="muted"> (not in the article register)</span> : null}
                  </div>
                  {registered ? <div class="muted">{attributesText(registered)}</div> : null}
                  {line.externalStatus ? <div class="muted">status: {line.externalStatus}</div> : null}
                </td>
                <td class="num">{line.quantity}</td>
                <td class="num">{money(line.pricePerUnit, currency)}</td>
                <td class="num">{money(line.totalPrice, currency)}</td>
                <td>
                  {(line.discounts?.items ?? []).map((d, i) => (
                    <div key={`d${i}`}>
                      − {money(d.amount, currency)} {d.type} {d.description}
                    </div>
                  ))}
                  {(line.taxes?.items ?? []).map((t, i) => (
                    <div key={`t${i}`}>{taxText(t, currency)}</div>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const taxText = (tax: Tax, currency: string) =>
  `${tax.type}${tax.percent !== undefined ? ` ${tax.percent} %` : ''} ${money(tax.amount, currency)} ${tax.description ?? ''}`;

type MoneyRow = Payment | Discount | Tax | Fee;

export function MoneyList({ title, rows, currency }: { title: string; rows: MoneyRow[] | undefined; currency: string }) {
  if (!rows || rows.length === 0) return null;
  return (
    <section class="money-list">
      <h3>{title}</h3>
      <ul>
        {rows.map((row, index) => (
          <li key={index}>
            <strong>{'method' in row ? row.method : (row.type ?? '')}</strong> {money(row.amount, currency)}
            {'percent' in row && row.percent !== undefined ? ` (${row.percent} %)` : ''}
            {row.description ? ` — ${row.description}` : ''}
            {'reference' in row && row.reference ? (
              <>
                {' '}
                ref <code>{row.reference}</code>
              </>
            ) : null}
            {'taxes' in row && row.taxes ? (
              <span class="muted"> incl. {row.taxes.items.map((t) => taxText(t, currency)).join(', ')}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Only http(s) tracking links become links (a javascript: URI in stored data must not run). */
const safeLink = (uri: string | undefined) => (uri && /^https?:\/\//i.test(uri) ? uri : undefined);

export function DeliveryView({ delivery }: { delivery: Delivery | undefined }) {
  if (!delivery) return null;
  const link = safeLink(delivery.trackingUri);
  return (
    <section>
      <h3>Delivery</h3>
      <p>
        {delivery.method ?? 'method not given'}
        {delivery.deliveryDate ? `, ${dateTime(delivery.deliveryDate)}` : ''}
        {delivery.trackingNumber ? (
          <>
            {' '}
            — tracking{' '}
            {link ? (
              <a href={link} target="_blank" rel="noopener noreferrer">
                {delivery.trackingNumber}
              </a>
            ) : (
              <code>{delivery.trackingNumber}</code>
            )}
          </>
        ) : link ? (
          <a href={link} target="_blank" rel="noopener noreferrer">
            {' '}
            tracking
          </a>
        ) : null}
      </p>
    </section>
  );
}

export function AddressView({ title, address }: { title: string; address: Address | undefined }) {
  if (!address) return null;
  const name = [address.title, address.firstName, address.lastName].filter(Boolean).join(' ');
  const place = [address.postalCode, address.city].filter(Boolean).join(' ');
  return (
    <section>
      <h3>{title}</h3>
      <address>
        {[name, address.street, place, address.countryCode, address.email, address.phone].filter(Boolean).map((text, index) => (
          <div key={index}>{text}</div>
        ))}
      </address>
    </section>
  );
}
