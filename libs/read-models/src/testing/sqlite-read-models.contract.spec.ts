import { describeListingContract } from './listing.contract';
import { describeReadModelContract } from './read-model.contract';
import { describeReadSideContract } from './read-side.contract';
import { SqliteReadModels } from '../sqlite/sqlite-read-models';
import { SqliteListingQueries } from '../sqlite/queries/sqlite-listing-queries';
import { SqliteRegisterQueries } from '../sqlite/queries/sqlite-register-queries';
import { SqliteSavedSegmentStore } from '../sqlite/queries/segmentation-saved';
import { SqliteSegmentQueries } from '../sqlite/queries/segmentation-queries';

describeReadModelContract('sqlite', async () => {
  const store = SqliteReadModels.open(':memory:');
  return { store, cleanup: () => store.close() };
});

describeReadSideContract('sqlite', async () => {
  const store = SqliteReadModels.open(':memory:');
  return {
    store,
    contacts: new SqliteRegisterQueries(store.db),
    segments: new SqliteSegmentQueries(store.db),
    saved: new SqliteSavedSegmentStore(store.db),
    cleanup: () => store.close(),
  };
});

describeListingContract('sqlite', async () => {
  const store = SqliteReadModels.open(':memory:');
  return { store, listings: new SqliteListingQueries(store.db), cleanup: () => store.close() };
});
