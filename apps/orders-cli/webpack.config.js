// The CLI bundle (main.js) plus the rebuild measurement script (measure-rebuild.js) next to it.
const { dirname, join } = require('node:path');

module.exports = (options) => ({
  ...options,
  entry: {
    main: options.entry,
    'measure-rebuild': join(__dirname, 'src/scripts/measure-rebuild.ts'),
  },
  // the default filename is `<relative source root>/main.js` under dist/: keep the folder, name by entry
  output: { ...options.output, filename: join(dirname(options.output.filename), '[name].js') },
});
