/** Status and type badges: the text is the value itself, the colour a class (no inline styles under the CSP). */
export const StatusBadge = ({ status }: { status: string }) => <span class={`badge status-${status.toLowerCase()}`}>{status}</span>;

export const TypeBadge = ({ type }: { type: string }) => <span class={`badge type-${type.toLowerCase()}`}>{type}</span>;
