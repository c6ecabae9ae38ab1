import type { ActionRejection, Rejection } from '@orders/domain';
import { type ApplicationError, orderAlreadyExists, orderNotFound, validationFailed, versionTagMismatch } from './application-error';

/**
 * The one mapping of the deciders' rejections (order commands and E7 actions) to application errors.
 * `invalidDetail` is the detail of a VALIDATION_FAILED (default: the rejection's own message).
 */
export function rejectionToError(rejection: Rejection | ActionRejection, orderId: string, invalidDetail?: string): ApplicationError {
  switch (rejection.code) {
    case 'VALIDATION_FAILED':
      return validationFailed(rejection.errors, invalidDetail ?? rejection.message);
    case 'ORDER_NOT_FOUND':
      return orderNotFound(orderId);
    case 'ORDER_ALREADY_EXISTS':
      return orderAlreadyExists(orderId);
    case 'VERSION_TAG_MISMATCH':
      return versionTagMismatch(orderId);
    default: {
      const _unhandled: never = rejection;
      throw new Error(`unknown rejection ${JSON.stringify(_unhandled)}`);
    }
  }
}
