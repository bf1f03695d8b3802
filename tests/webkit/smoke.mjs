// WebKit smoke journey: the built site (dist/) in WebKitGTK, the engine Safari on an iPad or
// a Mac shares. Debian's WebKitWebDriver drives its MiniBrowser under a virtual X display
// (xvfb-run), spoken to over the W3C WebDriver HTTP protocol with plain fetch (no npm
// dependency). It opens every view, waits for the default simulation to finish in the web
// worker, and fails on any page error, console error, failed worker, content-security
// violation or request that leaves the page's origin. Screenshots of the register and the
// simulation go to tests/e2e/out/webkit-*.png for a person to look at.
//
//   node tests/webkit/smoke.mjs          (after trunk build --release; needs webkit2gtk-driver, xvfb)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../e2e/server.mjs';

const ROUTES = ['register', 'map', 'drivers', 'scenarios', 'simulation', 'method', 'about'];
const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist');
const out = path.resolve(here, '../e2e/out');
const driverLog = path.join(out, 'webkit-driver.log');

// Errors are collected from the first script the page runs, so that one thrown while the
// app starts counts too. The copy of dist/ that is served has this classic script first in
// <head> (the page's content security policy allows same-origin scripts). It also listens
// on every Worker the app creates, because an error inside a worker never reaches window.
const COLLECTOR = `(() => {
  const seen = window.__smokeProblems = [];
  const text = (v) => v instanceof Error ? v.name + ': ' + v.message + (v.stack ? ' at ' + String(v.stack).split('\\n')[0] : '') : String(v);
  addEventListener('error', (e) => {
    if (e.target && e.target !== window && e.target.tagName) {
      seen.push('failed to load ' + e.target.tagName.toLowerCase() + ' ' + (e.target.src || e.target.href || ''));
    } else {
      seen.push('page error: ' + e.message + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''));
    }
  }, true);
  addEventListener('unhandledrejection', (e) => seen.push('unhandled promise rejection: ' + text(e.reason)));
  addEventListener('securitypolicyviolation', (e) => seen.push('blocked by the content security policy: ' + e.violatedDirective + ' ' + e.blockedURI));
  const consoleError = console.error.bind(console);
  console.error = (...args) => { seen.push('console error: ' + args.map(text).join(' ')); consoleError(...args); };
  const Base = window.Worker;
  if (Base) {
    window.Worker = class extends Base {
      constructor(...args) {
        super(...args);
        this.addEventListener('error', (e) => seen.push('worker error: ' + (e.message || 'the worker failed to load or threw') + ' (' + args[0] + ')'));
        this.addEventListener('messageerror', () => seen.push('worker message could not be read (' + args[0] + ')'));
      }
    };
  }
})();
`;

const started = Date.now();
const ms = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (s) => console.log(`webkit: ${s}`);
const sleep = (t) => new Promise((ok) => setTimeout(ok, t));

for (const bin of ['xvfb-run', 'WebKitWebDriver']) {
  if (!onPath(bin)) {
    console.error(`webkit: ${bin} is missing; run scripts/setup.sh (it installs webkit2gtk-driver, xvfb and xauth)`);
    process.exit(2);
  }
}
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error('webkit: dist/index.html is missing; build the site first (trunk build --release)');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });

let site;
let driver;
let session;
let served;
let failure;
let stopping;
const stop = async () => {
  stopping ??= (async () => {
    if (session) await wd('DELETE', '', undefined, 10000).catch(() => {});
    session = undefined;
    if (driver) await stopDriver(driver);
    if (site) await site.close();
    if (served) fs.rmSync(served, { recursive: true, force: true });
  })();
  return stopping;
};
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => { stop().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143)); });
}

try {
  served = copyWithCollector();
  site = await serve(served);
  const port = await freePort();
  driver = startDriver(port);
  const base = `http://127.0.0.1:${port}`;
  await waitForDriver(base);
  // WebKitWebDriver starts its MiniBrowser (from libwebkit2gtk) in automation mode by
  // default: no browser options are needed. Its storage is ephemeral (nothing is written
  // under ~/.local/share or ~/.cache), so every run starts from the built-in register.
  const created = await post(`${base}/session`, {
    capabilities: { alwaysMatch: { browserName: 'MiniBrowser', pageLoadStrategy: 'normal' } },
  }, 60000);
  session = `${base}/session/${created.sessionId}`;
  const caps = created.capabilities;
  log(`${caps.browserName} (WebKitGTK ${caps.browserVersion}) on ${caps.platformName}, session up at ${ms()}`);
  await wd('POST', '/timeouts', { pageLoad: 60000, script: 30000, implicit: 0 });
  await wd('POST', '/window/rect', { width: 1366, height: 768 });

  for (const route of ROUTES) {
    const t0 = Date.now();
    // The first view loads the page; the others are fragment changes in the same document,
    // as when a person follows the menu.
    await wd('POST', '/url', { url: `${site.origin}/#/${route}` });
    let headline = await waitFor(`the ${route} view shows its heading (main[data-page="${route}"] h1)`, 30000,
      `const h = document.querySelector('main[data-page="' + arguments[0] + '"] h1');
       return h && h.textContent.trim() ? h.textContent.trim() : null;`, [route]);
    let note = '';
    if (route === 'simulation') {
      // The first run starts by itself: 10,000 trials in the web worker.
      const done = await waitFor('the default simulation finishes in the worker (10,000 trials, data-running="false")', 180000,
        `const v = document.querySelector('.simulation-view');
         if (!v) return null;
         const d = v.dataset;
         return d.running === 'false' && d.trials === '10000' ? { mode: d.mode, totalMs: d.totalMs } : null;`);
      if (done.mode !== 'worker') throw new Error(`the simulation ran in "${done.mode}", not in a web worker`);
      const final = await script(`return document.querySelector('.simulation-view h1').textContent.trim();`);
      if (!/^Chance that the net outturn passes £[\d.]+m .*: \d+%$/.test(final)) {
        throw new Error(`the simulation's headline is not a finished result: "${final}"`);
      }
      const charts = await script(`return document.querySelectorAll('.simulation-view [data-chart] svg').length;`);
      if (charts < 10) throw new Error(`the simulation shows only ${charts} charts (expected its 13 result charts)`);
      note = `, 10,000 trials at each rating in the worker in ${(Number(done.totalMs) / 1000).toFixed(1)} s, ${charts} charts`;
      headline = final;
    }
    await checkPage(route);
    if (route === 'register' || route === 'simulation') {
      const png = path.join(out, `webkit-${route}.png`);
      fs.writeFileSync(png, Buffer.from(await wd('GET', '/screenshot'), 'base64'));
      // The whole page too: WebDriver has no full-page shot, so the window is made as tall
      // as the page for a moment (element shots of WebKitGTK come out black in a tall window).
      const height = await script('return document.documentElement.scrollHeight;');
      const frame = 768 - await script('return window.innerHeight;');
      await wd('POST', '/window/rect', { width: 1366, height: height + frame });
      await sleep(500);
      fs.writeFileSync(path.join(out, `webkit-${route}-full.png`), Buffer.from(await wd('GET', '/screenshot'), 'base64'));
      await wd('POST', '/window/rect', { width: 1366, height: 768 });
      note += `, screenshots ${path.relative(process.cwd(), png)} and -full.png`;
    }
    const short = headline.length > 70 ? `${headline.slice(0, 70)}…` : headline;
    log(`ok   #/${route}: "${short}" (${Date.now() - t0} ms${note})`);
  }
} catch (e) {
  failure = e;
}

if (failure && session) {
  // Whatever the page recorded may explain the failure.
  const seen = await script('return window.__smokeProblems || [];').catch(() => []);
  const more = seen.filter((p) => !failure.message.includes(p));
  if (more.length) failure.message += `\nthe page also recorded:\n  ${more.join('\n  ')}`;
  await wd('GET', '/screenshot').then((b64) => {
    fs.writeFileSync(path.join(out, 'webkit-FAILED.png'), Buffer.from(b64, 'base64'));
    console.error('webkit: screenshot of the failure in tests/e2e/out/webkit-FAILED.png');
  }).catch(() => {});
}
await stop();
if (failure) {
  console.error(`\nwebkit: FAIL ${failure.message}`);
  const tail = fs.existsSync(driverLog)
    ? fs.readFileSync(driverLog, 'utf8').split('\n').filter((l) => l.trim() && l.trim() !== 'Terminated').slice(-15).join('\n')
    : '';
  if (tail) console.error(`\nlast lines of ${path.relative(process.cwd(), driverLog)}:\n${tail}`);
  process.exit(1);
}
log(`smoke journey passed: ${ROUTES.length} views in WebKitGTK, no page errors, nothing left the origin (${ms()})`);
process.exit(0);

// ---------------------------------------------------------------------------------------

// After each view: nothing went wrong on the page, the app's own error screen is absent,
// and every resource the page fetched came from its own origin.
async function checkPage(route) {
  const report = await script(`
    const origin = location.origin;
    const outside = performance.getEntriesByType('resource').map((r) => r.name)
      .filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
    const fatal = document.querySelector('main.fatal');
    return {
      collector: Array.isArray(window.__smokeProblems),
      problems: window.__smokeProblems || [],
      outside,
      fatal: fatal ? fatal.textContent.trim() : null,
    };`);
  const problems = [...report.problems];
  if (!report.collector) problems.push('the error collector is missing: the page reloaded or its first script did not run');
  if (report.fatal) problems.push(`the app's error screen shows: ${report.fatal}`);
  for (const u of report.outside) problems.push(`network request outside the page's origin: ${u}`);
  if (problems.length) throw new Error(`on #/${route}:\n  ${problems.join('\n  ')}`);
}

// Polls a script until it returns something truthy; on timeout says what was awaited and
// what the page showed.
async function waitFor(what, timeout, body, args = []) {
  const until = Date.now() + timeout;
  for (;;) {
    const v = await script(body, args);
    if (v) return v;
    if (Date.now() > until) {
      const seen = await script(`
        const v = document.querySelector('.simulation-view');
        return { url: location.href, main: document.querySelector('main')?.dataset.page ?? null,
          h1: document.querySelector('h1')?.textContent.trim() ?? null,
          loading: !!document.getElementById('loading'),
          simulation: v ? { ...v.dataset } : null, problems: window.__smokeProblems || [] };`).catch((e) => e.message);
      throw new Error(`timed out after ${timeout / 1000} s waiting until ${what}; the page: ${JSON.stringify(seen)}`);
    }
    await sleep(200);
  }
}

function script(body, args = []) {
  return wd('POST', '/execute/sync', { script: body, args });
}

function wd(method, rel, body, timeout = 90000) {
  return request(method, `${session}${rel}`, body, timeout);
}

function post(url, body, timeout) {
  return request('POST', url, body, timeout);
}

async function request(method, url, body, timeout = 90000) {
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeout),
    });
  } catch (e) {
    throw new Error(`WebDriver ${method} ${url} did not answer: ${e.cause?.message || e.message}`);
  }
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { throw new Error(`WebDriver ${method} ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`); }
  const v = json.value;
  if (!res.ok || (v && v.error)) {
    throw new Error(`WebDriver ${method} ${url}: ${v?.error || `HTTP ${res.status}`}: ${v?.message || text.slice(0, 200)}`);
  }
  return v;
}

// A copy of dist/ whose index.html runs the error collector first.
function copyWithCollector() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webkit-smoke-'));
  fs.cpSync(dist, dir, { recursive: true });
  const index = path.join(dir, 'index.html');
  const html = fs.readFileSync(index, 'utf8');
  if (!/<head>/i.test(html)) throw new Error('dist/index.html has no <head>');
  fs.writeFileSync(path.join(dir, 'webkit-smoke-collector.js'), COLLECTOR);
  fs.writeFileSync(index, html.replace(/<head>/i, '<head><script src="/webkit-smoke-collector.js"></script>'));
  return dir;
}

function startDriver(port) {
  const fd = fs.openSync(driverLog, 'w');
  // Its own process group, so that whatever the driver leaves behind can be ended too.
  const child = spawn('xvfb-run', ['-a', '-s', '-screen 0 1920x1080x24', 'WebKitWebDriver', `--port=${port}`],
    { detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  child.exited = new Promise((ok) => child.on('exit', (code, sig) => ok(sig || code)));
  child.on('error', (e) => { child.failed = e; });
  return child;
}

async function waitForDriver(base) {
  const until = Date.now() + 30000;
  for (;;) {
    if (driver.failed) throw new Error(`could not start xvfb-run: ${driver.failed.message}`);
    if (driver.exitCode !== null) throw new Error(`xvfb-run WebKitWebDriver exited (${driver.exitCode}) before it answered`);
    const ready = await request('GET', `${base}/status`, undefined, 2000).then((v) => v.ready).catch(() => false);
    if (ready) return;
    if (Date.now() > until) throw new Error('WebKitWebDriver did not answer /status within 30 s');
    await sleep(100);
  }
}

// Ends the driver first, so that xvfb-run stops its X server and removes its temporary
// files itself; then anything still in the process group (a browser process the driver
// left behind), and the group as a whole if xvfb-run does not exit.
async function stopDriver(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const driverPid = childrenOf(child.pid).find((p) => comm(p) === 'WebKitWebDriver');
  if (driverPid) {
    try { process.kill(driverPid, 'SIGTERM'); } catch { /* already gone */ }
  }
  const exited = await Promise.race([child.exited.then(() => true), sleep(5000).then(() => false)]);
  try { process.kill(-child.pid, exited ? 'SIGTERM' : 'SIGKILL'); } catch { /* the group is empty */ }
  if (!exited) await child.exited;
}

function childrenOf(pid) {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((p) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
    } catch { return false; }
  });
}

function comm(pid) {
  try { return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { return ''; }
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

function onPath(bin) {
  return (process.env.PATH || '').split(':').some((d) => {
    try { fs.accessSync(path.join(d || '.', bin), fs.constants.X_OK); return true; } catch { return false; }
  });
}
