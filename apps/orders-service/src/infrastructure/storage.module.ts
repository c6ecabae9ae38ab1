import { join } from 'node:path';
import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ORDER_STREAM_PREFIX } from '@orders/domain';
import { EVENT_STORE, type EventStore, SqliteEventStore } from '@orders/event-store';
import { ORDER_READ_MODEL, PROJECTION_STORE, Projector, SqliteReadModels } from '@orders/read-models';
import type { AppConfig } from '../config/app-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

const logger = new Logger('Storage');

/** Starts the projector after the app is up and closes everything in order on shutdown. */
@Injectable()
class StorageLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PROJECTION_STORE) private readonly readModels: SqliteReadModels,
    private readonly projector: Projector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.projectorEnabled) await this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
    await this.eventStore.close();
    await this.readModels.close();
  }
}

/** The embedded backend: an event-store file and a read-model file under DATA_DIR. */
@Global()
@Module({})
export class StorageModule {
  static forRoot(config: AppConfig): DynamicModule {
    const eventStore = SqliteEventStore.open({ file: join(config.dataDir, 'events.sqlite') });
    const readModels = SqliteReadModels.open(join(config.dataDir, 'read-models.sqlite'));
    const projector = new Projector(eventStore, readModels, {
      streamPrefixes: [ORDER_STREAM_PREFIX],
      log: (level, message, detail) => logger[level === 'info' ? 'log' : level](`${message}${detail ? `: ${String(detail)}` : ''}`),
    });
    return {
      module: StorageModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: EVENT_STORE, useValue: eventStore },
        { provide: ORDER_READ_MODEL, useValue: readModels },
        { provide: PROJECTION_STORE, useValue: readModels },
        { provide: Projector, useValue: projector },
        StorageLifecycle,
      ],
      exports: [APP_CONFIG, EVENT_STORE, ORDER_READ_MODEL, PROJECTION_STORE, Projector],
    };
  }
}
