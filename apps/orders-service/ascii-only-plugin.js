// A webpack plugin for the service bundle: every character beyond ASCII in the emitted JavaScript is written
// as a \uXXXX escape (in strings, templates, regular expressions and comments alike, where it means the same).
//
// Why: V8 keeps a script's source for as long as its functions may still be compiled, and every thread that
// runs the bundle holds a copy of its own (the request thread and each worker thread of the embedded backend).
// A single character beyond Latin-1 in it (a "–" or a "≥" in a message) makes the whole ~1 MB source a
// two-byte string; escaped, it stays one byte a character. See docs/operations.md (Memory).

/** `text` with every UTF-16 code unit above 0x7f written as a \uXXXX escape */
function escapeNonAscii(text) {
  return text.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

class AsciiOnlyPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('AsciiOnlyPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'AsciiOnlyPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE }, (assets) => {
        for (const [name, asset] of Object.entries(assets)) {
          if (!name.endsWith('.js')) continue;
          const text = asset.source().toString();
          const escaped = escapeNonAscii(text);
          if (escaped !== text) compilation.updateAsset(name, new sources.RawSource(escaped));
        }
      });
    });
  }
}

module.exports = { AsciiOnlyPlugin, escapeNonAscii };
