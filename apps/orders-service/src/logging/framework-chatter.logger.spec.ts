import { describe, expect, it } from 'vitest';
import { FrameworkChatterLogger } from './framework-chatter.logger';

function recorder() {
  const calls: [string, unknown, ...unknown[]][] = [];
  const at =
    (level: string) =>
    (message: unknown, ...params: unknown[]) =>
      void calls.push([level, message, ...params]);
  return { calls, target: { log: at('log'), error: at('error'), warn: at('warn'), debug: at('debug'), verbose: at('verbose') } };
}

describe('FrameworkChatterLogger', () => {
  it("moves Nest's route mapping, module and start-up lines to debug", () => {
    const { calls, target } = recorder();
    const logger = new FrameworkChatterLogger(target);
    logger.log('Mapped {/api/v3/orders, POST} route', 'RouterExplorer');
    logger.log('OrdersController {/api/v3/orders}:', 'RoutesResolver');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Starting Nest application...', 'NestFactory');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(calls.map(([level]) => level)).toEqual(['debug', 'debug', 'debug', 'debug', 'debug']);
    expect(calls[0]).toEqual(['debug', 'Mapped {/api/v3/orders, POST} route', 'RouterExplorer']);
  });

  it('leaves our own lines, and every warning and error, at their level', () => {
    const { calls, target } = recorder();
    const logger = new FrameworkChatterLogger(target);
    logger.log('projector started', 'Storage');
    logger.warn('slow', 'RouterExplorer');
    logger.error('boom', 'NestApplication');
    logger.verbose('v', 'X');
    expect(calls.map(([level, message]) => `${level}:${String(message)}`)).toEqual([
      'log:projector started',
      'warn:slow',
      'error:boom',
      'verbose:v',
    ]);
  });
});
