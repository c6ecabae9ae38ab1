import { describeReadModelContract } from './read-model.contract';
import { describeReadSideContract } from './read-side.contract';
import { SqliteReadModels } from '../sqlite/sqlite-read-models';
import { SqliteRegisterQueries } from '../sqlite/sqlite-register-queries';
import { SqliteSavedSegmentStore } from '../sqlite/segmentation-saved';
import { SqliteSegmentQueries } from '../sqlite/segmentation-queries';

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
