export { createValidationPipe, MAX_REQUEST_DEPTH } from './create-validation-pipe';
export { appendPath, ROOT_PATH } from './field-path';
export { RequestValidationError } from './request-validation.error';
export { PageCount, PageOffset, type PagingInput } from './paging.decorators';
export { QUERY_MESSAGES, QueryText, type QueryTextOptions } from './query.decorators';
export { NullAsMissing, ToCanonicalEnum, ToInteger } from './transforms';
export { validationErrorsToFieldErrors } from './validation-errors';
export { IsArrayOfObjects, IsDateTimeWithOffset, IsWellFormedText } from './validators';
