// Never lose a workshop's work: the work as a file a person keeps, and the page-side
// simulation never working two runs at once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const fillStorage = (page) => page.evaluate(() => {
  let i = 0;
  for (const size of [100000, 10000, 1000, 100, 10, 1]) {
    const chunk = 'x'.repeat(size);
    try { for (;;) localStorage.setItem(`filler/${i++}`, chunk); } catch (e) { /* full at this size */ }
  }
});

export const journeys = {
  async 'storage full: download the work as a scenario file, and open it in another browser'({ page, origin, out, context }) {
    await page.goto(`${origin}/#/map`);
    await page.waitForSelector('main h1');
    await fillStorage(page);
    await page.click('button[aria-label="Lower the appetite threshold by 1"]');
    await page.click('button[aria-label="Lower the appetite threshold by 1"]');
    const appetite = Number(await page.inputValue('#appetite'));
    await page.waitForSelector('.save-problem');
    // The failed save offers a way out that works: download the work.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.save-problem button:has-text("Download my work")'),
    ]);
    assert.match(download.suggestedFilename(), /^risk-explorer-work-in-progress-\d{4}-\d{2}-\d{2}\.json$/);
    const file = path.join(out, 'downloaded-work.json');
    await download.saveAs(file);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(saved.kind, 'scenario-file');
    assert.equal(saved.format, 1);
    assert.match(saved.dataset.hash, /^[0-9a-f]{16}$/);
    assert.ok(saved.model_version);
    assert.equal(saved.scenarios[0].workspace.register.appetite, appetite);

    // Someone else, with their own work, opens the file: nothing is replaced until they say so.
    const other = await context.browser().newContext({ viewport: { width: 1366, height: 768 } });
    const b = await other.newPage();
    const errors = [];
    b.on('pageerror', (e) => errors.push(e.message));
    await b.goto(`${origin}/#/map`);
    await b.waitForSelector('main h1');
    await b.click('button[aria-label="Raise the appetite threshold by 1"]');
    const theirs = Number(await b.inputValue('#appetite'));
    // A wrong file first: a plain message, nothing changes.
    await b.setInputFiles('input[data-open-file]', { name: 'budget.json', mimeType: 'application/json', buffer: Buffer.from('{"rows": [1, 2, 3]}') });
    await b.waitForSelector('.notice.problem');
    assert.match(await b.textContent('.notice.problem'), /“budget\.json”: This file is not a Risk Explorer scenario file \(it is another program's JSON file\)\. Nothing was opened\./);
    assert.equal(Number(await b.inputValue('#appetite')), theirs);
    await b.click('.notice.problem button:has-text("Dismiss")');
    // The downloaded file: asked first, then opened; their own work is one Undo away.
    await b.setInputFiles('input[data-open-file]', file);
    await b.waitForSelector('.open-file');
    assert.match(await b.textContent('.open-file'), /Open “Work in progress” from downloaded-work\.json\?/);
    assert.equal(Number(await b.inputValue('#appetite')), theirs, 'nothing changes before the person says so');
    await b.click('.open-file button:has-text("Open it")');
    await b.waitForFunction((v) => Number(document.querySelector('#appetite').value) === v, appetite);
    assert.match(await b.textContent('.notice'), /Opened “Work in progress”/);
    const copies = await b.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('risk-explorer/copy/')).length);
    assert.equal(copies, 1, 'the work it replaced is kept as a copy');
    await b.click('button:has-text("Undo")');
    await b.waitForFunction((v) => Number(document.querySelector('#appetite').value) === v, theirs);
    await b.screenshot({ path: path.join(out, 'opened-file.png') });
    assert.deepEqual(errors, []);
    await other.close();
  },

  async 'a seed above 2^53 is shown exactly as it is used'({ page, origin }) {
    await page.goto(`${origin}/#/simulation`);
    await page.waitForSelector('main h1');
    const save = await page.evaluate(() => JSON.parse(localStorage.getItem('risk-explorer/working')));
    // 2^64 − 1 as written in JSON (a double would round it to …616).
    save.workspace.simulation = { seed: 12345 };
    const text = JSON.stringify(save).replace('"seed":12345', '"seed":18446744073709551615');
    assert.match(text, /18446744073709551615/);
    await page.evaluate((t) => localStorage.setItem('risk-explorer/working', t), text);
    await page.reload();
    await page.waitForSelector('main h1');
    await page.click('summary:has-text("Advanced")');
    assert.equal(await page.inputValue('#sim-seed'), '18446744073709551615');
    // The workings name the same seed.
    await page.goto(`${origin}/#/method`);
    await page.waitForSelector('main h1');
    assert.match(await page.textContent('main'), /seed 18446744073709551615;/);
  },

  async 'the page-side simulation never works two runs at once, however fast Run is clicked'({ page, origin, context }) {
    await context.addInitScript(() => { window.RISK_EXPLORER_NO_WORKER = true; });
    await page.goto(`${origin}/#/simulation`);
    await page.waitForFunction(() => document.querySelector('.simulation-view')?.dataset.running === 'false', null, { timeout: 60000 });
    await page.click('summary:has-text("Advanced")');
    await page.selectOption('#sim-trials', '100000');
    // Every value the progress bar takes, from now on.
    await page.evaluate(() => {
      window.progressSeen = [];
      const bar = document.querySelector('#sim-progress');
      new MutationObserver(() => window.progressSeen.push([Number(bar.value), Number(bar.max)]))
        .observe(bar, { attributes: true, attributeFilter: ['value', 'max'] });
    });
    for (let i = 0; i < 5; i++) await page.click('#sim-run');
    await page.evaluate(() => { window.progressSeen = []; });
    await page.waitForFunction(() => document.querySelector('.simulation-view')?.dataset.running === 'false', null, { timeout: 120000 });
    const seen = await page.evaluate(() => window.progressSeen);
    assert.ok(seen.length > 2, `progress was reported (${seen.length} times)`);
    for (let i = 1; i < seen.length; i++) {
      assert.ok(seen[i][0] >= seen[i - 1][0] || seen[i][0] === 0,
        `progress went backwards after the last Run: ${seen[i - 1][0]} then ${seen[i][0]} (two runs at once)`);
    }
    assert.equal(await page.locator('.simulation-view').getAttribute('data-trials'), '100000');
  },
};
