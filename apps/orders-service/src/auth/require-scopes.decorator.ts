import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { ApiKeyScope } from '@orders/api-keys';

export const REQUIRED_SCOPES = 'orders:requiredScopes';

/** Name of the API-key security scheme in the OpenAPI document. */
export const API_KEY_SECURITY = 'apikey';

/**
 * The scopes an API key needs for this controller or handler (all of them; the handler's list wins
 * over the controller's). A route with neither @RequireScopes nor @Public needs `admin`.
 */
export const RequireScopes = (...scopes: ApiKeyScope[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_SCOPES, scopes),
    // OpenAPI 3.0: the scope list of an apiKey requirement must be empty; the scopes are in the 403 text
    ApiSecurity(API_KEY_SECURITY),
    ApiUnauthorizedResponse({ description: 'UNAUTHORIZED: no valid API key in `apikey` / `x-api-key`' }),
    ApiForbiddenResponse({ description: `FORBIDDEN_SCOPE: the key lacks ${scopes.join(', ') || 'a needed scope'}` }),
  );
