import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * Pico CSS draws its icons (select chevrons, checkboxes, the busy spinner) as `data:image/svg+xml` URLs,
 * which a strict CSP (`default-src 'self'`, no `img-src data:`) blocks. This moves each one into an
 * .svg file of the build, so the console needs nothing beyond 'self'.
 */
export function svgDataUrlsToFiles(base: string): Plugin {
  return {
    name: 'console-svg-data-urls-to-files',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const asset of Object.values(bundle)) {
        if (asset.type !== 'asset' || !asset.fileName.endsWith('.css')) continue;
        const css = String(asset.source);
        const emitted = new Map<string, string>();
        asset.source = css.replace(/url\("data:image\/svg\+xml,([^"]*)"\)/g, (_match, encoded: string) => {
          let fileName = emitted.get(encoded);
          if (!fileName) {
            const svg = decodeURIComponent(encoded);
            const hash = createHash('sha256').update(svg).digest('hex').slice(0, 10);
            fileName = this.getFileName(this.emitFile({ type: 'asset', fileName: `assets/icon-${hash}.svg`, source: svg }));
            emitted.set(encoded, fileName);
          }
          return `url("${base}${fileName}")`;
        });
      }
    },
  };
}
