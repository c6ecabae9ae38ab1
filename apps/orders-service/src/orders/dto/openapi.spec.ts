import { Body, Controller, Get, Module, Post, Put, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage } from 'class-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as dto from './index';

/** Every DTO class of the folder. */
const DTO_CLASSES: (abstract new (...args: never) => object)[] = (Object.values(dto) as unknown[]).filter(
  (value): value is abstract new (...args: never) => object => typeof value === 'function' && value.name.endsWith('Dto'),
);

const SWAGGER_PROPERTIES = 'swagger/apiModelPropertiesArray';

describe('OpenAPI documentation of the DTOs', () => {
  it('documents every property that can be sent (every validated or allowed one)', () => {
    expect(DTO_CLASSES.length).toBeGreaterThanOrEqual(20);
    for (const cls of DTO_CLASSES) {
      const validated = new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(cls, '', true, false)
          .map((metadata) => metadata.propertyName),
      );
      const documented = new Set(
        ((Reflect.getMetadata(SWAGGER_PROPERTIES, cls.prototype) as string[] | undefined) ?? []).map((key) => key.replace(/^:/, '')),
      );
      expect({ cls: cls.name, properties: [...documented].sort() }).toStrictEqual({ cls: cls.name, properties: [...validated].sort() });
    }
  });

  describe('generated document', () => {
    @Controller('orders')
    class DocumentedController {
      @Post()
      register(@Body() _body: dto.RegisterOrderDto) {}

      @Put(':orderId')
      replace(@Body() _body: dto.ReplaceOrderDto) {}

      @Post(':orderId/change-status')
      changeStatus(@Body() _body: dto.ChangeStatusDto) {}

      @Post(':orderId/change-delivery')
      changeDelivery(@Body() _body: dto.ChangeDeliveryDto) {}

      @Get()
      list(@Query() _query: dto.ListOrdersQueryDto) {}

      @Get(':orderId')
      get(@Query() _query: dto.GetOrderQueryDto) {}
    }

    @Module({ controllers: [DocumentedController] })
    class DocumentedModule {}

    let documentJson: string;
    let schemas: Record<string, SchemaObject>;
    let paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; required?: boolean }> }>>;
    const app = NestFactory.create(DocumentedModule, new FastifyAdapter(), { logger: false });

    beforeAll(async () => {
      const document = SwaggerModule.createDocument(await app, new DocumentBuilder().build());
      documentJson = JSON.stringify(document);
      schemas = document.components!.schemas as Record<string, SchemaObject>;
      paths = document.paths as typeof paths;
    });

    afterAll(async () => {
      await (await app).close();
    });

    it('describes the whole order with its required fields, read-only fields and nested schemas', () => {
      const order = schemas['RegisterOrderDto']!;

      expect(Object.keys(order.properties!).sort()).toStrictEqual(
        [
          'orderId',
          'contact',
          'status',
          'externalStatus',
          'currencyCode',
          'totalPrice',
          'createdAt',
          'lastChangedAt',
          'references',
          'externalStoreId',
          'channel',
          'lineItems',
          'payments',
          'discounts',
          'taxes',
          'fees',
          'delivery',
          'billingAddress',
          'shippingAddress',
          'orderAction',
          'type',
          'versionTag',
        ].sort(),
      );
      expect([...order.required!].sort()).toStrictEqual(['contact', 'currencyCode', 'lineItems', 'orderId', 'status', 'totalPrice']);
      expect(order.properties!['type']).toMatchObject({ readOnly: true });
      expect(order.properties!['versionTag']).toMatchObject({ readOnly: true });
      expect(schemas['ReplaceOrderDto']!.properties).toStrictEqual(order.properties);
      expect(schemas['LineItemDto']!.required).toStrictEqual(['quantity', 'article', 'totalPrice']);
      expect(schemas['LineItemsDto']!.properties!['items']).toMatchObject({ type: 'array', minItems: 1, maxItems: 1000 });
    });

    it('references every nested DTO by name (no empty $ref)', () => {
      expect(documentJson).not.toContain('"#/components/schemas/"');
      for (const name of [
        'ContactDto',
        'LineItemsDto',
        'LineItemDto',
        'ArticleDto',
        'ReturnDetailsDto',
        'PaymentsDto',
        'PaymentDto',
        'DiscountsDto',
        'DiscountDto',
        'TaxesDto',
        'TaxDto',
        'FeesDto',
        'FeeDto',
        'DeliveryDto',
        'AddressDto',
        'OrderActionDto',
      ]) {
        expect(schemas[name], name).toBeDefined();
      }
      expect(schemas['FeeDto']!.properties!['taxes']).toMatchObject({ allOf: [{ $ref: '#/components/schemas/TaxesDto' }] });
    });

    it('publishes the enums as named schemas with their canonical values', () => {
      expect(schemas['OrderStatus']).toMatchObject({ type: 'string', enum: ['InProgress', 'Completed', 'Cancelled'] });
      expect(schemas['PaymentMethod']!.enum).toContain('PayPal');
      for (const name of ['MatchKeyType', 'LineType', 'ReturnType', 'DiscountType', 'TaxType', 'FeeType', 'OrderActionName']) {
        expect(schemas[name], name).toBeDefined();
      }
    });

    it('gives every property a description', () => {
      for (const [name, schema] of Object.entries(schemas)) {
        if (!name.endsWith('Dto')) continue;
        for (const [property, definition] of Object.entries(schema.properties ?? {})) {
          const described = 'description' in definition || ('allOf' in definition && definition.allOf !== undefined);
          expect(described, `${name}.${property}`).toBe(true);
        }
      }
    });

    it('documents the list query parameters', () => {
      const parameters = paths['/orders']!['get']!.parameters!;

      expect(parameters.map((p) => [p.name, p.in, p.required])).toStrictEqual([
        ['contactId', 'query', true],
        ['offset', 'query', false],
        ['count', 'query', false],
      ]);
    });
  });
});
