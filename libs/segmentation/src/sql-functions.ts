/**
 * Scalar functions the compiled SQL calls; register them on the connection (better-sqlite3:
 * `db.function(SQL_LOWER_FUNCTION, { deterministic: true }, segLower)`). SQLite's own `lower()` folds
 * ASCII only; this one folds like JavaScript (and MongoDB's case-insensitive regex) beyond ASCII.
 */
export const SQL_LOWER_FUNCTION = 'seg_lower';
export const segLower = (value: unknown): unknown => (typeof value === 'string' ? value.toLowerCase() : value);
