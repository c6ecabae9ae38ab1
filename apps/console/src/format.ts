/** Money and dates in the browser's locale (navigator.language); the currency is the order's own. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function money(amount: number | undefined, currencyCode: string): string {
  if (amount === undefined) return '';
  let format = moneyFormats.get(currencyCode);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency: currencyCode });
    } catch {
      // a code Intl does not know: the number, then the code
      format = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 6 });
      return `${format.format(amount)} ${currencyCode}`;
    }
    moneyFormats.set(currencyCode, format);
  }
  return format.format(amount);
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const numberFormat = new Intl.NumberFormat();

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

export const count = (value: number): string => numberFormat.format(value);

/** A JSON value for a diff or a table cell: strings as they are, anything else as compact JSON. */
export const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
