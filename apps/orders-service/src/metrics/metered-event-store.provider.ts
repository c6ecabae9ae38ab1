import type { Provider } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@orders/event-store';
import { MeteredEventStore } from './metered-event-store';
import { MetricsService } from './metrics.service';

/**
 * The EVENT_STORE provider with append latency measured (MeteredEventStore); without MetricsModule in
 * the app (e.g. a CLI context) it is the store itself.
 */
export const meteredEventStoreProvider = (eventStore: EventStore): Provider => ({
  provide: EVENT_STORE,
  useFactory: (metrics?: MetricsService) => (metrics ? new MeteredEventStore(eventStore, metrics.eventStoreAppendDuration) : eventStore),
  inject: [{ token: MetricsService, optional: true }],
});
