// Your own register (issue 15): download the template, fill it in, import it (read in the
// background worker), see the new register on the map and in a simulation; a bad file
// changes nothing; the switch is undone; a reload keeps the imported dataset; the
// built-in one is one click away. And a hostile register whose every text field holds
// markup is only ever text, in every view.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const openDialog = async (page) => {
  await page.click('details.work-file > summary');
  await page.click('[data-open-import]');
  await page.waitForSelector('.import-dialog');
};

const download = async (page, selector, out, name) => {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = path.join(out, name || d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
};

// CSV cells: quoted when they hold a comma, quote or line break.
const cell = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

// The template's header (the first line that is not a # note) and its notes.
const headerOf = (template) => {
  const lines = template.split(/\r?\n/);
  const notes = lines.filter((l) => l.startsWith('#') || l.startsWith('"#'));
  const header = lines.find((l) => l && !l.startsWith('#') && !l.startsWith('"#'));
  return { notes, columns: header.split(',') };
};

// A register of `n` risks in the template's columns; `text(i, column)` gives each text cell.
const register = (columns, n, text, level = (i, k) => 1 + ((i + k) % 5), levels = 5) => {
  const rows = [];
  for (let i = 0; i < n; i++) {
    rows.push(columns.map((c, k) => {
      if (c === 'id') return `C${i + 1}`;
      if (/likelihood|impact/.test(c)) return String(level(i, k));
      if (c === 'trend') return ['rising', 'stable', 'falling'][i % 3];
      if (c === 'cost timing') return i % 2 ? 'one-off' : 'persistent';
      return text(i, c);
    }).map(cell).join(','));
  }
  return `# scale: ${levels}\n${columns.join(',')}\n${rows.join('\n')}\n`;
};

const plain = (i, c) => ({
  title: `Council risk ${i + 1}: ${['funding', 'workforce', 'demand', 'placements', 'data', 'estates'][i % 6]}`,
  'short title': `Risk ${i + 1}`,
  statement: `Statement of council risk ${i + 1}, as the register writes it.`,
  owner: `Director ${i + 1}`,
  'event definition': '',
  controls: `Control A for ${i + 1}\nControl B for ${i + 1}`,
  notes: `Notes on risk ${i + 1}.`,
}[c] ?? '');

const statusDataset = (page) => page.textContent('.status-bar .dataset');

export const journeys = {
  async 'import: template → 12 risks → map and simulation; a bad file changes nothing; undo; reload keeps it; built-in one click away'({ page, origin, out }) {
    await page.goto(`${origin}/#/map`);
    await page.waitForSelector('main h1');
    // Work on the Trust's dataset, to be kept safe through the switches.
    await page.click('button[aria-label="Lower the appetite threshold by 1"]');
    const appetite = await page.inputValue('#appetite');
    assert.match(await statusDataset(page), /^Dataset: /);

    await openDialog(page);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-dialog-title', 'the dialog takes the focus');
    await page.screenshot({ path: path.join(out, 'import-dialog-1366.png') });
    // Esc closes it, and the focus goes back to the File menu.
    await page.keyboard.press('Escape');
    await page.waitForSelector('.import-dialog', { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.matches('.work-file summary')), true);
    await openDialog(page);

    // The template, the Trust's register in the same format, the dataset as JSON.
    const template = await download(page, '[data-download="template"]', out);
    assert.equal(template.name, 'risk-register-template.csv');
    const { notes, columns } = headerOf(template.text);
    assert.ok(notes.length > 5 && notes.some((l) => /‘current likelihood’/.test(l)), 'a note on each column');
    assert.deepEqual(columns.slice(0, 4), ['id', 'title', 'short title', 'statement']);
    const trust = await download(page, '[data-download="trust-register"]', out);
    assert.equal(trust.text.split('\n').filter((l) => /^R\d,/.test(l)).length, 9, "the Trust's nine risks");
    const json = await download(page, '[data-download="dataset-json"]', out);
    assert.equal(JSON.parse(json.text).risks.length, 9);
    assert.equal(await page.getAttribute('.import-dialog a[download]', 'href'), 'dataset.schema.json');
    const schema = await page.evaluate(async () => (await fetch('dataset.schema.json')).json());
    assert.match(schema.title, /Risk Explorer dataset/);

    // A bad file: every fault by row and column, nothing changed.
    const bad = register(columns, 12, plain, (i, k) => (i === 4 && columns[k] === 'current likelihood' ? 7 : 1 + ((i + k) % 5)));
    await page.setInputFiles('[data-import-register]', { name: 'our-register.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.waitForSelector('[data-import-refused]', { timeout: 30000 });
    const refused = await page.textContent('[data-import-refused]');
    assert.match(refused, /“our-register\.csv” was not imported\. Nothing has changed\./);
    assert.match(refused, /Row 7, column ‘current likelihood’: /, refused);
    assert.equal(await page.inputValue('#appetite'), appetite, 'the work is untouched');
    assert.match(await statusDataset(page), /^Dataset: /);

    // The good file: a summary with its notes, and a button to switch.
    const good = register(columns, 12, plain);
    fs.writeFileSync(path.join(out, 'our-register.csv'), good);
    await page.setInputFiles('[data-import-register]', path.join(out, 'our-register.csv'));
    await page.waitForSelector('[data-import-ready]', { timeout: 30000 });
    const ready = await page.textContent('[data-import-ready]');
    assert.match(ready, /“our-register\.csv” is ready: 12 risks on a 5-level scale\./);
    assert.match(ready, /assumption/);
    await page.screenshot({ path: path.join(out, 'import-ready-1366.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(out, 'import-ready-1920.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.click('[data-import-ready] button.primary');

    await page.waitForSelector('[data-dataset-switched]');
    assert.match(await page.textContent('[data-dataset-switched]'), /Now using .*12 risks on a 5-level scale.*kept as the named scenario “Before switching dataset \(/);
    assert.match(await statusDataset(page), /^Imported dataset: /);
    await page.screenshot({ path: path.join(out, 'import-switched-1366.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(out, 'import-switched-1920.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
    assert.equal(await page.locator('g.marker[data-risk]').count(), 12, 'twelve risks on the map');
    await page.goto(`${origin}/#/register`);
    // The cards come a few a task; the register is marked busy until all are in.
    await page.waitForSelector('section.register[aria-busy="false"]');
    assert.equal(await page.locator('article.risk-card[data-risk]').count(), 12, 'twelve risks in the register');
    assert.match(await page.textContent('main'), /Council risk 12: estates/);
    await page.goto(`${origin}/#/simulation`);
    await page.waitForFunction(() => document.querySelector('.simulation-view')?.dataset.trials === '10000', null, { timeout: 60000 });
    await page.waitForFunction(() => document.querySelector('.simulation-view')?.dataset.running === 'false', null, { timeout: 90000 });
    assert.equal(await page.locator('.simulation-view').getAttribute('data-mode'), 'worker');
    assert.match(await page.textContent('h1'), /\d+%/);

    // Undo: back to the Trust's dataset and the work as it was.
    await page.click('[data-dataset-switched] button:has-text("Undo")');
    await page.waitForFunction(() => /^Dataset: /.test(document.querySelector('.status-bar .dataset')?.textContent || ''));
    await page.goto(`${origin}/#/map`);
    await page.waitForSelector('#appetite');
    assert.equal(await page.inputValue('#appetite'), appetite, 'the work is back');
    assert.equal(await page.locator('g.marker[data-risk]').count(), 9);
    const kept = await page.evaluate(() => localStorage.getItem('risk-explorer/scenarios'));
    assert.match(kept, /Before switching dataset \(/);
    assert.match(kept, /"belongs_to":\{"name":/, 'the named scenarios say which dataset they belong to');

    // Import again and reload: the imported dataset is the one used.
    await openDialog(page);
    await page.setInputFiles('[data-import-register]', path.join(out, 'our-register.csv'));
    await page.waitForSelector('[data-import-ready]', { timeout: 30000 });
    await page.click('[data-import-ready] button.primary');
    await page.waitForSelector('[data-dataset-switched]');
    await page.reload();
    await page.waitForSelector('main h1');
    assert.match(await statusDataset(page), /^Imported dataset: /);
    assert.equal(await page.locator('g.marker[data-risk]').count(), 12, 'the imported dataset survives a reload');
    const envelope = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('risk-explorer/dataset/'));
      const e = JSON.parse(localStorage.getItem(key));
      return { key, kind: e.kind, format: e.format, name: e.name, hash: e.hash, inUse: localStorage.getItem('risk-explorer/dataset-in-use') };
    });
    assert.equal(envelope.kind, 'dataset');
    assert.equal(envelope.format, 1);
    assert.equal(envelope.inUse, envelope.hash);
    assert.ok(envelope.key.endsWith(envelope.hash));

    // The built-in dataset is one click away, with its own work.
    await page.click('details.work-file > summary');
    await page.click('[data-use-builtin]');
    await page.waitForFunction(() => /^Dataset: /.test(document.querySelector('.status-bar .dataset')?.textContent || ''));
    await page.waitForSelector('#appetite');
    assert.equal(await page.inputValue('#appetite'), appetite, 'work on the Trust dataset is its own');
    assert.equal(await page.locator('g.marker[data-risk]').count(), 9);
    await page.click('details.work-file > summary');
    assert.equal(await page.isDisabled('[data-use-builtin]'), true, 'already in use');
  },

  async 'import: the simulation on an imported register gives the same figures in the worker and on the page'({ page, origin, out, context }) {
    await page.goto(`${origin}/#/map`);
    await page.waitForSelector('main h1');
    await openDialog(page);
    const template = await download(page, '[data-download="template"]', out);
    const { columns } = headerOf(template.text);
    const csv = register(columns, 12, plain, (i, k) => 1 + ((i * 3 + k) % 4), 4);
    await page.setInputFiles('[data-import-register]', { name: 'twelve.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForSelector('[data-import-ready]', { timeout: 30000 });
    await page.click('[data-import-ready] button.primary');
    await page.waitForSelector('[data-dataset-switched]');
    const figures = async (p) => {
      await p.goto(`${origin}/#/simulation`);
      await p.waitForFunction(() => document.querySelector('.simulation-view')?.dataset.trials === '10000', null, { timeout: 60000 });
      await p.waitForFunction(() => document.querySelector('.simulation-view')?.dataset.running === 'false', null, { timeout: 120000 });
      return {
        mode: await p.locator('.simulation-view').getAttribute('data-mode'),
        text: await p.evaluate(() => [document.querySelector('main h1'), ...document.querySelectorAll('.simulation-view .key-figures')]
          .map((e) => e?.innerText ?? '').join('\n')),
      };
    };
    const inWorker = await figures(page);
    assert.equal(inWorker.mode, 'worker');
    // The same imported dataset (kept in this browser) and seed, with workers turned off.
    const second = await context.newPage();
    await second.addInitScript(() => { window.RISK_EXPLORER_NO_WORKER = true; });
    const onPage = await figures(second);
    assert.equal(onPage.mode, 'page');
    assert.match(inWorker.text, /\d/);
    assert.equal(onPage.text, inWorker.text, 'the same figures from the worker pool and the page');
    await second.close();
  },

  async 'import (many risks): a hostile 25-risk register is only ever text in every view'({ page, origin, out }) {
    await page.goto(`${origin}/#/map`);
    await page.waitForSelector('main h1');
    await openDialog(page);
    const template = await download(page, '[data-download="template"]', out);
    const { columns } = headerOf(template.text);
    const attacks = [
      '<img src=x onerror="window.__xss=1">',
      '</svg><script>window.__xss=2</script>',
      '"><svg onload="window.__xss=3">',
      'مخاطر التمويل والقوى العاملة',
      'Funding 📉 risk 🚸 ✔',
    ];
    const caps = { title: 200, 'short title': 60, statement: 2000, owner: 120, 'event definition': 1000, controls: 300, notes: 2000 };
    const hostile = (i, c) => {
      const a = attacks[i % attacks.length];
      const long = (a + ' ').repeat(400);
      return [...long].slice(0, caps[c] ?? 60).join('').trim();
    };
    // A 10,000-character title is refused with its row and column (text is never cut silently).
    const tooLong = register(columns, 25, (i, c) => (i === 2 && c === 'title' ? 'x'.repeat(10000) : hostile(i, c)));
    await page.setInputFiles('[data-import-register]', { name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(tooLong) });
    await page.waitForSelector('[data-import-refused]', { timeout: 30000 });
    assert.match(await page.textContent('[data-import-refused]'), /Row 5, column ‘title’: /);
    // Every text field at its longest, full of markup.
    // On a 4-level scale (the other common UK register format).
    const csv = register(columns, 25, hostile, (i, k) => 1 + ((i + k) % 4), 4);
    await page.setInputFiles('[data-import-register]', { name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForSelector('[data-import-ready]', { timeout: 30000 });
    assert.match(await page.textContent('[data-import-ready]'), /25 risks on a 4-level scale/);
    await page.click('[data-import-ready] button.primary');
    await page.waitForSelector('[data-dataset-switched]');
    // The screenshots show the views themselves: the start panel and the notice closed.
    await page.click('[data-dataset-switched] button:has-text("Close")').catch(() => {});
    await page.click('button:has-text("Hide this")').catch(() => {});

    const problems = [];
    for (const view of ['register', 'map', 'drivers', 'scenarios', 'simulation', 'compare', 'method', 'about', 'pack']) {
      await page.goto(`${origin}/#/${view}`);
      await page.waitForSelector('main h1');
      if (view === 'simulation') {
        await page.waitForFunction(() => document.querySelector('.simulation-view')?.dataset.running === 'false', null, { timeout: 90000 }).catch(() => problems.push('simulation did not finish'));
      } else {
        await page.waitForTimeout(300);
      }
      await page.screenshot({ path: path.join(out, `import-hostile-${view}.png`), fullPage: view !== 'pack' });
      const found = await page.evaluate(() => ({
        ran: window.__xss,
        img: document.querySelectorAll('img[src="x"]').length,
        script: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__xss')).length,
        onload: document.querySelectorAll('[onload],[onerror]').length,
      }));
      assert.equal(found.ran, undefined, `${view}: no script ran`);
      assert.deepEqual({ img: found.img, script: found.script, onload: found.onload }, { img: 0, script: 0, onload: 0 }, `${view}: no injected element`);
      if (view === 'register') {
        const text = await page.evaluate(() => document.querySelector('main').innerText);
        assert.ok(text.includes('<img src=x onerror="window.__xss=1">'), `${view}: markup shown as text`);
        assert.ok(text.includes('مخاطر التمويل'), `${view}: right-to-left text shown`);
      }
      if (view === 'map') {
        assert.equal(await page.locator('g.marker[data-risk]').count(), 25, 'every risk on the map');
        const text = await page.evaluate(() => document.querySelector('main').innerText);
        assert.ok(!/\b5 × 5\b|1 to 25\b/.test(text), 'the map speaks of a 4-level scale, not 5 × 5');
      }
      // Nothing wider than the window (a 2,000-character statement wraps).
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (wide > 1) problems.push(`${view}: the page is ${wide}px wider than the window`);
    }
    // Views that break with 25 risks are listed here (the "many" helper generalises them).
    assert.deepEqual(problems, []);
  },
};
