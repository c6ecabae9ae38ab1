import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { EVENT_STORE } from '@orders/event-store';
import { CONTACT_RESOLVER, LISTING_QUERIES, ORDER_READ_MODEL, PROJECTION_STORE } from '@orders/read-models';
import type { LeasedWork } from '@orders/read-models/mongo';
import type { AppConfig } from '../config/app-config';
import { meteredEventStoreProvider } from '../metrics/metered-event-store.provider';
import { BACKEND, type Backend, openBackend, PROJECTOR } from '@orders/backend';
import { FaultRecordingEventStore, StorageFaults } from './storage-faults';

export const APP_CONFIG = Symbol('APP_CONFIG');

const logger = new Logger('Storage');
const log = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown): void =>
  logger[level === 'info' ? 'log' : level](`${message}${detail ? `: ${String(detail)}` : ''}`);

/** Starts the projector after the app is up and closes everything in order on shutdown. */
@Injectable()
class StorageLifecycle implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(PROJECTOR) private readonly projector: LeasedWork,
  ) {}

  /** fails the start with a message naming EVENTSTORE_URL / MONGODB_URL when a server does not answer */
  async onModuleInit(): Promise<void> {
    await this.backend.verify();
  }

  async onApplicationBootstrap(): Promise<void> {
    // embedded: starts now; distributed: whenever this instance holds the 'projector' lease
    if (this.config.projectorEnabled) await this.backend.runExclusive('projector', this.projector);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.backend.close(); // stops the projector first
  }
}

/** The embedded backend (files under DATA_DIR) or, with EVENTSTORE_URL + MONGODB_URL, EventStoreDB + MongoDB (@orders/backend). */
@Global()
@Module({})
export class StorageModule {
  static forRoot(config: AppConfig): DynamicModule {
    // upcasting on read: every reader (handlers, projector, history) sees events in today's shape
    // EMBEDDED_THREADS: appends are committed and the projector runs on worker threads (embedded backend)
    const backend = openBackend(config, log, undefined, { threads: config.embeddedThreads });
    const eventStore = backend.orderEvents;
    const readModels = backend.readModels;
    const faults = new StorageFaults();
    const projector = backend.projector({
      log,
      onFailing: (error) => faults.record('projector', error),
      onRecovered: () => faults.clear('projector'),
    });
    return {
      module: StorageModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: StorageFaults, useValue: faults }, // the last write outcomes, for readiness
        // EVENT_STORE, with append latency in /metrics and append faults recorded for readiness
        meteredEventStoreProvider(new FaultRecordingEventStore(eventStore, faults)),
        { provide: ORDER_READ_MODEL, useValue: readModels },
        { provide: PROJECTION_STORE, useValue: readModels },
        { provide: PROJECTOR, useValue: projector },
        { provide: CONTACT_RESOLVER, useValue: backend.contactResolver },
        { provide: LISTING_QUERIES, useValue: backend.listings },
        { provide: BACKEND, useValue: backend }, // the other stores; runExclusive() for the dispatcher
        StorageLifecycle,
      ],
      exports: [
        APP_CONFIG,
        StorageFaults,
        EVENT_STORE,
        ORDER_READ_MODEL,
        PROJECTION_STORE,
        CONTACT_RESOLVER,
        LISTING_QUERIES,
        PROJECTOR,
        BACKEND,
      ],
    };
  }
}
