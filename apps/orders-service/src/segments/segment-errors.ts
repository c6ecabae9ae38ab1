import type { FieldErrors } from '@orders/segmentation';
import { ApiError, validationFailed } from '../common/problem/api-error';

export const segmentNotFound = (segmentId: string): ApiError =>
  new ApiError(404, 'SEGMENT_NOT_FOUND', 'Segment not found', `No saved segment with segmentId '${segmentId}'.`);

export const segmentInvalid = (errors: FieldErrors): ApiError =>
  validationFailed(errors, 'The segment does not satisfy the filter grammar (SPEC §6).');
