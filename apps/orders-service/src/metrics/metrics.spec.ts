import { orderAlreadyExists } from '@orders/application';
import { SqliteEventStore, WrongExpectedVersionError } from '@orders/event-store';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../common/problem/api-error';
import { CommandMetricsHook, commandOutcome } from './command-metrics.hook';
import { MeteredEventStore } from './metered-event-store';
import { MetricsService } from './metrics.service';

class RegisterThing {}
class BreakThing {}

const sampleValue = async (metrics: MetricsService, name: string, labels: Record<string, string>): Promise<number | undefined> => {
  const metric = await metrics.registry.getSingleMetric(name)!.get();
  return metric.values.find((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label))?.value;
};

describe('command metrics', () => {
  it('names the outcome: accepted, the code of an application error or ApiError, or error', () => {
    expect(commandOutcome()).toBe('accepted');
    expect(commandOutcome(orderAlreadyExists('o-1'))).toBe('ORDER_ALREADY_EXISTS');
    expect(commandOutcome(new ApiError(409, 'ORDER_ALREADY_EXISTS', 't', 'd'))).toBe('ORDER_ALREADY_EXISTS');
    expect(commandOutcome(new Error('boom'))).toBe('error');
  });

  it('counts every command executed through the bus by class name and outcome, passing results and errors through', async () => {
    const metrics = new MetricsService();
    const bus = {
      execute: async (command: object) => {
        if (command instanceof BreakThing) throw new ApiError(404, 'ORDER_NOT_FOUND', 't', 'd');
        return 'done';
      },
    };
    new CommandMetricsHook(bus as never, metrics).onModuleInit();

    expect(await bus.execute(new RegisterThing())).toBe('done');
    await bus.execute(new RegisterThing());
    await expect(bus.execute(new BreakThing())).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });

    expect(await sampleValue(metrics, 'commands_total', { command: 'RegisterThing', outcome: 'accepted' })).toBe(2);
    expect(await sampleValue(metrics, 'commands_total', { command: 'BreakThing', outcome: 'ORDER_NOT_FOUND' })).toBe(1);
  });

  it('keeps a counter for automation deliveries by outcome', async () => {
    const metrics = new MetricsService();
    metrics.recordAutomationDelivery('delivered');

    expect(await sampleValue(metrics, 'automation_deliveries_total', { outcome: 'delivered' })).toBe(1);
  });

  it('counts the log lines the log destination dropped, as of each scrape', async () => {
    const metrics = new MetricsService();
    let dropped = 0;
    metrics.watchLogDrops(() => dropped);
    expect(await sampleValue(metrics, 'log_lines_dropped_total', {})).toBe(0);
    dropped = 3;
    expect(await sampleValue(metrics, 'log_lines_dropped_total', {})).toBe(3);
    dropped = 5;
    expect(await sampleValue(metrics, 'log_lines_dropped_total', {})).toBe(5);
  });
});

describe('MeteredEventStore', () => {
  it('times appends by outcome and passes everything else through', async () => {
    const metrics = new MetricsService();
    const inner = SqliteEventStore.open({ file: ':memory:' });
    const store = new MeteredEventStore(inner, metrics.eventStoreAppendDuration);
    const event = () => ({ id: crypto.randomUUID(), type: 'Happened', data: {} });

    await store.appendToStream('s-1', [event()], { expectedRevision: 'no_stream' });
    await expect(store.appendToStream('s-1', [event()], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );

    expect(await store.headPosition()).toBe(1);
    expect((await store.readStream('s-1')).map((e) => e.revision)).toStrictEqual([0]);
    const rendered = await metrics.render();
    expect(rendered).toContain('event_store_append_duration_seconds_count{outcome="ok"} 1');
    expect(rendered).toContain('event_store_append_duration_seconds_count{outcome="conflict"} 1');
    await store.close();
  });
});
