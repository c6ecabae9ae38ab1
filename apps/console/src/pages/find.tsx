import { useState } from 'preact/hooks';
import { get, query } from '../api/client';
import type { OrderSummary, Page, RegisteredContact } from '../api/types';
import { OrderTable } from '../components/order-table';
import { Pager } from '../components/pager';
import { Loading, ProblemView, ScopeNote } from '../components/problem';
import { href, navigate } from '../router';
import { useScopes } from '../session';
import { useLoad } from '../use-load';

const CONTACT_KEYS = [
  { value: 'contactId', label: 'Contact id' },
  { value: 'email', label: 'E-mail' },
  { value: 'mobilePhone', label: 'Mobile phone' },
  { value: 'memberNumber', label: 'Member number' },
  { value: 'externalId', label: 'External id' },
] as const;
type ContactKey = (typeof CONTACT_KEYS)[number]['value'];

/** Find a contact (by id, or through the contact register by e-mail, phone, member number) or an order by id. */
export function FindPage({ params }: { params: URLSearchParams }) {
  const { can } = useScopes();
  return (
    <>
      <h1>Find</h1>
      <div class="find-forms">
        <FindOrder />
        <FindContact canSearch={can('contacts')} />
      </div>
      {can('contacts') ? (
        <ContactList key={params.toString()} params={params} />
      ) : (
        <ScopeNote scope="contacts" what="the contact register (search by e-mail, phone, member number)" />
      )}
      {can('orders:read') ? <RecentOrders /> : <ScopeNote scope="orders:read" what="the list of recent orders" />}
    </>
  );
}

function FindOrder() {
  const [orderId, setOrderId] = useState('');
  return (
    <form
      aria-label="Find an order"
      onSubmit={(event) => {
        event.preventDefault();
        if (orderId.trim()) navigate(['order', orderId.trim()]);
      }}
    >
      <fieldset role="group">
        <label for="find-order" class="sr-only">
          Order id
        </label>
        <input id="find-order" placeholder="Order id" value={orderId} onInput={(e) => setOrderId(e.currentTarget.value)} />
        <button type="submit">Open order</button>
      </fieldset>
    </form>
  );
}

function FindContact({ canSearch }: { canSearch: boolean }) {
  const [by, setBy] = useState<ContactKey>('contactId');
  const [value, setValue] = useState('');
  const keys = canSearch ? CONTACT_KEYS : CONTACT_KEYS.filter((key) => key.value === 'contactId');
  return (
    <form
      aria-label="Find a contact"
      onSubmit={(event) => {
        event.preventDefault();
        const text = value.trim();
        if (!text) return;
        if (by === 'contactId') navigate(['contact', text]);
        else navigate(['find'], { [by]: text });
      }}
    >
      <fieldset role="group">
        <label for="find-contact-by" class="sr-only">
          Find contact by
        </label>
        <select id="find-contact-by" value={by} onChange={(e) => setBy(e.currentTarget.value as ContactKey)}>
          {keys.map((key) => (
            <option key={key.value} value={key.value}>
              {key.label}
            </option>
          ))}
        </select>
        <label for="find-contact" class="sr-only">
          Contact key
        </label>
        <input id="find-contact" placeholder="Contact id, e-mail, phone…" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        <button type="submit">Find contact</button>
      </fieldset>
    </form>
  );
}

const contactName = (contact: RegisteredContact) => [contact.firstName, contact.lastName].filter(Boolean).join(' ');

/** The contact register, paged; filtered by the key in the hash (`#/find?email=…`). */
function ContactList({ params }: { params: URLSearchParams }) {
  const filter = Object.fromEntries(
    CONTACT_KEYS.filter((k) => k.value !== 'contactId' && params.get(k.value)).map((k) => [k.value, params.get(k.value)!]),
  );
  const filterText = JSON.stringify(filter);
  const [offset, setOffset] = useState(0);
  const contacts = useLoad(() => get<Page<RegisteredContact>>(`/contacts${query({ ...filter, offset, count: 10 })}`), [filterText, offset]);
  const filtered = Object.keys(filter).length > 0;
  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">
        {filtered
          ? `Contacts with ${Object.entries(filter)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`
          : 'Contacts'}
      </h2>
      {filtered ? <a href={href(['find'])}>Show all contacts</a> : null}
      <ProblemView problem={contacts.error} />
      <Loading when={contacts.loading && !contacts.data} />
      {contacts.data ? (
        <>
          <div class="overflow-auto">
            <table class="striped">
              <thead>
                <tr>
                  <th scope="col">Contact</th>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Mobile phone</th>
                  <th scope="col">Member number</th>
                </tr>
              </thead>
              <tbody>
                {contacts.data.items.map((contact) => (
                  <tr key={contact.contactId}>
                    <td>
                      <a href={href(['contact', contact.contactId])}>{contact.contactId}</a>
                    </td>
                    <td>{contactName(contact)}</td>
                    <td>{contact.email}</td>
                    <td>{contact.mobilePhone}</td>
                    <td>{contact.memberNumber}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {contacts.data.totalCount === 0 ? <p>No contact matches.</p> : null}
          <Pager page={contacts.data} onOffset={setOffset} label="Contacts pages" />
        </>
      ) : null}
    </section>
  );
}

function RecentOrders() {
  const [offset, setOffset] = useState(0);
  const orders = useLoad(() => get<Page<OrderSummary>>(`/recent-orders${query({ offset, count: 10 })}`), [offset]);
  return (
    <section aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent orders</h2>
      <ProblemView problem={orders.error} />
      <Loading when={orders.loading && !orders.data} />
      {orders.data ? (
        <>
          <OrderTable orders={orders.data.items} caption="Newest first" />
          <Pager page={orders.data} onOffset={setOffset} label="Recent orders pages" />
        </>
      ) : null}
    </section>
  );
}
