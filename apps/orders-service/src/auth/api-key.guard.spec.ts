import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../common/problem/api-error';
import { ApiKeyGuard } from './api-key.guard';
import type { AuthenticatedApiKey } from './authenticated-api-key';
import { Public } from './public.decorator';
import { RequireScopes } from './require-scopes.decorator';

@RequireScopes('orders:read')
class OrdersLike {
  read() {}
  @RequireScopes('orders:write')
  write() {}
}

class Unannotated {
  anything() {}
  @Public()
  health() {}
}

@Public()
class PublicController {
  docs() {}
}

const context = (target: object, handler: string, apiKey: AuthenticatedApiKey | null, absence: 'missing' | 'invalid' = 'missing') =>
  ({
    getHandler: () => (target as { prototype: Record<string, unknown> }).prototype[handler],
    getClass: () => target,
    switchToHttp: () => ({ getRequest: () => ({ apiKey, apiKeyAbsence: apiKey ? null : absence }) }),
  }) as unknown as ExecutionContext;

const guard = new ApiKeyGuard(new Reflector());
const outcome = (ctx: ExecutionContext): true | string => {
  try {
    return guard.canActivate(ctx) as true;
  } catch (error) {
    return `${(error as ApiError).status} ${(error as ApiError).code}`;
  }
};
const key = (...scopes: AuthenticatedApiKey['scopes']): AuthenticatedApiKey => ({ name: 'k', scopes });

describe('ApiKeyGuard', () => {
  it('lets @Public handlers and controllers through without a key', () => {
    expect(outcome(context(Unannotated, 'health', null))).toBe(true);
    expect(outcome(context(PublicController, 'docs', null))).toBe(true);
  });

  it('401 UNAUTHORIZED without a valid key', () => {
    expect(outcome(context(OrdersLike, 'read', null))).toBe('401 UNAUTHORIZED');
    expect(outcome(context(OrdersLike, 'read', null, 'invalid'))).toBe('401 UNAUTHORIZED');
  });

  it('checks the handler scopes over the controller scopes; 403 FORBIDDEN_SCOPE without them', () => {
    expect(outcome(context(OrdersLike, 'read', key('orders:read')))).toBe(true);
    expect(outcome(context(OrdersLike, 'write', key('orders:read')))).toBe('403 FORBIDDEN_SCOPE');
    expect(outcome(context(OrdersLike, 'write', key('orders:write')))).toBe(true);
    expect(outcome(context(OrdersLike, 'read', key('segments')))).toBe('403 FORBIDDEN_SCOPE');
  });

  it('a route without @RequireScopes needs admin', () => {
    expect(outcome(context(Unannotated, 'anything', key('orders:read', 'orders:write', 'contacts')))).toBe('403 FORBIDDEN_SCOPE');
    expect(outcome(context(Unannotated, 'anything', key('admin')))).toBe(true);
  });
});
