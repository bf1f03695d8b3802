// The journeys: each reads as what a person does in a board workshop.
import assert from 'node:assert/strict';
import path from 'node:path';
import { MapPage, RegisterPage } from './pages/app_page.mjs';

export const journeys = {
  async 'move a risk on the map with the keyboard and see it in the register'({ page, origin, out }) {
    const map = new MapPage(page, origin);
    await map.open('map');
    assert.match(await page.textContent('.status-bar'), /Illustrative, not a forecast/);
    assert.match(await page.textContent('.status-bar'), /as at 31 March 2025/);
    const { l, i } = await map.position('R7');
    const exposure = await map.exposure();
    // Tab to the marker as a keyboard user would, then move it one step left (less likely).
    await map.marker('R7').focus();
    await page.keyboard.press('ArrowLeft');
    await map.waitForPosition('R7', l - 1, i);
    assert.equal(await map.exposure(), exposure - l * i + (l - 1) * i);
    assert.equal(await map.differences(), 1);
    // The focus stays on the marker, so a second press keeps moving it.
    await page.keyboard.press('ArrowDown');
    await map.waitForPosition('R7', l - 1, i - 1);
    await page.screenshot({ path: path.join(out, 'heatmap.png'), fullPage: true });

    const reg = new RegisterPage(page, origin);
    await reg.goTo('register');
    assert.equal(await reg.score('R7', 'current'), (l - 1) * (i - 1));
    const shown = await page.textContent('table.overview tr[data-risk="R7"] td[data-kind="current"] .score');
    assert.equal(Number(shown), (l - 1) * (i - 1), 'the overview table agrees');
    await page.screenshot({ path: path.join(out, 'register.png') });
  },

  async 'drag a risk to another cell with the mouse'({ page, origin }) {
    const map = new MapPage(page, origin);
    await map.open('map');
    const box = await map.marker('R8').boundingBox();
    const target = await map.cellCentre(5, 5);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x, target.y, { steps: 8 });
    await page.mouse.up();
    await map.waitForPosition('R8', 5, 5);
    assert.match(await page.textContent('.detail'), /R8/);
    assert.match(await page.textContent('.above-list'), /R8/);
  },

  async 'edits survive a reload and can be undone'({ page, origin }) {
    const reg = new RegisterPage(page, origin);
    await reg.open('register');
    await reg.setLevel('R2', 'current', 'likelihood', 5);
    await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '1');
    await page.fill('#owner-R2', 'Director of People');
    await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '2');
    await page.reload();
    await page.waitForSelector('main h1');
    assert.equal(await reg.differences(), 2, 'the workshop edits were restored');
    assert.equal(await page.inputValue('#owner-R2'), 'Director of People');
    // Undo history starts fresh after a reload; reset one risk instead, then undo that.
    await page.click('#risk-R2 button:has-text("Reset this risk")');
    await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '0');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '2');
    await page.keyboard.press('Control+Shift+z');
    await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '0');
  },

  async 'paths, appetite and the table alternative'({ page, origin, out }) {
    const map = new MapPage(page, origin);
    await map.open('map');
    const above = await page.locator('.above-list li').count();
    await page.check('text=Show each risk\'s path');
    await page.waitForSelector('g.paths g.path');
    assert.equal(await page.locator('g.paths g.path').count(), 9);
    await page.click('button[aria-label="Lower the appetite threshold by 1"]');
    await page.click('button[aria-label="Lower the appetite threshold by 1"]');
    await page.click('button[aria-label="Lower the appetite threshold by 1"]');
    await page.waitForFunction(() => document.querySelector('#appetite')?.value === '9');
    assert.ok((await page.locator('.above-list li').count()) > above, 'a lower appetite puts more risks above it');
    await page.screenshot({ path: path.join(out, 'heatmap-paths.png'), fullPage: true });
    await page.click('text=Show as table');
    await page.waitForSelector('table.map-table');
    assert.equal(await page.locator('table.map-table tbody tr').count(), 9);
    const yes = await page.locator('table.map-table td:text-is("Yes")').count();
    assert.equal(yes, await page.locator('.above-list li').count(), 'table and summary agree');
  },

  async 'about lists every source and the scales'({ page, origin, out }) {
    const reg = new RegisterPage(page, origin);
    await reg.open('about');
    assert.equal(await page.locator('table.sources tbody tr').count(), 5);
    assert.match(await page.textContent('main'), /£329\.8m/);
    await page.screenshot({ path: path.join(out, 'about.png'), fullPage: false });
    await reg.goTo('drivers');
    assert.match(await page.textContent('main'), /Not yet available/);
  },
};
