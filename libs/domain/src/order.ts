/**
 * The order as SPEC §3 describes it, in canonical form (enums in canonical casing,
 * `createdAt` always set, derived `type` computed). Plain data, no behaviour.
 */

export const ORDER_STATUSES = ['InProgress', 'Completed', 'Cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_TYPES = ['Purchase', 'Return'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const LINE_TYPES = ORDER_TYPES;
export type LineType = OrderType;

export const MATCH_KEY_TYPES = ['ContactId', 'Email', 'MobilePhone', 'MemberNumber', 'ExternalId', 'SocialSecurityNumber'] as const;
export type MatchKeyType = (typeof MATCH_KEY_TYPES)[number];

export const PAYMENT_METHODS = [
  'Card',
  'Invoice',
  'Cash',
  'Swish',
  'Klarna',
  'PayPal',
  'GiftCard',
  'BonusCheck',
  'Voucher',
  'BankTransfer',
  'MobilePayment',
  'Other',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const DISCOUNT_TYPES = ['Promotion', 'Coupon', 'Member', 'Employee', 'Manual', 'Other'] as const;
export type DiscountType = (typeof DISCOUNT_TYPES)[number];

export const TAX_TYPES = ['VAT', 'SalesTax', 'Other'] as const;
export type TaxType = (typeof TAX_TYPES)[number];

export const FEE_TYPES = ['Shipping', 'Administration', 'Handling', 'Packaging', 'Payment', 'Other'] as const;
export type FeeType = (typeof FEE_TYPES)[number];

export const RETURN_TYPES = ['Normal', 'Complaint', 'Change'] as const;
export type ReturnType = (typeof RETURN_TYPES)[number];

export const ACTION_NAMES = [
  'ConfirmOrder',
  'ConfirmShipment',
  'ConfirmDelivery',
  'ConfirmCancellation',
  'ConfirmCompletion',
  'Custom',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

export interface Contact {
  matchKey: string;
  matchKeyType: MatchKeyType;
}

export interface Discount {
  type?: DiscountType;
  description?: string;
  amount: number;
}

export interface Tax {
  type: TaxType;
  description?: string;
  percent?: number;
  amount: number;
}

export interface Fee {
  type: FeeType;
  description?: string;
  amount: number;
  /** `{ items }` as on the header */
  taxes?: { items: Tax[] };
}

export interface Payment {
  method: PaymentMethod;
  description?: string;
  amount: number;
  reference?: string;
}

export interface Delivery {
  method?: string;
  trackingNumber?: string;
  trackingUri?: string;
  deliveryDate?: string;
}

export interface Address {
  /** e.g. "Mr", "Dr" (the platform's `title`) */
  title?: string;
  firstName?: string;
  lastName?: string;
  street?: string;
  postalCode?: string;
  city?: string;
  countryCode?: string;
  email?: string;
  phone?: string;
}

export interface Article {
  sku: string;
  name?: string;
  description?: string;
  imageUri?: string;
  targetUri?: string;
}

export interface ReturnDetails {
  type: ReturnType;
  reason?: string;
}

export interface LineItem {
  id?: string;
  type: LineType;
  quantity: number;
  article: Article;
  totalPrice: number;
  pricePerUnit?: number;
  originalPricePerUnit?: number;
  originalTotalPrice?: number;
  /** `{ items }` as on the header */
  discounts?: { items: Discount[] };
  /** `{ items }` as on the header */
  taxes?: { items: Tax[] };
  externalStatus?: string;
  returnDetails?: ReturnDetails;
  group?: string;
}

export interface OrderAction {
  action: ActionName;
  language?: string;
  data?: Record<string, unknown>;
}

/** What a client sends for a whole order (E2 body, E4 body) after shape validation. */
export interface OrderInput {
  orderId: string;
  contact: Contact;
  status: OrderStatus;
  externalStatus?: string;
  currencyCode: string;
  totalPrice: number;
  createdAt?: string;
  lastChangedAt?: string;
  references?: string[];
  externalStoreId?: string;
  channel?: string;
  lineItems: { items: LineItemInput[]; subTotal?: number };
  payments?: { items: Payment[] };
  discounts?: { items: Discount[] };
  taxes?: { items: Tax[] };
  fees?: { items: Fee[] };
  delivery?: Delivery;
  billingAddress?: Address;
  shippingAddress?: Address;
}

export type LineItemInput = Omit<LineItem, 'type'> & { type?: LineType };

/** The order as stored in events and shown by the order view: canonical, with its derived type. */
export interface Order extends Omit<OrderInput, 'lineItems' | 'createdAt'> {
  type: OrderType;
  createdAt: string;
  lineItems: { items: LineItem[]; subTotal?: number };
}
