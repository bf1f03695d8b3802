// Screenshots for a person to look at: node tests/e2e/shot.mjs <route> <out.png> [width] [height] [selector] [dist]
// e.g. node tests/e2e/shot.mjs simulation /tmp/sim.png 1920 1080 '[data-chart="sim-fan"]'
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { drawAllChartsInFullPageShots } from './fullshot.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [route = 'register', out = '/tmp/shot.png', w = '1366', h = '768', sel, distArg] = process.argv.slice(2);
const server = await serve(path.resolve(distArg || path.join(here, '../../dist')));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = drawAllChartsInFullPageShots(await browser.newPage({ viewport: { width: +w, height: +h } }));
await page.goto(`${server.origin}/#/${route}`);
await page.waitForSelector('main h1');
await page.waitForTimeout(2500);
if (sel) { const el = await page.$(sel); if (el) await el.scrollIntoViewIfNeeded(); await page.waitForTimeout(300); }
await page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
await browser.close();
await server.close();
