// Full-page screenshots that show every chart. Charts away from the screen are not drawn
// (content-visibility: auto, see styles/main.css), and a full-page capture does not scroll,
// so it would show their cards empty. While a full-page screenshot is taken, every chart
// card is drawn; the style is removed afterwards.
const DRAW_ALL = '.chart-card[data-chart] { content-visibility: visible !important; }';

export function drawAllChartsInFullPageShots(page) {
  const shot = page.screenshot.bind(page);
  page.screenshot = async (options = {}) => {
    if (!options.fullPage) return shot(options);
    const style = await page.addStyleTag({ content: DRAW_ALL });
    try {
      return await shot(options);
    } finally {
      await style.evaluate((el) => el.remove()).catch(() => {});
    }
  };
  return page;
}
