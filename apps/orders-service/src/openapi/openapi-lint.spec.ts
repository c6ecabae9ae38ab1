import { describe, expect, it } from 'vitest';
import { completeOpenApiDocument } from './complete-document';
import { lintOpenApiDocument, resolvePointer } from './openapi-lint';

const sound = () => ({
  openapi: '3.0.0',
  info: { title: 'T', version: '1' },
  paths: {
    '/api/v3/things/{thingId}': {
      get: {
        operationId: 'Things_get',
        parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': {
            description: 'Not found',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      Problem: { type: 'object' },
    },
  },
});

describe('lintOpenApiDocument', () => {
  it('accepts a sound document', () => {
    expect(lintOpenApiDocument(sound())).toStrictEqual([]);
  });

  it('reports a $ref that leads nowhere', () => {
    const document = sound();
    document.paths['/api/v3/things/{thingId}'].get.responses['200'].content['application/json'].schema.$ref = '#/components/schemas/Nope';

    expect(lintOpenApiDocument(document)).toStrictEqual([
      "#/paths//api/v3/things/{thingId}/get/responses/200/content/application/json/schema: $ref '#/components/schemas/Nope' does not resolve",
    ]);
  });

  it('reports duplicate operationIds, missing responses, undeclared path parameters and a bad version', () => {
    const document: any = sound();
    document.openapi = '2.0';
    document.paths['/api/v3/other/{id}'] = { post: { operationId: 'Things_get', responses: {} } };

    expect(lintOpenApiDocument(document)).toStrictEqual([
      "openapi: '2.0' is not 3.0.x or 3.1.x",
      "POST /api/v3/other/{id}: operationId 'Things_get' is also used by GET /api/v3/things/{thingId}",
      'POST /api/v3/other/{id}: path parameter {id} is not declared',
      'POST /api/v3/other/{id}: no responses',
      'POST /api/v3/other/{id}: no success (2xx/3xx) response',
    ]);
  });

  it('reports API errors that are not Problem documents and required fields that are not properties', () => {
    const document: any = sound();
    document.paths['/api/v3/things/{thingId}'].get.responses['409'] = { description: 'Conflict' };
    document.components.schemas.Thing.required.push('name');

    expect(lintOpenApiDocument(document)).toStrictEqual([
      'GET /api/v3/things/{thingId} 409: an error answer without a body schema',
      'GET /api/v3/things/{thingId} 409: API errors must be application/problem+json with schema Problem',
      "#/components/schemas/Thing: required 'name' is not a property",
    ]);
  });

  it('resolves escaped JSON pointers', () => {
    expect(resolvePointer({ a: { 'b/c': { '~d': 1 } } }, '#/a/b~1c/~0d')).toBe(1);
    expect(resolvePointer({ a: {} }, '#/a/missing')).toBeUndefined();
  });
});

describe('completeOpenApiDocument', () => {
  it('adds the generic answers as Problem documents, the request-id headers and the Problem schema', () => {
    const document: any = {
      openapi: '3.0.0',
      info: { title: 'T', version: '1' },
      paths: {
        '/api/v3/things/{thingId}': {
          put: {
            operationId: 'Things_put',
            parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string' } }],
            requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
            security: [{ apikey: [] }],
            responses: { '200': { description: '' }, '422': { description: 'IDEMPOTENCY_KEY_REUSED' } },
          },
        },
      },
      components: { securitySchemes: { apikey: { type: 'apiKey', in: 'header', name: 'apikey' } } },
    };

    completeOpenApiDocument(document);
    const put = document.paths['/api/v3/things/{thingId}'].put;

    expect(Object.keys(put.responses)).toStrictEqual(['200', '400', '401', '403', '404', '413', '414', '415', '422', '429', '500']);
    expect(put.responses['200'].description).toBe('OK');
    expect(put.responses['422'].description).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(put.responses['422'].content['application/problem+json'].schema).toStrictEqual({ $ref: '#/components/schemas/Problem' });
    expect(put.responses['429'].headers['Retry-After']).toBeDefined();
    expect(put.responses['200'].headers['x-request-id']).toStrictEqual({ $ref: '#/components/headers/RequestId' });
    expect(put.parameters.map((p: any) => p.$ref ?? p.name)).toStrictEqual([
      'thingId',
      '#/components/parameters/RequestId',
      '#/components/parameters/CorrelationId',
    ]);
    expect(lintOpenApiDocument(document)).toStrictEqual([]);
  });
});
