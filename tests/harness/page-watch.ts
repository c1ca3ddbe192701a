import type { BrowserContext, Page } from 'playwright-core';

/**
 * Recorders installed in a page before its scripts run, read back at the end of a
 * test: what the page showed over time, and when questions reached it. Strings, as
 * the tests compile without the DOM's types.
 */

/**
 * Every line of text the page showed at any moment (body.innerText, read once per
 * frame after a change), and the successive texts of the elements `selectors` name,
 * with when they appeared (epoch ms; consecutive repeats dropped; '' while absent).
 */
export async function watchTexts(context: BrowserContext, selectors: readonly string[]) {
  await context.addInitScript({
    content: `(() => {
      const seen = new Set();
      const sequences = Object.fromEntries(${JSON.stringify(selectors)}.map((s) => [s, []]));
      window.__daisWatch = { seen, sequences };
      let queued = false;
      const read = () => {
        queued = false;
        for (const line of document.body.innerText.split('\\n')) {
          const text = line.trim();
          if (text) seen.add(text);
        }
        for (const [selector, list] of Object.entries(sequences)) {
          const element = document.querySelector(selector);
          const text = element ? element.textContent.trim() : '';
          if (list.at(-1)?.text !== text) {
            list.push({ at: Math.round(performance.timeOrigin + performance.now()), text });
          }
        }
      };
      new MutationObserver(() => {
        if (!queued) {
          queued = true;
          requestAnimationFrame(read);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    })();`,
  });
}

/** What `watchTexts` recorded in a page. */
export async function watchedTexts(page: Page): Promise<{
  seen: string[];
  sequences: Record<string, { at: number; text: string }[]>;
}> {
  return page.evaluate(
    `({ seen: [...window.__daisWatch.seen], sequences: window.__daisWatch.sequences })`,
  );
}

/**
 * When each new question reached the page and was painted: the `question:changed`
 * push with change `submitted`, timed two animation frames after it arrived (the
 * page has rendered it by then). Epoch milliseconds, comparable with the test's clock.
 */
export async function watchArrivals(context: BrowserContext) {
  await context.addInitScript({
    content: `(() => {
      const painted = {};
      window.__daisArrivals = painted;
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(...args) {
          super(...args);
          this.addEventListener('message', ({ data }) => {
            if (typeof data !== 'string' || !data.startsWith('42["question:changed"')) return;
            const { change, question } = JSON.parse(data.slice(2))[1];
            if (change !== 'submitted') return;
            const id = question.id;
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                painted[id] = performance.timeOrigin + performance.now();
              }),
            );
          });
        }
      };
    })();`,
  });
}

/** Question id → when it was painted on the page (see `watchArrivals`). */
export async function arrivals(page: Page): Promise<Record<string, number>> {
  return page.evaluate(`window.__daisArrivals`);
}
