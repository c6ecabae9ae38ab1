// The service bundle (main.js) plus the read-pool worker (read-worker.js) next to it: the read pool
// starts its workers from the file beside the running bundle (libs/read-models/src/sqlite/read-pool).
const { dirname, join } = require('node:path');

module.exports = (options) => ({
  ...options,
  entry: {
    main: options.entry,
    'read-worker': join(__dirname, '../../libs/read-models/src/sqlite/read-pool/read-worker.ts'),
  },
  // the default filename is `<relative source root>/main.js` under dist/: keep the folder, name by entry
  output: { ...options.output, filename: join(dirname(options.output.filename), '[name].js') },
});
