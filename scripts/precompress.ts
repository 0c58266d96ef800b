// `npm run build`'s last step: public/build's static files precompressed (scripts/lib/precompress.ts).
import path from "node:path";
import { precompressDirectory } from "./lib/precompress";

const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const started = Date.now();
const summary = precompressDirectory(path.join(projectRoot, "public", "build"));
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
console.log(
  `[info] precompressed ${summary.files} files in public/build (${((Date.now() - started) / 1000).toFixed(1)} s): ` +
    `${kb(summary.bytes)} → brotli ${kb(summary.brotliBytes)}, gzip ${kb(summary.gzipBytes)}`,
);
