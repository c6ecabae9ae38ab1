import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ApiKeyScope, hasScopes } from '@orders/api-keys';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/problem/api-error';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_SCOPES } from './require-scopes.decorator';

const DEFAULT_SCOPES: ApiKeyScope[] = ['admin'];

const unauthorized = (detail: string): ApiError =>
  new ApiError(401, 'UNAUTHORIZED', 'Unauthorized', detail, undefined, { 'WWW-Authenticate': 'ApiKey header="apikey"' });

/**
 * The global guard: every route needs a valid API key (identified by the onRequest hook of
 * configure-auth.ts) with the scopes of @RequireScopes — `admin` where none are declared — unless
 * it is @Public().
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.apiKey;
    if (!key) {
      throw unauthorized(
        request.apiKeyAbsence === 'invalid'
          ? 'The API key is not valid (unknown, malformed or revoked).'
          : 'An API key is required: send it in the `apikey` (or `x-api-key`) header.',
      );
    }
    const required = this.reflector.getAllAndOverride<ApiKeyScope[] | undefined>(REQUIRED_SCOPES, targets) ?? DEFAULT_SCOPES;
    if (!hasScopes(key.scopes, required)) {
      throw new ApiError(403, 'FORBIDDEN_SCOPE', 'Forbidden', `The API key '${key.name}' lacks the scope(s) ${required.join(', ')}.`);
    }
    return true;
  }
}
