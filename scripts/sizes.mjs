// The download's sizes, from the release build in dist/ (trunk build --release): raw bytes
// and gzip -9 bytes of each part, written to bench-out/sizes.json (the README quotes them).
// No tools beyond node: run by scripts/bench.sh, or by hand: node scripts/sizes.mjs [dist]
//
// - first_load: everything fetched before the first view is interactive: the HTML, the
//   CSS, the page's JS glue and the page's wasm (the goal is 600 KB gzip; the page's wasm
//   alone 350 KB gzip). The manifest and icons are not needed to use the page and the
//   service worker registers after the load event, so they are reported apart.
// - worker: the simulation's web worker (loader shim, glue and wasm), fetched when a
//   simulation first runs.
// - precache: every file the service worker caches on install (its FILES list).
// - single_file: the self-contained HTML file (everything inlined).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
const out = path.join(root, 'bench-out');

const fail = (msg) => {
  console.error(`sizes: ${msg}`);
  process.exit(1);
};
if (!fs.existsSync(path.join(dist, 'index.html'))) fail(`no build in ${dist} (run trunk build --release)`);
const names = fs.readdirSync(dist);
const measure = (file) => {
  const body = fs.readFileSync(path.join(dist, file));
  return { file, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
};
const one = (re, what) => {
  const found = names.filter((f) => re.test(f));
  if (found.length !== 1) fail(`expected one ${what} in ${dist}, found ${found.length}: ${found.join(', ')}`);
  return measure(found[0]);
};
const sum = (parts) => ({
  raw: parts.reduce((a, p) => a + p.raw, 0),
  gzip: parts.reduce((a, p) => a + p.gzip, 0),
  files: parts.map((p) => p.file),
});

const html = one(/^index\.html$/, 'page');
const css = one(/^main-[0-9a-f]{16}\.css$/, 'stylesheet');
const js = one(/^app-[0-9a-f]{16}\.js$/, 'page JS');
const wasm = one(/^app-[0-9a-f]{16}_bg\.wasm$/, 'page wasm');
const worker = sum(names.filter((f) => /^worker(_loader)?\.js$|^worker_bg\.wasm$/.test(f)).sort().map(measure));
if (worker.files.length === 0) fail('no simulation worker files');

// The service worker's precache list, as post-build.mjs wrote it into sw.js.
const sw = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
const list = sw.match(/^const FILES = (\[.*\]);$/m);
if (!list) fail('sw.js has no FILES list (a debug build?)');
const precache = sum(JSON.parse(list[1]).filter((f) => f !== './').map(measure));
precache.raw += html.raw; // './' is the page itself
precache.gzip += html.gzip;

const single = one(/^risk-explorer-.*\.html$/, 'single file');
const firstLoad = sum([html, css, js, wasm]);
const kb = (n) => +(n / 1024).toFixed(1);
const row = (p) => ({ raw_bytes: p.raw, gzip_bytes: p.gzip, raw_kb: kb(p.raw), gzip_kb: kb(p.gzip) });
const report = {
  measured: new Date().toISOString(),
  note: 'bytes as built; gzip -9 (node zlib level 9); KB = 1024 bytes',
  goals_gzip_kb: { page_wasm: 350, first_load: 600 },
  page_wasm: row(wasm),
  page_js: row(js),
  css: row(css),
  html: row(html),
  first_load: { ...row(firstLoad), files: firstLoad.files },
  worker: { ...row(worker), files: worker.files },
  service_worker: row(measure('sw.js')),
  precache: { ...row(precache), files: precache.files.length + 1 },
  single_file: { ...row(single), file: single.file },
};
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'sizes.json'), `${JSON.stringify(report, null, 2)}\n`);
const line = (name, p) => `${name.padEnd(12)} ${String(p.raw).padStart(9)} B raw ${String(p.gzip).padStart(9)} B gzip`;
console.log([
  line('page wasm', wasm), line('page JS', js), line('CSS', css), line('HTML', html),
  line('first load', firstLoad), line('worker', worker), line('precache', precache),
  line('single file', single),
].join('\n'));
console.log(`sizes: wrote ${path.relative(root, path.join(out, 'sizes.json'))}`);
