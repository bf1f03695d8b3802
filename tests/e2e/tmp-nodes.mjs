import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
const server = await serve('/work/main/dist');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
await page.goto(server.origin + '/#/about');
await page.waitForTimeout(1500);
for (const v of ['register', 'drivers', 'simulation', 'map', 'scenarios', 'method']) {
  await page.goto(server.origin + '/#/about'); await page.waitForTimeout(800);
  const r = await page.evaluate(async (v) => {
    const t = performance.now();
    location.hash = '#/' + v;
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    const t1 = performance.now() - t;
    await new Promise(r => setTimeout(r, 1500));
    const main = document.querySelector('main') || document.body;
    const svgs = [...main.querySelectorAll('svg')];
    return { firstFrame: Math.round(t1), nodes: main.querySelectorAll('*').length, svgNodes: svgs.reduce((s, x) => s + x.querySelectorAll('*').length, 0), svgs: svgs.length, selects: main.querySelectorAll('select').length, options: main.querySelectorAll('option').length, texts: main.querySelectorAll('svg text').length };
  }, v);
  console.log(v.padEnd(12), JSON.stringify(r));
}
await browser.close(); await server.close();
