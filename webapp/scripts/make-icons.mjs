// Renders the app icons from one SVG with Debian's Chromium, so the PNGs in
// public/icons are real bitmaps made from a source we keep in the repo.
// Run by hand after changing the drawing: `npm run icons` (output is committed).
import { chromium } from 'playwright-core';
import { readFile, writeFile } from 'node:fs/promises';

const here = new URL('../public/icons/', import.meta.url);

// "any" icons get rounded corners; the maskable one fills the whole square and
// keeps the drawing inside the 80% safe zone, because launchers crop it.
const icons = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon.png', size: 180, maskable: true },
];

function page(svg, { size, maskable }) {
  const scale = maskable ? 0.8 : 1;
  return `<!doctype html><html><body style="margin:0;background:transparent">
  <div style="width:${size}px;height:${size}px;display:grid;place-items:center;
    background:${maskable ? '#1b4f72' : 'transparent'}">
    <div style="width:${size * scale}px;height:${size * scale}px">${svg}</div>
  </div></body></html>`;
}

const svg = await readFile(new URL('icon.svg', here), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  for (const icon of icons) {
    const p = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    await p.setContent(page(svg.replace('<svg ', '<svg width="100%" height="100%" '), icon));
    const png = await p.screenshot({ omitBackground: true });
    await writeFile(new URL(icon.file, here), png);
    await p.close();
    console.log('wrote', icon.file);
  }
} finally {
  await browser.close();
}
