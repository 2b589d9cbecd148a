import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { launch } from './browser.mjs';

const started = Date.now();
const browser = await launch();
const launched = Date.now();
const page = await browser.context.newPage();
await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Hello</h1><img src="x.png"></main></body></html>');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
await page.addScriptTag({ content: axeSource });
const result = await page.evaluate(async () => await window.axe.run());
console.log('launch ms', launched - started, 'total ms', Date.now() - started, 'h1', await page.textContent('h1'),
  'axe violations', result.violations.map((v) => v.id));
await browser.close();
