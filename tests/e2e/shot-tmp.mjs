import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
const [dist, route, out, w, h, sel] = process.argv.slice(2);
const server = await serve(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
await page.goto(`${server.origin}/#/${route}`);
await page.waitForSelector('main h1');
await page.waitForTimeout(2500);
if (sel) { const el = await page.$(sel); if (el) await el.scrollIntoViewIfNeeded(); await page.waitForTimeout(300); }
await page.screenshot({ path: out, fullPage: false });
await browser.close(); server.close();
