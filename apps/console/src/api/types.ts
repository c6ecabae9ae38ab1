/**
 * The API's answers as the console reads them. The order itself, its diff entries and warnings are the
 * domain's own types (type-only imports: nothing of the server is bundled); the list endpoints of the
 * console contract (docs/console.md) are written out here in the shapes the OpenAPI document gives.
 */
import type { Order } from '@orders/domain/order';
import type { FieldChange } from '@orders/domain/order-diff';
import type { OrderWarning } from '@orders/domain/warnings';

export type { FieldChange, Order, OrderWarning };

export interface PageLink {
  rel: 'next' | 'previous';
  href: string;
  method: 'GET' | 'POST';
  body?: { offset: number; count: number };
}

export interface Page<T> {
  items: T[];
  totalCount: number;
  offset: number;
  count: number;
  links: PageLink[];
}

/** GET /orders/{id}: the stored order with its current versionTag */
export type OrderView = Order & { versionTag: string };

export interface WhoAmI {
  name: string;
  scopes: string[];
  effectiveScopes: string[];
}

export interface RegisteredContact {
  contactId: string;
  email?: string;
  mobilePhone?: string;
  memberNumber?: string;
  externalId?: string;
  socialSecurityNumber?: string;
  firstName?: string;
  lastName?: string;
}

export interface RegisteredArticle {
  sku: string;
  name?: string;
  attributes: Record<string, string | number | boolean>;
}

export interface RegisteredStore {
  externalStoreId: string;
  name?: string;
  country?: string;
}

export interface OrderSummary {
  orderId: string;
  contactId?: string;
  status: string;
  type: string;
  createdAt: string;
  totalPrice: number;
  currencyCode: string;
  lineCount: number;
  versionTag: string;
}

export interface ContactOrderSummary {
  contactId: string;
  orderCount: number;
  completedCount: number;
  returnCount: number;
  totals: { currencyCode: string; totalPrice: number }[];
}

export interface OrderWarnings {
  orderId: string;
  versionTag: string;
  items: OrderWarning[];
}

export interface HistoryEntry {
  revision: number;
  versionTag: string | null;
  type: string;
  time: string;
  deleted: boolean;
  apiKeyName: string | null;
  correlationId: string | null;
  causationId: string | null;
  jobId: string | null;
  changes: FieldChange[];
  action?: { action: string; language?: string; data?: Record<string, unknown> };
}

export type HistoryPage = Page<HistoryEntry> & { orderId: string };

export interface SegmentContact {
  contactId: string;
  orderCount: number;
  totalPrice: number;
}

export interface SegmentAnswer {
  orderCount: number;
  contactCount: number;
  contacts: SegmentContact[];
  offset: number;
  count: number;
  links: PageLink[];
}

export interface SavedSegment {
  segmentId: string;
  name: string;
  filter: Record<string, unknown>;
  having?: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectionStatus {
  name: string;
  position: number;
  head: number;
  lag: number;
  caughtUp: boolean;
}

export interface AutomationEndpoint {
  id: string;
  url: string;
  actions?: string[];
  createdAt: string;
}

export interface AutomationDelivery {
  id: string;
  endpointId: string;
  orderId: string;
  triggerId: string;
  action: string;
  versionTag: string | null;
  state: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface DeadLetter {
  id: string;
  endpointId: string;
  orderId: string;
  triggerId: string;
  action: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  trigger: Record<string, unknown>;
}
