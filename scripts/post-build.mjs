// Finishes what trunk writes, as its post_build hook (Trunk.toml), so that `trunk build`,
// `trunk serve` and every script that calls them produce the final files:
//
// 1. Names the build: a hash of every file trunk wrote (and of this script), written into
//    the page (<meta name="risk-explorer-build">).
// 2. Release builds only: a service worker (sw.js) that serves every file the page and the
//    simulation worker load, cache-first, from one cache per build named by that hash. Its
//    list of files is generated here from the build (the unhashed worker files included),
//    so a new build never serves a mix of versions. The page switches to a new build only
//    when the person presses "Switch now" (src/ui/components/update_bar.rs). Debug builds
//    get no service worker, so nothing cached gets in the way of development.
// 3. Release builds only: one self-contained HTML file, dist/risk-explorer-<version>.html:
//    styles, the page's JS and wasm, and the simulation worker (its glue and wasm, started
//    from a Blob URL) inlined. It works from file:// with no network at all.
// 4. A strict Content-Security-Policy in both: inline scripts pinned by their SHA-256
//    hashes (never 'unsafe-inline' for scripts), 'wasm-unsafe-eval' only, and nothing
//    loaded from anywhere but the page itself ('none' in the single file).
//
// Run by trunk with TRUNK_STAGING_DIR and TRUNK_PROFILE set; by hand:
//   node scripts/post-build.mjs <dir> [release|debug]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
const release = (process.env.TRUNK_PROFILE || process.argv[3] || 'release') === 'release';
if (!dir) {
  console.error('post-build: no directory (run by trunk, or: node scripts/post-build.mjs <dir>)');
  process.exit(2);
}
const fail = (msg) => {
  console.error(`post-build: ${msg}`);
  process.exit(1);
};

const version = (fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m) || [])[1];
if (!version) fail('could not read the version from Cargo.toml');
const singleName = `risk-explorer-${version}.html`;

// Every file trunk wrote (relative, with forward slashes), without our own outputs.
const walk = (d, base = '') => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
  const rel = base ? `${base}/${e.name}` : e.name;
  return e.isDirectory() ? walk(path.join(d, e.name), rel) : [rel];
});
const files = walk(dir).filter((f) => f !== 'sw.js' && !/^risk-explorer-.*\.html$/.test(f)).sort();
const read = (f) => fs.readFileSync(path.join(dir, f));
const sha = (data, enc = 'hex') => crypto.createHash('sha256').update(data).digest(enc);

// 1. The build's name.
const whole = crypto.createHash('sha256');
for (const f of files) whole.update(f).update('\0').update(read(f)).update('\0');
whole.update(fs.readFileSync(fileURLToPath(import.meta.url)));
const build = whole.digest('hex').slice(0, 16);

const html = read('index.html').toString('utf8');
const BUILD_META = /<meta name="risk-explorer-build"[^>]*>/;
if (!BUILD_META.test(html)) fail('index.html has no <meta name="risk-explorer-build"> to fill in');
const CSP_META = /<meta http-equiv="Content-Security-Policy"[^>]*>/;
if (!CSP_META.test(html)) fail('index.html has no Content-Security-Policy meta tag to fill in');

// Inline scripts: [whole tag, attributes, body] for every <script> without src.
const inlineScripts = (text) => [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
  .filter((m) => !/\bsrc=/.test(m[1]));
const scriptHashes = (text) => inlineScripts(text).map((m) => `'sha256-${sha(m[2], 'base64')}'`);
const withPolicy = (text, policy) => text.replace(CSP_META,
  `<meta http-equiv="Content-Security-Policy" content="${policy.join('; ')}">`);

// The served page (http/https). connect-src 'self': trunk's loader fetches the wasm.
let page = html.replace(BUILD_META, release
  ? `<meta name="risk-explorer-build" content="${build}" data-service-worker="sw.js">`
  : `<meta name="risk-explorer-build" content="${build}">`);
page = withPolicy(page, [
  "default-src 'self'",
  `script-src 'self' ${scriptHashes(page).join(' ')} 'wasm-unsafe-eval'`,
  // The app sets style attributes (chart geometry, progress bars); scripts never inline.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
]);
fs.writeFileSync(path.join(dir, 'index.html'), page);

if (!release) {
  // No service worker in debug builds. One left at this address by an earlier release
  // build (scripts/serve.sh) would keep serving that build: this one removes itself and
  // every cache as soon as the browser checks for an update (on the next page load).
  fs.writeFileSync(path.join(dir, 'sw.js'), `// Generated by scripts/post-build.mjs for debug build ${build}: do not edit.
// Debug builds are not cached: remove the service worker and caches of a release build.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(caches.keys()
  .then((keys) => Promise.all(keys.filter((k) => k.startsWith('risk-explorer-')).map((k) => caches.delete(k))))
  .then(() => self.registration.unregister())));
`);
  console.log(`post-build: debug build ${build}: strict CSP written; no service worker, no single file`);
  process.exit(0);
}

// 2. The service worker. Hashed files (name-<16 hex>.ext) can come from the HTTP cache;
// the unhashed ones (index.html, the worker's files, manifest, icons) are fetched afresh.
const cached = ['./', ...files];
const sw = `// Generated by scripts/post-build.mjs for build ${build}: do not edit.
// Cache-first from one cache per build; a new build waits until the page says "switch".
const BUILD = ${JSON.stringify(build)};
const CACHE = 'risk-explorer-' + BUILD;
const FILES = ${JSON.stringify(cached, null, 0)};
const HASHED = /-[0-9a-f]{16}(_bg)?\\.[a-z]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(
    FILES.map((f) => new Request(f, { cache: HASHED.test(f) ? 'default' : 'reload' })),
  )));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((k) => k.startsWith('risk-explorer-') && k !== CACHE)
      .map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// Only on the person's word (the page's "Switch now").
self.addEventListener('message', (event) => {
  if (event.data === 'skipWaiting') self.skipWaiting();
  if (event.data === 'build' && event.source) event.source.postMessage({ build: BUILD });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    let hit = await cache.match(request, { ignoreSearch: true });
    // The app routes by fragment: any page address in its folder is the app.
    if (!hit && request.mode === 'navigate' && url.pathname.endsWith('/')) hit = await cache.match('./');
    return hit || fetch(request);
  }));
});
`;
fs.writeFileSync(path.join(dir, 'sw.js'), sw);

// 3. The single file, from the page as trunk wrote it.
let one = html.replace(BUILD_META, `<meta name="risk-explorer-build" content="${build}">`);
const pick = (re, what) => {
  const m = one.match(re);
  if (!m) fail(`cannot find ${what} in index.html`);
  return m;
};
const local = (href) => href.replace(/^\.?\//, '').replace(/^\//, '');
// Styles inline.
one = one.replace(/<link rel="stylesheet" href="([^"]+)"[^>]*>/g, (_, href) => {
  const css = read(local(href)).toString('utf8');
  if (/url\(/.test(css)) fail(`${href} refers to other files (url(...)): inline them first`);
  return `<style>${css}</style>`;
});
// No preloads, no manifest, no icons to fetch, no service worker.
one = one.replace(/<link rel="(modulepreload|preload|manifest|apple-touch-icon)"[^>]*>\s*/g, '');
one = one.replace(/<script id="sw-register">[\s\S]*?<\/script>\s*/, '');
// The page's module: trunk's loader imports the glue and fetches the wasm. Replace it with
// the glue itself (its exports dropped) initialised from the wasm's bytes.
const loader = pick(/<script type="module"[^>]*>\s*import init, \* as bindings from '([^']+)';[\s\S]*?<\/script>/, "trunk's module loader");
const appJs = local(loader[1]);
const appWasm = local(pick(/module_or_path: '([^']+)'/, "the page's wasm").at(1));
const glue = read(appJs).toString('utf8')
  .replace(/^export (function|class|const|let|async function) /gm, '$1 ')
  .replace(/^export \{[^}]*\};?\s*$/gm, '')
  .replace(/^export default [\w$]+;?\s*$/gm, '');
if (/^\s*(export|import)\b/m.test(glue)) fail(`${appJs}: an import or export is left after inlining`);
const b64 = (buf) => buf.toString('base64');
const decode = 'function __reBytes(s){const b=atob(s);const u=new Uint8Array(b.length);for(let i=0;i<b.length;i++)u[i]=b.charCodeAt(i);return u;}';
const appModule = `${glue}
${decode}
const __reApp = await __wbg_init({ module_or_path: __reBytes("${b64(read(appWasm))}") });
window.wasmBindings = { initSync };
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: __reApp } }));
`;
// The worker: its classic (no-modules) glue and an init call with its wasm's bytes, as a
// Blob URL the app reads (window.RISK_EXPLORER_WORKER_URL, see src/ui/worker/control.rs).
const workerJs = read('worker.js').toString('utf8');
const workerBody = `${workerJs}
;(function(){${decode}wasm_bindgen({ module_or_path: __reBytes("${b64(read('worker_bg.wasm'))}") });})();
`;
const jsString = (s) => JSON.stringify(s).replace(/</g, '\\u003c');
// The dataset's JSON Schema, which the served page links beside it, as a Blob URL the
// app's schema links use (window.RISK_EXPLORER_SCHEMA_URL, see src/ui/components/datasets.rs).
const schema = read('dataset.schema.json').toString('utf8');
JSON.parse(schema);
const workerScript = `window.RISK_EXPLORER_WORKER_URL = URL.createObjectURL(new Blob([${jsString(workerBody)}], { type: 'text/javascript' }));
window.RISK_EXPLORER_SCHEMA_URL = URL.createObjectURL(new Blob([${jsString(schema)}], { type: 'application/json' }));`;
for (const [name, s] of [[appJs, appModule], ['worker', workerScript]]) {
  if (/<\/script/i.test(s)) fail(`${name} contains "</script": it cannot be inlined as is`);
}
one = one.replace(loader[0], () => `<script>${workerScript}</script>\n<script type="module">${appModule}</script>`);
if (/\b(src|href)="(?!data:|#)[^"]*"/.test(one.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style>[\s\S]*?<\/style>/g, ''))) {
  fail('the single file still refers to another file: ' + one.match(/\b(src|href)="(?!data:|#)[^"]*"/)[0]);
}
one = withPolicy(one, [
  "default-src 'none'",
  `script-src ${scriptHashes(one).join(' ')} 'wasm-unsafe-eval'`,
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'worker-src blob:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
]);
fs.writeFileSync(path.join(dir, singleName), one);

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const zlib = await import('node:zlib');
const gz = zlib.gzipSync(Buffer.from(one), { level: 9 }).length;
console.log(`post-build: release build ${build}: strict CSP, sw.js (${cached.length} files), `
  + `${singleName} ${kb(Buffer.byteLength(one))} (${kb(gz)} gzip)`);
