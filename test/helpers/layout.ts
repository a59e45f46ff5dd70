import type { Locator, Page } from 'playwright-core';

/**
 * The largest difference, in px, between the tops of the units (or empty slots) that share a
 * row across the columns. Rows are formed by position here: the n-th unit or slot of each column.
 */
export async function maxRowMisalignment(page: Page): Promise<{ max: number; rows: number }> {
  return page.evaluate(`(() => {
    const columns = [...document.querySelectorAll('.language-column .ProseMirror')].map((pm) =>
      [...pm.querySelectorAll(':scope > [data-pid], :scope > ul > li[data-pid], :scope > ol > li[data-pid], :scope > .row-slot, :scope > ul > .row-slot, :scope > ol > .row-slot')]
        .map((el) => el.getBoundingClientRect().top));
    const rows = Math.max(...columns.map((c) => c.length));
    let max = 0;
    for (let i = 0; i < rows; i++) {
      const tops = columns.map((c) => c[i]).filter((t) => t !== undefined);
      if (tops.length < columns.length) return { max: Infinity, rows };
      max = Math.max(max, Math.max(...tops) - Math.min(...tops));
    }
    return { max, rows };
  })()`);
}

/** Waits until the layout has caught up (two animation frames without change). */
export async function settleLayout(page: Page): Promise<void> {
  await page.evaluate(`new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))`);
}

/** Puts the caret at the very end of a paragraph (End alone only reaches the end of a wrapped line). */
export async function caretToEnd(page: Page, paragraph: Locator): Promise<void> {
  const box = (await paragraph.boundingBox())!;
  await paragraph.click({ position: { x: box.width - 2, y: box.height - 4 } });
  await page.keyboard.press('End');
}
