import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import './authenticated-api-key';

/** The name of the API key the request was made with ('' when none): whose budget and read slots a long read counts against. */
export const CallerKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().apiKey?.name ?? '',
);
