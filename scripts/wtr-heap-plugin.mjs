// @ts-check
/**
 * Web Test Runner plugin: how many objects of a kind the page still holds, after a full garbage collection
 * (Chromium through puppeteer and the DevTools protocol).
 *
 *   window.__heapKinds = { rooms: Room.prototype, peerConnections: RTCPeerConnection.prototype };
 *   const counts = await executeServerCommand('count-objects', { kinds: ['rooms', 'peerConnections'] });
 *   // { counts: { rooms: 1, peerConnections: 0 }, heapUsed: 12345678 }
 *
 * Each kind is a prototype the page puts on `window.__heapKinds`; objects with it anywhere in their prototype
 * chain are counted (HTMLMediaElement.prototype counts audio and video elements). `heapUsed` is the JS heap
 * after the collection, in bytes.
 */

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function heapPlugin() {
  return {
    name: 'rtc-elements-heap',

    async executeCommand({ command, payload, session }) {
      if (command !== 'count-objects') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('count-objects needs @web/test-runner-chrome (puppeteer)');
      const { kinds } = /** @type {{ kinds: string[] }} */ (payload);
      /** @type {import('puppeteer-core').Page} */
      const page = /** @type {any} */ (session.browser).getPage(session.id);
      const cdp = await page.createCDPSession();
      try {
        // What the page logged is kept for DevTools with the objects logged (livekit-client logs its context):
        // the harness's, not the page's.
        await cdp.send('Runtime.discardConsoleEntries');
        // Twice: finalizers and weak callbacks run after the first.
        await cdp.send('HeapProfiler.collectGarbage');
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
        await cdp.send('HeapProfiler.collectGarbage');
        /** @type {Record<string, number>} */
        const counts = {};
        for (const kind of kinds) {
          const prototype = await page.evaluateHandle((name) => /** @type {any} */ (window).__heapKinds[name], kind);
          const objects = await page.queryObjects(prototype);
          counts[kind] = await page.evaluate((list) => list.length, objects);
          await objects.dispose();
          await prototype.dispose();
        }
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        if (process.env.HEAP_SNAPSHOT) {
          // For finding what keeps something alive: HEAP_SNAPSHOT=/path/file.heapsnapshot, then read it in DevTools.
          const chunks = [];
          cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
          await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
          (await import('node:fs')).writeFileSync(process.env.HEAP_SNAPSHOT, chunks.join(''));
        }
        return { counts, heapUsed: usedSize };
      } finally {
        await cdp.detach();
      }
    },
  };
}
