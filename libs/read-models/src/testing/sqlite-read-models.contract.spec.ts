import { describeReadModelContract } from './read-model.contract';
import { SqliteReadModels } from '../sqlite/sqlite-read-models';

describeReadModelContract('sqlite', async () => {
  const store = SqliteReadModels.open(':memory:');
  return { store, cleanup: () => store.close() };
});
