import { performance } from 'node:perf_hooks';
import { Filter } from 'bad-words';
import { buildStream } from './bench/stream';
const stream = buildStream(60000);
const bw = new Filter();
for (const [name, sample] of [['first300', stream.slice(0, 300)], ['every100th', stream.filter((_, i) => i % 100 === 0)], ['first300-again', stream.slice(0, 300)]] as const) {
  const t0 = performance.now();
  for (const q of sample) bw.clean(q);
  console.log(name, sample.length, (((performance.now() - t0) * 1000) / sample.length).toFixed(0), 'µs/question');
}
let overhead = 0; const N = 100000; const t0 = performance.now(); for (let i = 0; i < N; i++) { const s = performance.now(); overhead += performance.now() - s; } console.log('timer pair cost µs', ((performance.now() - t0) * 1000 / N).toFixed(3), 'measured-inside', (overhead * 1000 / N).toFixed(3));
