// Offline use (issue 14): the served app after the first visit with the server stopped and
// the network off; the single self-contained file from file:// with every request blocked;
// a new build offered, never forced; and the Content-Security-Policy doing its job.
// These journeys serve the site themselves (to stop the server, or to swap build A for
// build B), so they watch their own pages for errors and requests off the origin.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../../dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.png': 'image/png', '.webmanifest': 'application/manifest+json',
};

// A static server whose folder can be swapped (build A, then build B) and which can stop.
async function server(root) {
  const s = { root };
  const srv = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.join(s.root, decodeURIComponent(url.pathname));
    if (!file.startsWith(s.root)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); return res.end('not found'); }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    });
  });
  await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
  s.origin = `http://127.0.0.1:${srv.address().port}`;
  s.stop = () => new Promise((ok) => { srv.close(ok); srv.closeAllConnections(); });
  return s;
}

// A page in the journey's context (so run.mjs's Content-Security-Policy listener applies)
// watched for page errors, console errors, failed requests and requests off its origin.
async function watchedPage(context, allowed) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('request', (r) => {
    if (!allowed(r.url())) problems.push(`request outside the page's origin: ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.problems = problems;
  return page;
}

const build = (page) => page.getAttribute('meta[name="risk-explorer-build"]', 'content');
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30000 });
const raiseAppetite = async (page) => {
  await page.click('button[aria-label="Raise the appetite threshold by 1"]');
  return Number(await page.inputValue('#appetite'));
};
const savedAppetite = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('risk-explorer/working'))?.workspace?.register?.appetite);

// Runs the simulation view's first run at `trials` and says where it ran.
async function simulate(page, trials) {
  await page.evaluate(() => { location.hash = '#/simulation'; });
  await page.waitForSelector('.simulation-view');
  if (trials !== 10000) {
    await page.locator('.sim-advanced summary').click();
    await page.selectOption('#sim-trials', String(trials));
  }
  await page.waitForFunction((t) => {
    const v = document.querySelector('.simulation-view');
    return v?.dataset.trials === String(t) && v.dataset.running === 'false';
  }, trials, { timeout: 120000 });
  assert.match(await page.textContent('h1'), /^Chance that the net outturn passes .* \d+%$/);
  return page.locator('.simulation-view').getAttribute('data-mode');
}

const out_ = () => path.resolve(here, '../out');
const VIEWS = ['register', 'map', 'drivers', 'scenarios', 'simulation', 'method', 'about'];

export const journeys = {
  async 'offline: installable; after one visit the app reloads with the server stopped and the network off, simulates and keeps the autosave'({ context, out }) {
    const site = await server(dist);
    const page = await watchedPage(context, (u) => u.startsWith(site.origin));
    await page.goto(`${site.origin}/#/map`);
    await page.waitForSelector('main h1');
    await controlled(page);
    // Installable: Chromium finds nothing missing (manifest, icons, a service worker that serves).
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // (Playwright's contexts are incognito windows, where nothing installs: the one exception.)
    assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), [], 'installable as an app');
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, []);
    assert.match(manifest.url, /manifest\.webmanifest$/);
    await cdp.detach();
    const appetite = await raiseAppetite(page);
    await page.waitForFunction((a) => JSON.parse(localStorage.getItem('risk-explorer/working'))?.workspace?.register?.appetite === a, appetite);

    // Server stopped and the network off: a reload still shows the app, from this build's cache.
    await site.stop();
    await context.setOffline(true);
    const res = await page.reload();
    assert.ok(res.fromServiceWorker(), 'the page came from the service worker');
    await page.waitForSelector('main h1');
    assert.equal(Number(await page.inputValue('#appetite')), appetite, 'the autosave came back');
    // The simulation runs in its web worker, whose unhashed files came from the same cache.
    assert.equal(await simulate(page, 10000), 'worker');
    await page.screenshot({ path: path.join(out, 'offline-simulation.png') });
    // And work done offline is saved too.
    await page.evaluate(() => { location.hash = '#/map'; });
    await page.waitForSelector('#appetite');
    const again = await raiseAppetite(page);
    await page.waitForFunction((a) => JSON.parse(localStorage.getItem('risk-explorer/working'))?.workspace?.register?.appetite === a, again);
    await page.reload();
    await page.waitForSelector('#appetite');
    assert.equal(Number(await page.inputValue('#appetite')), again);
    assert.equal(await savedAppetite(page), again);
    await context.setOffline(false);
    assert.deepEqual(page.problems, []);
  },

  async 'single file: from file:// with every request blocked, every view renders, 100,000 trials run in the worker, autosave works'({ context, out }) {
    const name = fs.readdirSync(dist).find((f) => /^risk-explorer-.+\.html$/.test(f));
    assert.ok(name, 'the release build wrote dist/risk-explorer-<version>.html');
    const file = path.join(dist, name);
    await context.setOffline(true);
    const blocked = [];
    // Every request that is not the file itself is refused (and would fail the journey).
    const network = (u) => u.protocol !== 'file:' && u.protocol !== 'data:' && u.protocol !== 'blob:';
    await context.route(network, (route) => { blocked.push(route.request().url()); return route.abort(); });
    const page = await watchedPage(context, (u) => u.startsWith('file://') || u.startsWith('data:') || u.startsWith('blob:'));
    const url = `file://${file}`;
    await page.goto(`${url}#/register`);
    await page.waitForSelector('main h1');
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /connect-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline[^;]*;[^;]*$|script-src[^;]*unsafe-inline/);
    for (const view of VIEWS) {
      await page.evaluate((v) => { location.hash = `#/${v}`; }, view);
      await page.waitForFunction((v) => document.querySelector('main')?.dataset.page === v && document.querySelector('main h1')?.textContent.trim(), view);
      // Every view's charts are drawn (an SVG in every chart card).
      const empty = await page.$$eval('.chart-card[data-chart]', (cards) => cards.filter((c) => !c.querySelector('svg')).map((c) => c.dataset.chart));
      assert.deepEqual(empty, [], `${view}: every chart is drawn`);
    }
    await page.screenshot({ path: path.join(out, 'single-file-about.png') });
    // The dataset's JSON Schema, which the served page has beside it, is in the file too.
    await page.evaluate(() => { location.hash = '#/about'; });
    const schemaLink = page.locator('[data-about-import] a[download]');
    assert.match(await schemaLink.getAttribute('href'), /^blob:/, 'the schema link points into the file');
    const [download] = await Promise.all([page.waitForEvent('download'), schemaLink.click()]);
    assert.equal(download.suggestedFilename(), 'risk-explorer-dataset.schema.json');
    const schema = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.match(schema.title, /Risk Explorer dataset/);
    // 100,000 trials, in the web worker started from the page's Blob URL (not the page fallback).
    assert.match(await page.evaluate(() => window.RISK_EXPLORER_WORKER_URL), /^blob:/);
    const t0 = Date.now();
    assert.equal(await simulate(page, 100000), 'worker', 'the run happened in the web worker');
    const ms = Date.now() - t0;
    await page.screenshot({ path: path.join(out, 'single-file-simulation.png') });
    // Autosave: an edit survives a reload of the file.
    await page.evaluate(() => { location.hash = '#/map'; });
    await page.waitForSelector('#appetite');
    const appetite = await raiseAppetite(page);
    await page.waitForFunction((a) => JSON.parse(localStorage.getItem('risk-explorer/working'))?.workspace?.register?.appetite === a, appetite);
    await page.reload();
    await page.waitForSelector('#appetite');
    assert.equal(Number(await page.inputValue('#appetite')), appetite);
    await context.unroute(network);
    await context.setOffline(false);
    assert.deepEqual(blocked, [], 'no request left the file');
    assert.deepEqual(page.problems, []);
    console.log(`     single file ${name}: 100,000 trials in the worker in ${ms} ms (including the switch to the view)`);
  },

  async 'update: a new build is offered in a bar and only switches when the person presses Switch now'({ context, out }) {
    // Build B: build A with another build hash (as a rebuild with any change would have).
    const a = fs.readFileSync(path.join(dist, 'index.html'), 'utf8').match(/<meta name="risk-explorer-build" content="([0-9a-f]{16})"/)?.[1];
    assert.ok(a, 'the release build names itself');
    const b = [...a].reverse().join('') === a ? `f${a.slice(1)}` : [...a].reverse().join('');
    const dirB = path.join(out, 'build-b');
    fs.rmSync(dirB, { recursive: true, force: true });
    fs.cpSync(dist, dirB, { recursive: true, filter: (f) => !/risk-explorer-.+\.html$/.test(f) });
    for (const f of ['index.html', 'sw.js']) {
      const p = path.join(dirB, f);
      fs.writeFileSync(p, fs.readFileSync(p, 'utf8').split(a).join(b));
    }
    const site = await server(dist);
    const page = await watchedPage(context, (u) => u.startsWith(site.origin));
    await page.goto(`${site.origin}/#/map`);
    await page.waitForSelector('main h1');
    await controlled(page);
    assert.equal(await build(page), a);
    const appetite = await raiseAppetite(page);
    await page.waitForFunction((x) => JSON.parse(localStorage.getItem('risk-explorer/working'))?.workspace?.register?.appetite === x, appetite);

    // Build B is published. The next visit still gets build A (cache-first) and is told.
    site.root = dirB;
    await page.reload();
    await page.waitForSelector('main h1');
    assert.equal(await build(page), a, 'still build A: nothing switches by itself');
    await page.waitForSelector('.update-bar', { timeout: 30000 });
    assert.match(await page.textContent('.update-bar'), /A new version of Risk Explorer is ready\..*your work is kept/);
    await page.evaluate(() => { window.stillThisPage = true; });
    // Work goes on: an edit, and a wait; the page stays as it is.
    const later = await raiseAppetite(page);
    await page.waitForTimeout(2000);
    assert.equal(await page.evaluate(() => window.stillThisPage), true, 'no reload mid-workshop');
    assert.equal(await build(page), a);
    await page.locator('.update-bar').screenshot({ path: path.join(out, 'update-bar-only.png') });
    await page.screenshot({ path: path.join(out, 'update-bar.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(out, 'update-bar-1920.png') });
    await page.setViewportSize({ width: 1366, height: 768 });

    // The person's word: the work is saved, then the page reloads into build B.
    await Promise.all([
      page.waitForEvent('load', { timeout: 30000 }),
      page.click('.update-bar button:has-text("Switch now")'),
    ]);
    await page.waitForSelector('#appetite');
    assert.equal(await build(page), b, 'now build B');
    assert.equal(Number(await page.inputValue('#appetite')), later, 'the work came through the switch');
    assert.equal(await page.locator('.update-bar').count(), 0);
    await site.stop();
    fs.rmSync(dirB, { recursive: true, force: true });
    assert.deepEqual(page.problems, []);
  },

  async 'update: a development build removes the service worker and caches a release build left'({ context }) {
    // What `trunk serve` (a debug build) writes, from this release build's files.
    const dirDev = path.join(out_(), 'build-debug');
    fs.rmSync(dirDev, { recursive: true, force: true });
    fs.cpSync(dist, dirDev, { recursive: true, filter: (f) => !/risk-explorer-.+\.html$/.test(f) });
    execFileSync('node', [path.resolve(here, '../../../scripts/post-build.mjs'), dirDev, 'debug'], { stdio: 'pipe' });
    assert.doesNotMatch(fs.readFileSync(path.join(dirDev, 'index.html'), 'utf8'), /<meta name="risk-explorer-build"[^>]*data-service-worker/);
    const site = await server(dist);
    const page = await watchedPage(context, (u) => u.startsWith(site.origin));
    await page.goto(`${site.origin}/#/about`);
    await page.waitForSelector('main h1');
    await controlled(page);
    site.root = dirDev;
    await page.reload();
    await page.waitForSelector('main h1');
    // The debug build's sw.js takes over, empties the caches and unregisters itself.
    const gone = async () => page.evaluate(async () => (await caches.keys()).length === 0
      && (await navigator.serviceWorker.getRegistrations()).length === 0);
    for (let i = 0; i < 100 && !(await gone()); i++) await page.waitForTimeout(100);
    assert.ok(await gone(), 'no service worker and no cache left');
    await page.reload();
    await page.waitForSelector('main h1');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
    assert.equal(await page.getAttribute('meta[name="risk-explorer-build"]', 'data-service-worker'), null, 'the development build is served');
    await site.stop();
    fs.rmSync(dirDev, { recursive: true, force: true });
    assert.deepEqual(page.problems, []);
  },

  async 'content security policy: strict in the served page, and a violation is caught'({ context, out }) {
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
    const script = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    assert.match(script, /^script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+ 'wasm-unsafe-eval'$/);
    assert.match(csp, /connect-src 'self'/);
    assert.match(csp, /default-src 'self'/);
    // A separate browser context without run.mjs's listener: an injected inline script and a
    // fetch to another origin are both refused and reported to the page.
    const other = await context.browser().newContext();
    const site = await server(dist);
    const page = await other.newPage();
    await page.goto(`${site.origin}/#/about`);
    await page.waitForSelector('main h1');
    const seen = await page.evaluate(async () => {
      const got = [];
      document.addEventListener('securitypolicyviolation', (e) => got.push(e.violatedDirective));
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.head.append(s);
      await fetch('https://example.org/').catch(() => {});
      await new Promise((ok) => setTimeout(ok, 200));
      return { got, injected: window.injected === true };
    });
    assert.equal(seen.injected, false, 'an injected inline script does not run');
    assert.ok(seen.got.some((d) => d.startsWith('script-src')), `script refused: ${seen.got}`);
    assert.ok(seen.got.some((d) => d.startsWith('connect-src')), `fetch refused: ${seen.got}`);
    await other.close();
    await site.stop();
  },
};
