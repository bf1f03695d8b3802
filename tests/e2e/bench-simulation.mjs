// The simulation's speed in headless Chromium, against a built site: for each pool size
// (1 worker, 2, and the browser's hardwareConcurrency, capped at 8 as the app caps it),
// the time from the request to the merged summary at the chosen rating for 10,000,
// 100,000 and 1,000,000 trials (best of `rounds`), and the trials per second that gives
// at 1,000,000; and the time from the choice of trials in the page to their summary shown
// on it (the page's own work and any wait before the run starts included). Used by
// bench.mjs (which writes bench-out/web.json); on its own:
//   node tests/e2e/bench-simulation.mjs [dist-dir]    → bench-out/simulation.json
// Figures, not pass/fail.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/// Runs one pool size in a fresh context; returns { '10k', '100k', '1m', workers }.
async function poolRun(browser, origin, workers, rounds) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  if (workers) await context.addInitScript((n) => { window.RISK_EXPLORER_WORKERS = n; }, workers);
  const page = await context.newPage();
  await page.goto(`${origin}/#/simulation`);
  await page.waitForSelector('.simulation-view');
  await page.locator('.sim-advanced summary').click();
  const sizes = [10000, 100000, 1000000];
  const times = {};
  const order = [1000];
  for (let r = 0; r < rounds; r++) order.push(...sizes, 1000);
  const shown = {};
  for (const n of order) {
    // The choice made in the page, timed to the summary at the chosen rating on the page
    // (the view's data-trials names the trials of the summary it shows).
    const choiceMs = await page.evaluate((n) => new Promise((resolve) => {
      const view = document.querySelector('.simulation-view');
      const obs = new MutationObserver(() => {
        if (view.dataset.trials === String(n)) { obs.disconnect(); resolve(performance.now() - t0); }
      });
      obs.observe(view, { attributes: true });
      const sel = document.querySelector('#sim-trials');
      const t0 = performance.now();
      sel.value = String(n);
      sel.dispatchEvent(new Event('change', { bubbles: true }));
    }), n);
    await page.waitForFunction((n) => {
      const v = document.querySelector('.simulation-view');
      return v?.dataset.trials === String(n) && v.dataset.running === 'false' && v.dataset.totalMs;
    }, n, { timeout: 240000 });
    if (n === 1000) continue;
    const ms = Number(await page.getAttribute('.simulation-view', 'data-main-ms'));
    (times[n] ||= []).push(ms);
    (shown[n] ||= []).push(choiceMs);
  }
  const used = await page.evaluate(() => window.RISK_EXPLORER_POOL_SIZE ?? null);
  await context.close();
  const best = (n) => +Math.min(...times[n]).toFixed(1);
  return {
    workers: used,
    '10k_ms': best(10000),
    '100k_ms': best(100000),
    '1m_ms': best(1000000),
    trials_per_second_1m: Math.round(1e6 / (best(1000000) / 1000)),
    // From the choice of trials in the page to their summary shown (best of the rounds).
    choice_to_shown_10k_ms: +Math.min(...shown[10000]).toFixed(1),
    choice_to_shown_100k_ms: +Math.min(...shown[100000]).toFixed(1),
    choice_to_shown_1m_ms: +Math.min(...shown[1000000]).toFixed(1),
  };
}

export async function simulationBench(browser, origin, { rounds = 2 } = {}) {
  const cores = await (async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const n = await page.evaluate(() => navigator.hardwareConcurrency);
    await context.close();
    return n;
  })();
  const sizes = [...new Set([1, 2, Math.min(Math.max(cores, 1), 8)])];
  const by_workers = {};
  for (const w of sizes) by_workers[w] = await poolRun(browser, origin, w, rounds);
  return {
    hardware_concurrency: cores,
    note: 'time from the request to the summary at the chosen rating (current), best of '
      + `${rounds}; workers: how many the page started (null: a build without the pool, one worker)`,
    by_workers,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
  const server = await serve(dist);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const out = await simulationBench(browser, server.origin, { rounds: Number(process.env.ROUNDS || 2) });
  out.dist = dist;
  await browser.close();
  await server.close();
  fs.mkdirSync(path.join(root, 'bench-out'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench-out/simulation.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(JSON.stringify(out, null, 2));
}
