// Browser benchmarks against the built site (dist/) in headless Chromium: bundle size,
// time to first render, the time from a key press on the map to the DOM update, and the
// simulation's speed in the pool of web workers (10,000 to 1,000,000 trials, 1, 2 and
// hardwareConcurrency workers).
// Writes bench-out/web.json. Figures, not pass/fail: the README quotes them.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { simulationBench } from './bench-simulation.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dist = path.join(root, 'dist');

const files = fs.readdirSync(dist).filter((f) => /\.(wasm|js|css|html)$/.test(f));
const size = { raw_kb: 0, gzip_kb: 0, files: {} };
for (const f of files) {
  const body = fs.readFileSync(path.join(dist, f));
  const gz = zlib.gzipSync(body, { level: 9 }).length;
  size.files[f.replace(/-[0-9a-f]{16}/, '')] = { raw_kb: +(body.length / 1024).toFixed(1), gzip_kb: +(gz / 1024).toFixed(1) };
  size.raw_kb += body.length / 1024;
  size.gzip_kb += gz / 1024;
}
size.raw_kb = +size.raw_kb.toFixed(1);
size.gzip_kb = +size.gzip_kb.toFixed(1);

const p90 = (xs) => { const s = [...xs].sort((a, b) => a - b); return +s[Math.floor(s.length * 0.9)].toFixed(1); };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return +s[Math.floor(s.length / 2)].toFixed(1); };
const server = await serve(dist);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const driverToDom = [];
const driverToPaint = [];
const firstRender = [];
const keyToDom = [];
for (let run = 0; run < 7; run++) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${server.origin}/#/map`);
  await page.waitForSelector('g.marker[data-risk="R3"]');
  firstRender.push(await page.evaluate(() => {
    // Time from navigation start until the map's markers were in the DOM.
    const nav = performance.getEntriesByType('navigation')[0];
    return performance.now() - (nav ? nav.startTime : 0);
  }));
  for (let k = 0; k < 5; k++) {
    keyToDom.push(await page.evaluate((k) => new Promise((resolve) => {
      const m = document.querySelector('g.marker[data-risk="R3"]');
      const before = m.dataset.l;
      const key = k % 2 ? 'ArrowRight' : 'ArrowLeft';
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        const now = document.querySelector('g.marker[data-risk="R3"]');
        if (now.dataset.l !== before) { obs.disconnect(); resolve(performance.now() - t0); }
      });
      obs.observe(document.querySelector('svg.heatmap'), { attributes: true, subtree: true });
      m.focus();
      m.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }), k));
  }
  // Drivers: from the input event on a driver to every chart and figure committed.
  await page.goto(`${server.origin}/#/drivers`);
  await page.waitForSelector('[data-figure="five-year-gap"]');
  for (let k = 0; k < 10; k++) {
    const [dom, paint] = await page.evaluate((k) => new Promise((resolve) => {
      const input = document.querySelector('#driver-cic_growth-range');
      const fig = document.querySelector('[data-figure="five-year-gap"]');
      const before = fig.dataset.value;
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        if (document.querySelector('[data-figure="five-year-gap"]').dataset.value !== before) {
          obs.disconnect();
          const committed = performance.now() - t0;
          // And to the frame that paints the change.
          requestAnimationFrame(() => resolve([committed, performance.now() - t0]));
        }
      });
      obs.observe(document.querySelector('main'), { attributes: true, childList: true, subtree: true });
      input.value = String(2 + (k % 5));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }), k);
    driverToDom.push(dom);
    driverToPaint.push(paint);
  }
  await context.close();
}
// Simulation in the pool of web workers: time from the request to the merged summary,
// and trials per second, for 1, 2 and hardwareConcurrency workers (bench-simulation.mjs).
const simulation = await simulationBench(browser, server.origin);
const native = fs.existsSync(path.join(root, 'bench-out/native.json'))
  ? JSON.parse(fs.readFileSync(path.join(root, 'bench-out/native.json'), 'utf8')) : {};
await browser.close();
await server.close();

const web = {
  simulation,
  wasm_over_native_1m: native.simulation_1m_trials_ms
    ? +(simulation.by_workers[1]['1m_ms'] / native.simulation_1m_trials_ms).toFixed(2) : null,
  bundle: size,
  first_render_ms_median: median(firstRender),
  key_press_to_dom_update_ms_median: median(keyToDom),
  driver_input_to_dom_committed_ms_median: median(driverToDom),
  driver_input_to_dom_committed_ms_p90: p90(driverToDom),
  driver_input_to_next_frame_ms_median: median(driverToPaint),
  runs: { first_render: firstRender.length, key_press: keyToDom.length, driver_input: driverToDom.length },
  chromium: '/usr/bin/chromium headless, 1366×768',
};
fs.mkdirSync(path.join(root, 'bench-out'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench-out/web.json'), JSON.stringify(web, null, 2) + '\n');
console.log(JSON.stringify(web, null, 2));
