import type { Page } from 'playwright-core';

/** One piece of text that does not fit or collides with another. */
export interface LayoutDefect {
  kind: 'overflow' | 'overlap' | 'broken-word';
  /** The element's tag, classes and start of its text, to find it on the screenshot. */
  where: string;
  detail: string;
}

/**
 * Finds text that overflows its box, text that overlaps other text (a field label over the
 * field's value), and words broken across lines ("Restart|s"), by comparing element and text
 * boxes in the page. Looks inside `scope` (the page's main content); the graph canvas's
 * pan-and-zoom viewport and elements that scroll on purpose are not overflow.
 */
export async function findLayoutDefects(
  page: Page,
  scope = 'main',
): Promise<LayoutDefect[]> {
  const parts = await page.evaluate(
    selector => document.querySelectorAll(selector).length,
    scope,
  );
  // A view's own scope that matches nothing would check the whole page, or nothing it meant.
  if (parts === 0 && scope !== 'main')
    throw new Error(`nothing on the page matches the scope ${scope}`);
  const defects: LayoutDefect[] = [];
  // Each part the scope matches (a selector list may name several cards of one page).
  for (let part = 0; part < Math.max(parts, 1); part++)
    defects.push(...(await defectsIn(page, scope, part)));
  return defects;
}

function defectsIn(
  page: Page,
  scope: string,
  part: number,
): Promise<LayoutDefect[]> {
  return page.evaluate(
    ([scopeSelector, index]) => {
      const root =
        document.querySelectorAll(scopeSelector)[index] ?? document.body;
      const defects: {
        kind: 'overflow' | 'overlap' | 'broken-word';
        where: string;
        detail: string;
      }[] = [];
      const describe = (el: Element) => {
        const cls =
          typeof el.className === 'string'
            ? el.className
                .split(/\s+/)
                .filter(c => c && !c.startsWith('css-'))
                .slice(0, 3)
                .join('.')
            : '';
        const text = (el.textContent ?? '').trim().slice(0, 40);
        return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''} "${text}"`;
      };
      const isShown = (el: Element) => {
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none')
          return false;
        for (let e: Element | null = el; e; e = e.parentElement) {
          if (Number(getComputedStyle(e).opacity) === 0) return false;
        }
        // Visually hidden text (1×1 px, clipped) is for screen readers, not a layout defect.
        const rect = el.getBoundingClientRect();
        return rect.width > 1 && rect.height > 1;
      };
      const scrolls = (el: Element) =>
        /auto|scroll/.test(getComputedStyle(el).overflowX);
      const inCanvas = (el: Element) =>
        Boolean(el.closest('.react-flow__pane'));

      // Elements holding text directly: their boxes are what a reader sees.
      const textElements: Element[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !(node.textContent ?? '').trim()) continue;
        if (parent.closest('script,style,svg,option,pre,[aria-hidden="true"]'))
          continue;
        if (!isShown(parent)) continue;
        if (textElements[textElements.length - 1] !== parent)
          textElements.push(parent);
      }

      // 1. Overflow: the text is wider than its box and the box does not scroll.
      const checked = new Set<Element>();
      for (const el of textElements) {
        for (
          let box: Element | null = el;
          box && box !== root && !checked.has(box);
          box = box.parentElement
        ) {
          checked.add(box);
          if (scrolls(box) || box.classList.contains('react-flow__viewport'))
            break;
          const html = box as HTMLElement;
          const clips = /hidden|clip/.test(getComputedStyle(box).overflowX);
          if (clips && html.scrollWidth > html.clientWidth + 1) {
            defects.push({
              kind: 'overflow',
              where: describe(box),
              detail: `content ${html.scrollWidth}px wide in a ${html.clientWidth}px box`,
            });
            break;
          }
        }
      }

      // 2. Overlap: boxes of text from different elements intersect (labels over values).
      type Box = { el: Element; rect: DOMRect };
      const boxes: Box[] = [];
      for (const el of textElements) {
        if (inCanvas(el)) continue;
        const range = document.createRange();
        for (const child of Array.from(el.childNodes)) {
          if (child.nodeType !== Node.TEXT_NODE || !child.textContent?.trim())
            continue;
          range.selectNodeContents(child);
          for (const rect of Array.from(range.getClientRects()))
            if (rect.width > 1 && rect.height > 1) boxes.push({ el, rect });
        }
      }
      // A native select or an input shows its value inside its padding box.
      for (const el of Array.from(root.querySelectorAll('select, input'))) {
        const html = el as HTMLInputElement;
        if (!isShown(el) || !html.value || html.type === 'checkbox') continue;
        if (html.type === 'hidden' || html.type === 'radio') continue;
        const style = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        const top = r.top + parseFloat(style.paddingTop);
        const left = r.left + parseFloat(style.paddingLeft);
        const bottom = r.bottom - parseFloat(style.paddingBottom);
        const right = r.right - parseFloat(style.paddingRight);
        boxes.push({
          el,
          rect: new DOMRect(left, top, right - left, bottom - top),
        });
      }
      boxes.sort((a, b) => a.rect.top - b.rect.top);
      const reported = new Set<string>();
      for (let i = 0; i < boxes.length; i++) {
        const a = boxes[i];
        for (let j = i + 1; j < boxes.length; j++) {
          const b = boxes[j];
          if (b.rect.top >= a.rect.bottom) break;
          if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el))
            continue;
          const w =
            Math.min(a.rect.right, b.rect.right) -
            Math.max(a.rect.left, b.rect.left);
          const h =
            Math.min(a.rect.bottom, b.rect.bottom) -
            Math.max(a.rect.top, b.rect.top);
          // Line boxes of neighbouring lines may touch by a pixel or two.
          if (w > 2 && h > 3) {
            const key = `${describe(a.el)}|${describe(b.el)}`;
            if (reported.has(key)) continue;
            reported.add(key);
            defects.push({
              kind: 'overlap',
              where: describe(a.el),
              detail: `overlaps ${describe(b.el)} by ${Math.round(
                w,
              )}×${Math.round(h)}px`,
            });
          }
        }
      }

      // 3. Broken words: a word (between spaces, hyphens, slashes, dots, colons) drawn on two
      // lines. Long tokens (digests, URLs) may break; an ordinary word must not.
      for (const el of textElements) {
        const range = document.createRange();
        for (const child of Array.from(el.childNodes)) {
          const text = child.textContent ?? '';
          if (child.nodeType !== Node.TEXT_NODE || !text.trim()) continue;
          const word = /[^\s\-\u2010-\u2014/.:_,;()=]+/g;
          for (let m = word.exec(text); m; m = word.exec(text)) {
            if (m[0].length < 2 || m[0].length > 24) continue;
            range.setStart(child, m.index);
            range.setEnd(child, m.index + m[0].length);
            const lines = new Set(
              Array.from(range.getClientRects())
                .filter(r => r.width > 0)
                .map(r => Math.round(r.top)),
            );
            if (lines.size > 1) {
              defects.push({
                kind: 'broken-word',
                where: describe(el),
                detail: `"${m[0]}" is split over ${lines.size} lines`,
              });
              break;
            }
          }
        }
      }
      return defects;
    },
    [scope, part] as const,
  );
}
