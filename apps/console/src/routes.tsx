import type { WhoAmI } from './api/types';
import { ContactPage } from './pages/contact';
import { FindPage } from './pages/find';
import { OperationsPage } from './pages/operations';
import { OrderPage } from './pages/order';
import { TimelinePage } from './pages/timeline';
import { SegmentsPage } from './segments/segments-page';
import { href, useRoute } from './router';

const NAV: { path: string; label: string; scope?: string }[] = [
  { path: 'find', label: 'Find' },
  { path: 'segments', label: 'Segments', scope: 'segments' },
  { path: 'operations', label: 'Operations', scope: 'admin' },
];

/** The navigation and the page of the current hash. */
export function Routes({ who, onSignOut }: { who: WhoAmI; onSignOut: () => void }) {
  const { path, params } = useRoute();
  const [section = 'find', id, sub] = path;
  const allowed = NAV.filter((item) => !item.scope || who.effectiveScopes.includes(item.scope));
  let page;
  if (section === 'contact' && id) page = <ContactPage contactId={id} />;
  else if (section === 'order' && id && sub === 'timeline') page = <TimelinePage orderId={id} />;
  else if (section === 'order' && id) page = <OrderPage orderId={id} versionTag={params.get('versionTag') ?? undefined} />;
  else if (section === 'segments') page = <SegmentsPage segmentId={id} />;
  else if (section === 'operations') page = <OperationsPage />;
  else page = <FindPage params={params} />;
  return (
    <>
      <header class="container">
        <nav aria-label="Main">
          <ul>
            <li>
              <strong>Orders console</strong>
            </li>
          </ul>
          <ul>
            {allowed.map((item) => (
              <li key={item.path}>
                <a href={href([item.path])} aria-current={section === item.path ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
            <li>
              <details class="dropdown">
                <summary>
                  Key <span class="key-name">{who.name}</span>
                </summary>
                <ul dir="rtl">
                  <li>
                    <span class="scopes" dir="ltr">
                      scopes: {who.scopes.join(', ')}
                    </span>
                  </li>
                  <li>
                    <button type="button" class="secondary" onClick={onSignOut}>
                      Use another key
                    </button>
                  </li>
                </ul>
              </details>
            </li>
          </ul>
        </nav>
      </header>
      <main class="container">{page}</main>
    </>
  );
}
