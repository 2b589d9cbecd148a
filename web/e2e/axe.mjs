// axe-core in the page: the WCAG 2.1 A and AA rules. Serious and critical violations fail a test; the rest are
// printed so they are seen.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function checkAccessibility(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: source });
  const { violations } = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
  );
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations.filter((v) => !blocking.includes(v))) {
    console.log(`    axe ${v.impact}: ${v.id} (${v.nodes.length}) on ${new URL(page.url()).pathname}`);
  }
  return blocking.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
