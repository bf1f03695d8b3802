// Sharing and named scenarios: a link opens the same figures elsewhere and never replaces
// the recipient's own work; named scenarios are saved, renamed, duplicated, deleted (with
// Undo), exported and imported back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const lower = 'button[aria-label="Lower the appetite threshold by 1"]';
const raise = 'button[aria-label="Raise the appetite threshold by 1"]';
const appetite = async (page) => Number(await page.inputValue('#appetite'));
const openMenu = async (page) => {
  await page.click('.work-file > summary');
  await page.waitForSelector('.work-file-menu', { state: 'visible' });
};
const newPage = async (context) => {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.errors = errors;
  return page;
};
const stored = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);

// Builds a scenario in `page` (the appetite lowered twice) and copies its link; returns
// the link.
async function buildAndCopy(page, out, shot) {
  await page.click(lower);
  await page.click(lower);
  await openMenu(page);
  await page.click('.work-file-menu button:has-text("Copy link")');
  await page.waitForSelector('.link-dialog');
  const link = await page.inputValue('#share-link');
  if (shot) {
    await page.screenshot({ path: path.join(out, 'share-link-dialog-1366.png') });
  }
  await page.click('.link-dialog button:has-text("Close")');
  return link;
}

export const journeys = {
  async 'share: build a scenario, copy its link, open it in a fresh browser and find the same figures'({ page, origin, out, context }) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await page.goto(`${origin}/#/map`);
    await page.waitForSelector('main h1');
    const link = await buildAndCopy(page, out, true);
    assert.match(await page.textContent('[data-announce]'), /Link copied/);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, 'the clipboard holds the link');
    assert.match(link, /#\/map\?s=1\.[A-Za-z0-9_-]+$/);
    assert.ok(link.length < 1000, `${link.length} characters`);
    const mine = await appetite(page);
    const figures = await page.innerText('main');
    const differs = await page.getAttribute('[data-differences]', 'data-differences');

    const other = await context.browser().newContext({ viewport: { width: 1366, height: 768 } });
    const b = await newPage(other);
    await b.goto(link);
    await b.waitForSelector('.shared-banner');
    assert.equal(await appetite(b), mine);
    assert.equal(await b.getAttribute('[data-differences]', 'data-differences'), differs);
    assert.equal(await b.innerText('main'), figures, 'the same page, the same figures');
    await b.screenshot({ path: path.join(out, 'share-banner-1366.png') });
    await b.setViewportSize({ width: 1920, height: 1080 });
    await b.screenshot({ path: path.join(out, 'share-banner-1920.png') });
    // Nothing of the shared scenario was saved as the recipient's work.
    assert.equal(await stored(b, 'risk-explorer/working'), null);
    // Editing the shared scenario rewrites the address in place (debounced), adding no
    // history entries.
    const before = await b.evaluate(() => history.length);
    for (let i = 0; i < 4; i++) await b.click(raise);
    await b.waitForFunction((l) => location.href !== l, link);
    assert.equal(await b.evaluate(() => history.length), before);
    assert.match(b.url(), /#\/map\?s=1\./);
    assert.deepEqual(b.errors, []);
    await other.close();
  },

  async 'share: a valid link opens beside the recipient\'s own work, which stays intact'({ page, origin, out, context }) {
    await page.goto(`${origin}/#/map`);
    await page.waitForSelector('main h1');
    const link = await buildAndCopy(page, out, false);
    const shared = await appetite(page);

    const other = await context.browser().newContext({ viewport: { width: 1366, height: 768 } });
    const b = await newPage(other);
    await b.goto(`${origin}/#/map`);
    await b.waitForSelector('main h1');
    await b.click(raise);
    const own = await appetite(b);
    assert.notEqual(own, shared);
    await b.waitForFunction(() => localStorage.getItem('risk-explorer/working')?.includes('appetite'));
    const savedBefore = await stored(b, 'risk-explorer/working');
    // The link opens in another tab of the same browser (same storage).
    const c = await newPage(other);
    await c.goto(link);
    await c.waitForSelector('.shared-banner');
    assert.equal(await appetite(c), shared);
    await c.click(lower);
    await c.waitForTimeout(800);
    assert.equal(await stored(c, 'risk-explorer/working'), savedBefore, 'their saved work is untouched');
    // Save the shared one under a name, then go back to their own work.
    await c.click('.shared-banner button:has-text("Save as a named scenario")');
    await c.fill('#scenario-name', 'From Sam');
    await c.screenshot({ path: path.join(out, 'share-banner-save-1366.png') });
    await c.click('.shared-banner .save-scenario button[type="submit"]');
    await c.waitForSelector('.shared-saved');
    await c.click('.shared-banner button:has-text("Back to my work")');
    await c.waitForFunction(() => !document.querySelector('.shared-banner'));
    assert.equal(await appetite(c), own, 'their own work is back');
    assert.doesNotMatch(c.url(), /\?s=/, 'the address is the page alone again');
    const library = JSON.parse(await stored(c, 'risk-explorer/scenarios'));
    assert.equal(library.scenarios[0].name, 'From Sam');
    assert.equal(library.scenarios[0].workspace.register.appetite, shared - 1);
    await c.reload();
    await c.waitForSelector('main h1');
    assert.equal(await appetite(c), own);
    // The link again, then a named scenario opened over it: the shared scenario goes with
    // a word saying so (not silently), and Undo reaches the person's own work.
    await c.goto(link);
    await c.waitForSelector('.shared-banner');
    await openMenu(c);
    await c.click('.work-file-menu button:has-text("Named scenarios (1)")');
    await c.click('button[aria-label="Open “From Sam”"]');
    await c.waitForFunction(() => !document.querySelector('.shared-banner'));
    assert.match(await c.textContent('.notice'), /“From Sam” is open in place of the shared scenario, which was not kept: open its link again to see it\./);
    assert.equal(await appetite(c), shared - 1);
    await c.click('button:has-text("Undo")');
    await c.waitForFunction((v) => Number(document.querySelector('#appetite').value) === v, own);
    assert.deepEqual([...b.errors, ...c.errors], []);
    await other.close();
  },

  async 'share: a damaged link keeps the recipient\'s autosave'({ page, origin, out, context }) {
    await page.goto(`${origin}/#/map`);
    await page.waitForSelector('main h1');
    const link = await buildAndCopy(page, out, false);
    const other = await context.browser().newContext({ viewport: { width: 1366, height: 768 } });
    const b = await newPage(other);
    await b.goto(`${origin}/#/map`);
    await b.waitForSelector('main h1');
    await b.click(raise);
    const own = await appetite(b);
    await b.waitForFunction(() => localStorage.getItem('risk-explorer/working')?.includes('appetite'));
    const savedBefore = await stored(b, 'risk-explorer/working');
    for (const [bad, why] of [
      [link.slice(0, link.length - 40), /damaged or cut short/],
      [link.replace('?s=1.', '?s=7.'), /newer version of Risk Explorer/],
    ]) {
      const c = await newPage(other);
      await c.goto(bad);
      await c.waitForSelector('.notice.problem');
      assert.match(await c.textContent('.notice.problem'), why);
      assert.match(await c.textContent('.notice.problem'), /Your own work is shown\./);
      assert.equal(await c.$('.shared-banner'), null);
      assert.equal(await appetite(c), own);
      // The same work (the autosave may write it again on opening, as a new revision).
      assert.deepEqual(JSON.parse(await stored(c, 'risk-explorer/working')).workspace, JSON.parse(savedBefore).workspace);
      await c.screenshot({ path: path.join(out, 'share-damaged-1366.png') });
      assert.deepEqual(c.errors, []);
      await c.close();
    }
    await other.close();
  },

  async 'share: Escape closes the link dialog and the save form, and nothing else'({ page, origin }) {
    await page.goto(`${origin}/#/map`);
    await page.waitForSelector('main h1');
    await page.evaluate(() => {
      window.__escapes = 0;
      document.body.addEventListener('keydown', (e) => { if (e.key === 'Escape') window.__escapes++; });
    });
    for (const [item, panel, field] of [
      ['Copy link', '.link-dialog', '#share-link'],
      ['Save as a named scenario', '.save-dialog', '#scenario-name'],
    ]) {
      await openMenu(page);
      await page.click(`.work-file-menu button:has-text("${item}")`);
      await page.waitForSelector(panel);
      await page.focus(field);
      await page.keyboard.press('Escape');
      await page.waitForSelector(panel, { state: 'detached' });
    }
    assert.equal(await page.evaluate(() => window.__escapes), 0, 'the Escape that closed a panel went no further');
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('risk-explorer/scenarios') || '{"scenarios":[]}').scenarios.length);
    assert.equal(kept, 0, 'nothing was saved');
  },
  async 'named scenarios: save, rename, duplicate, delete and undo'({ page, origin, out }) {
    await page.goto(`${origin}/#/map`);
    await page.waitForSelector('main h1');
    await page.click(lower);
    await openMenu(page);
    await page.click('.work-file-menu button:has-text("Save as a named scenario")');
    await page.waitForSelector('.save-dialog');
    await page.fill('#scenario-name', 'Workshop <b>A</b>');
    await page.fill('#scenario-note', 'Appetite lowered by one.');
    await page.screenshot({ path: path.join(out, 'named-save-1366.png') });
    await page.click('.save-dialog button:has-text("Save")');
    await openMenu(page);
    await page.click('.work-file-menu button:has-text("Named scenarios (1)")');
    await page.waitForSelector('.library-panel');
    assert.equal(await page.textContent('.scenario-name'), 'Workshop <b>A</b>', 'names are text, never markup');
    assert.match(await page.textContent('.scenario-note'), /Appetite lowered by one\./);
    // Rename.
    await page.click('button[aria-label="Rename “Workshop <b>A</b>”"]');
    await page.fill('.rename-scenario input', 'Budget stress');
    await page.click('.rename-scenario button:has-text("Save name and note")');
    await page.waitForFunction(() => document.querySelector('.scenario-name')?.textContent === 'Budget stress');
    // Duplicate.
    await page.click('button[aria-label="Duplicate “Budget stress”"]');
    await page.waitForFunction(() => document.querySelectorAll('.scenario-item').length === 2);
    const names = await page.$$eval('.scenario-name', (n) => n.map((x) => x.textContent));
    assert.deepEqual(names, ['Budget stress', 'Budget stress (copy)']);
    await page.screenshot({ path: path.join(out, 'named-list-1366.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(out, 'named-list-1920.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
    // Delete, then Undo from the message.
    await page.click('button[aria-label="Delete “Budget stress”"]');
    await page.waitForSelector('.library-status .deleted');
    assert.match(await page.textContent('.library-status'), /Deleted “Budget stress”\./);
    await page.waitForFunction(() => !JSON.parse(localStorage.getItem('risk-explorer/scenarios')).scenarios.some((s) => s.name === 'Budget stress'));
    await page.click('.library-status button:has-text("Undo")');
    await page.waitForFunction(() => document.querySelectorAll('.scenario-item').length === 2);
    assert.deepEqual(await page.$$eval('.scenario-name', (n) => n.map((x) => x.textContent)), names, 'back where it was');
    // Kept across a reload; opening one replaces the work, which is one Undo away.
    const own = await appetite(page);
    await page.click('.library-close');
    await page.click(raise);
    await page.click(raise);
    await page.reload();
    await page.waitForSelector('main h1');
    await openMenu(page);
    await page.click('.work-file-menu button:has-text("Named scenarios (2)")');
    await page.click('button[aria-label="Open “Budget stress (copy)”"]');
    await page.waitForFunction((v) => Number(document.querySelector('#appetite').value) === v, own);
    await page.click('button:has-text("Undo")');
    await page.waitForFunction((v) => Number(document.querySelector('#appetite').value) === v, own + 2);
  },

  async 'named scenarios: export all and import them back'({ page, origin, out, context }) {
    await page.goto(`${origin}/#/map`);
    await page.waitForSelector('main h1');
    for (const [name, clicks] of [['Low appetite', 2], ['Lower still', 1]]) {
      for (let i = 0; i < clicks; i++) await page.click(lower);
      await openMenu(page);
      await page.click('.work-file-menu button:has-text("Save as a named scenario")');
      await page.fill('#scenario-name', name);
      await page.click('.save-dialog button:has-text("Save")');
    }
    await openMenu(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.work-file-menu button:has-text("Export all scenarios")'),
    ]);
    assert.match(download.suggestedFilename(), /^risk-explorer-named-scenarios-\d{4}-\d{2}-\d{2}\.json$/);
    const file = path.join(out, 'named-scenarios.json');
    await download.saveAs(file);
    const text = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(text.kind, 'scenario-file');
    assert.deepEqual(text.scenarios.map((s) => s.name), ['Low appetite', 'Lower still']);

    const other = await context.browser().newContext({ viewport: { width: 1366, height: 768 } });
    const b = await newPage(other);
    await b.goto(`${origin}/#/map`);
    await b.waitForSelector('main h1');
    // A wrong file: a plain message naming the problem; nothing added.
    await b.setInputFiles('input[data-import-file]', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('[1, 2]') });
    await b.waitForSelector('.notice.problem');
    assert.match(await b.textContent('.notice.problem'), /“notes\.json”: This file is not a Risk Explorer scenario file/);
    await b.click('.notice.problem button:has-text("Dismiss")');
    for (const round of [1, 2]) {
      await b.setInputFiles('input[data-import-file]', file);
      await b.waitForSelector('.import-file');
      if (round === 2) {
        assert.match(await b.textContent('.import-file'), /2 have the name of one you have/);
        await b.screenshot({ path: path.join(out, 'named-import-1366.png') });
      }
      await b.click('.import-file button:has-text("Add 2 scenarios")');
      await b.waitForFunction((n) => JSON.parse(localStorage.getItem('risk-explorer/scenarios') || '{"scenarios":[]}').scenarios.length === n, round * 2);
    }
    const names = JSON.parse(await stored(b, 'risk-explorer/scenarios')).scenarios.map((s) => s.name);
    assert.deepEqual(names, ['Low appetite', 'Lower still', 'Low appetite (2)', 'Lower still (2)'], 'nothing replaced');
    assert.deepEqual(b.errors, []);
    await other.close();
  },
};
