import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../common/problem/api-error';
import { ProblemFilter } from '../common/problem/problem.filter';
import type { ConsoleConfig } from '../config/app-config';

export const CONSOLE_PATH = '/console';

/**
 * What the console's pages may do: scripts, styles, images, fonts and API calls from this origin only —
 * no inline script or style, no plugins, not framed, forms post nowhere else.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Vite's build names the files under assets/ by their content hash: they never change under a name. */
const IMMUTABLE = /^assets\//;

/**
 * Serves the built order-view console (issue 17) from `CONSOLE_DIR` at /console and /console/*, without an
 * API key (the page asks for one and sends it to /api/v3): a path with a file extension is that file (404
 * when absent), any other is index.html (the app routes in the browser). GET / redirects to the console,
 * or to /docs when it is off (`CONSOLE_ENABLED=false`; /console is then a 404). Enabled but not built:
 * 503 CONSOLE_NOT_BUILT. Raw Fastify routes, outside Nest: no guard, not in the OpenAPI document.
 */
export async function configureConsole(fastify: FastifyInstance, config: ConsoleConfig | undefined): Promise<void> {
  const { enabled, dir } = config ?? { enabled: true, dir: resolve('dist/console') };
  fastify.get('/', (_request, reply) => reply.redirect(enabled ? CONSOLE_PATH : '/docs', 302));
  if (!enabled) return;
  // serve: false — only reply.sendFile(); the routes below decide what each path is
  await fastify.register(fastifyStatic, { root: dir, serve: false, suppressWarning: true, index: false });
  const answer = (request: FastifyRequest, reply: FastifyReply) => {
    if (!existsSync(join(dir, 'index.html'))) {
      // the directory is not named: this answer needs no key
      const detail = 'The console is enabled but not built: CONSOLE_DIR holds no index.html. The API works meanwhile.';
      return new ProblemFilter().catch(
        new ApiError(503, 'CONSOLE_NOT_BUILT', 'Console not built', detail),
        new ExecutionContextHost([request, reply]),
      );
    }
    void reply.headers(SECURITY_HEADERS);
    const path = (request.params as { '*'?: string })['*'] ?? '';
    if (extname(path) === '') return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    return IMMUTABLE.test(path) ? reply.sendFile(path, { maxAge: '365d', immutable: true }) : reply.sendFile(path, { maxAge: 0 });
  };
  fastify.get(CONSOLE_PATH, answer);
  fastify.get(`${CONSOLE_PATH}/*`, answer);
}
