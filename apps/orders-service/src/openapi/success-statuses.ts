import { type INestApplication, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';

/**
 * The success status of every route handler (its @HttpCode, else 201 for POST and 200 otherwise), by
 * the operationId @nestjs/swagger gives it (`<Controller>_<method>`). Swagger documents that default
 * answer only for handlers without any @ApiResponse, so a handler that documents just its errors
 * would otherwise have no success answer in the document.
 */
export function successStatusesByOperationId(app: INestApplication): Map<string, number> {
  const statuses = new Map<string, number>();
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const metatype = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!metatype?.prototype) continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const code =
          (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
          (Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? 201 : 200);
        statuses.set(`${metatype.name}_${name}`, code);
      }
    }
  }
  return statuses;
}
