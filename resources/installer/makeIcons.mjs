// Renders icon.svg into the installer icons electron-builder takes from this folder (directories.buildResources):
// icon.png (512 px: Linux, AppImage, .deb) and icon.ico (16–256 px: the Windows executable, installer and uninstaller).
// `node resources/installer/makeIcons.mjs` after changing icon.svg; the generated files are committed, so packaging
// needs no browser. Chromium (Debian's, as the end-to-end tests use) draws the SVG.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const svg = await readFile(path.join(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  const render = async (size) => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };
  await writeFile(path.join(here, 'icon.png'), await render(512));
  const images = [];
  for (const size of ICO_SIZES) images.push({ size, png: await render(size) });
  await writeFile(path.join(here, 'icon.ico'), ico(images));
} finally {
  await browser.close();
}

/** An ICO file whose entries are PNG images (read by Windows since Vista and by NSIS). Sizes of 256 are written as 0. */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}
