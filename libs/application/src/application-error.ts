import type { FieldErrors } from '@orders/domain';

/** The stable codes of the errors a command can end in; the app maps each to its answer (HTTP status). */
export type ApplicationErrorCode =
  | 'VALIDATION_FAILED'
  | 'ORDER_NOT_FOUND'
  | 'ORDER_ALREADY_EXISTS'
  | 'VERSION_TAG_MISMATCH'
  | 'PRECONDITION_FAILED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'ORDER_HAS_NO_CONTACT';

/**
 * A command refused, with a stable `code`, a short `title`, a `detail` for humans and, for
 * VALIDATION_FAILED, the field-path `errors`. Knows no transport: the app turns it into a problem
 * answer in one place. `currentVersionTag` names the order's current version (a register entry's: its revision) when a precondition failed.
 */
export class ApplicationError extends Error {
  constructor(
    readonly code: ApplicationErrorCode,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldErrors,
    readonly currentVersionTag?: string,
  ) {
    super(detail);
    this.name = 'ApplicationError';
  }
}

export const orderNotFound = (orderId: string): ApplicationError =>
  new ApplicationError('ORDER_NOT_FOUND', 'Order not found', `No order with orderId '${orderId}'.`);

export const validationFailed = (errors: FieldErrors, detail = 'The request does not satisfy the order contract.'): ApplicationError =>
  new ApplicationError('VALIDATION_FAILED', 'Validation failed', detail, errors);

export const orderAlreadyExists = (orderId: string): ApplicationError =>
  new ApplicationError('ORDER_ALREADY_EXISTS', 'Order already exists', `An order with orderId '${orderId}' already exists.`);

export const versionTagMismatch = (orderId: string): ApplicationError =>
  new ApplicationError('VERSION_TAG_MISMATCH', 'Version tag mismatch', `The versionTag is not the current version of order '${orderId}'.`);

export const orderHasNoContact = (orderId: string): ApplicationError =>
  new ApplicationError(
    'ORDER_HAS_NO_CONTACT',
    'Order has no contact',
    `The contact of order '${orderId}' is not resolved: register it first.`,
  );

export const idempotencyKeyReused = (detail: string): ApplicationError =>
  new ApplicationError('IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', detail);

export const preconditionFailed = (currentVersionTag: string | undefined, detail: string): ApplicationError =>
  new ApplicationError('PRECONDITION_FAILED', 'Precondition failed', detail, undefined, currentVersionTag);
