// Page objects: what a person does on each view, so journeys read like the workshop.

export class AppPage {
  constructor(page, origin) {
    this.page = page;
    this.origin = origin;
  }

  async open(view = 'register') {
    await this.page.goto(`${this.origin}/#/${view}`);
    await this.page.waitForSelector('main h1');
    // A view that draws its later parts over several tasks is aria-busy until they are in.
    await this.page.waitForSelector('main [aria-busy="true"]', { state: 'detached' });
  }

  async goTo(view) {
    await this.page.click(`nav a[href="#/${view}"]`);
    await this.page.waitForFunction((v) => document.querySelector('main')?.dataset.page === v, view);
  }

  async differences() {
    return Number(await this.page.getAttribute('.differs-count', 'data-differences'));
  }

  async undo() {
    await this.page.click('.toolbar button:has-text("Undo")');
  }
}

export class MapPage extends AppPage {
  marker(id) {
    return this.page.locator(`g.marker[data-risk="${id}"]`);
  }

  async position(id) {
    const m = this.marker(id);
    return { l: Number(await m.getAttribute('data-l')), i: Number(await m.getAttribute('data-i')) };
  }

  /** Waits until risk `id` sits at (l, i). */
  async waitForPosition(id, l, i) {
    await this.page.waitForFunction(([id, l, i]) => {
      const m = document.querySelector(`g.marker[data-risk="${id}"]`);
      return m && m.dataset.l === String(l) && m.dataset.i === String(i);
    }, [id, l, i]);
  }

  /** Risks in a band at the rating on show, from the summary beside the map ("2 risks" → 2). */
  async bandCount(band) {
    const text = await this.page.textContent(`.band-count[data-band="${band}"] .count-now`);
    return Number(text.split(' ')[0]);
  }

  async cellCentre(l, i) {
    const cell = this.page.locator(`g.cell[data-l="${l}"][data-i="${i}"] rect`).first();
    const box = await cell.boundingBox();
    return { x: box.x + box.width / 2, y: box.y + box.height * 0.6 };
  }
}

export class RegisterPage extends AppPage {
  /** The score shown for a risk's rating in its card. */
  async score(id, kind) {
    return Number(await this.page.getAttribute(`[data-risk="${id}"][data-kind="${kind}"] .result`, 'data-score'));
  }

  async overviewText(id) {
    return this.page.textContent(`table.overview tr[data-risk="${id}"]`);
  }

  async setLevel(id, kind, which, value) {
    await this.page.fill(`#${id}-${kind}-${which === 'likelihood' ? 'l' : 'i'}`, String(value));
  }
}

export class DriversPage extends AppPage {
  async fiveYearGap() {
    return Number(await this.page.getAttribute('[data-figure="five-year-gap"]', 'data-value'));
  }

  /** Types a value into a driver's box, as a finance director would. */
  async setDriver(key, value) {
    await this.page.fill(`#driver-${key}`, String(value));
  }

  chart(id) {
    return this.page.locator(`section.chart-card[data-chart="${id}"]`);
  }

  async chartTitle(id) {
    return (await this.chart(id).locator('h2').textContent()).trim();
  }

  /** Shows a chart as a table and returns its rows as arrays of cell text. */
  async chartTable(id) {
    const card = this.chart(id);
    if ((await card.locator('table').count()) === 0) {
      await card.locator('button.table-toggle').click();
      await card.locator('table').waitFor();
    }
    return card.locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('th,td')].map((c) => c.textContent.trim())));
  }
}
