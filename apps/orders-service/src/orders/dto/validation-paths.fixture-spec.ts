import { isDeepStrictEqual } from 'node:util';
import { Body, Controller, Module, Post, Put, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FieldErrors } from '@orders/domain';
import { parseJsonBody } from '../../common/http/json-body';
import { ApiError } from '../../common/problem/api-error';
import { CompiledBodies, createValidationPipe, RequestValidationError } from '../../common/validation';
import { toOrderChange } from './order-input.mapper';
import { type OrderDto, RegisterOrderDto, ReplaceOrderDto } from './order.dto';

/*
 * The old and the new validation path side by side (issue 15 point 1): the old is class-transformer +
 * class-validator alone, the new checks a body of a `@CompiledValidation()` DTO with ajv first (compiled
 * from the OpenAPI document that @nestjs/swagger builds from the same DTOs) and falls back to the old one.
 */

@Controller('orders')
class BodiesController {
  @Post()
  register(@Body() _body: RegisterOrderDto): void {}

  @Put()
  replace(@Body() _body: ReplaceOrderDto): void {}
}

@Module({ controllers: [BodiesController] })
class BodiesModule {}

let compiled: Promise<CompiledBodies> | undefined;

/** The order bodies' compiled validators, from an OpenAPI document built by @nestjs/swagger as create-app.ts does. */
export function compiledOrderBodies(): Promise<CompiledBodies> {
  compiled ??= (async () => {
    const app = await NestFactory.create(BodiesModule, new FastifyAdapter(), { logger: false });
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
    const bodies = new CompiledBodies();
    bodies.compile(document);
    return bodies;
  })();
  return compiled;
}

/** What a validation path made of a body: the domain input it leads to, or the 400's errors. */
export type PathOutcome =
  { ok: true; change: ReturnType<typeof toOrderChange> } | { ok: false; code: string; errors?: FieldErrors; truncated?: boolean };

async function outcome(pipe: ReturnType<typeof createValidationPipe>, body: unknown, metatype: Type<OrderDto>): Promise<PathOutcome> {
  try {
    const dto = (await pipe.transform(body, { type: 'body', metatype })) as OrderDto;
    return { ok: true, change: toOrderChange(dto) };
  } catch (error) {
    if (error instanceof RequestValidationError)
      return { ok: false, code: 'VALIDATION_FAILED', errors: error.errors, truncated: error.truncated };
    throw error;
  }
}

export interface BothPaths {
  old: PathOutcome;
  new: PathOutcome;
  /** the compiled schema accepted the body as it is (no class-transformer, no class-validator) */
  compiledAccepted: boolean;
}

/**
 * Runs a body (a JSON text, or a value sent as JSON) through the service's JSON parser, then through the
 * old path and the new one, each on a parse of its own (as two requests would be).
 */
export async function bothPaths(body: unknown, metatype: Type<OrderDto> = RegisterOrderDto): Promise<BothPaths> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let parsed: unknown;
  try {
    parsed = parseJsonBody(text);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const rejected: PathOutcome = { ok: false, code: error.code };
    return { old: rejected, new: rejected, compiledAccepted: false };
  }
  const bodies = await compiledOrderBodies();
  const compiledAccepted = typeof parsed === 'object' && parsed !== null && bodies.of(metatype)!.accepts(parsed);
  const old = await outcome(createValidationPipe(), parsed, metatype);
  return { old, new: await outcome(createValidationPipe(bodies), parseJsonBody(text), metatype), compiledAccepted };
}

/** `same`: one answer; `pruned`: the new path refused a hostile body early (an over-long array, or over
 * MAX_REPORTED_ERRORS failing paths) and lists a subset of the old path's paths; `different`: a bug. */
export type Verdict = { verdict: 'same' | 'pruned' } | { verdict: 'different'; detail: string };

const OVERSIZE = /must contain no more than \d+ elements$/;

export function compareOutcomes(both: BothPaths): Verdict {
  const { old, new: now } = both;
  const detail = `old ${JSON.stringify(old).slice(0, 600)}\nnew ${JSON.stringify(now).slice(0, 600)}`;
  if (old.ok && now.ok) return isDeepStrictEqual(old.change, now.change) ? { verdict: 'same' } : { verdict: 'different', detail };
  if (old.ok || now.ok || old.code !== now.code) return { verdict: 'different', detail };
  if (isDeepStrictEqual(old.errors, now.errors) && !now.truncated) return { verdict: 'same' };
  const oldPaths = new Set(Object.keys(old.errors ?? {}));
  const newErrors = Object.entries(now.errors ?? {});
  const subset = newErrors.length > 0 && newErrors.every(([path]) => oldPaths.has(path));
  const early = now.truncated || newErrors.every(([, messages]) => messages.every((message) => OVERSIZE.test(message)));
  return subset && early ? { verdict: 'pruned' } : { verdict: 'different', detail };
}
