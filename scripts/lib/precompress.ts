// The production build's static files compressed once, at build time: `<file>.br` and `<file>.gz`
// beside each JavaScript, CSS, JSON, SVG or source-map file in public/build (brotli at its best
// quality, gzip at 9), for scripts/server.ts to send to browsers that accept them. Files whose
// compressed form would not be smaller keep none.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const COMPRESSIBLE = /\.(js|mjs|css|json|svg|map|txt|html)$/;

function* filesIn(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesIn(full);
    else if (COMPRESSIBLE.test(entry.name)) yield full;
  }
}

export interface PrecompressSummary {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

export function precompressDirectory(dir: string): PrecompressSummary {
  const summary: PrecompressSummary = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  for (const file of filesIn(dir)) {
    const source = fs.readFileSync(file);
    const brotli = zlib.brotliCompressSync(source, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    });
    const gzip = zlib.gzipSync(source, { level: 9 });
    summary.files++;
    summary.bytes += source.length;
    for (const [extension, compressed] of [
      [".br", brotli],
      [".gz", gzip],
    ] as const) {
      if (compressed.length < source.length) fs.writeFileSync(file + extension, compressed);
      else fs.rmSync(file + extension, { force: true });
    }
    summary.brotliBytes += Math.min(brotli.length, source.length);
    summary.gzipBytes += Math.min(gzip.length, source.length);
  }
  return summary;
}
