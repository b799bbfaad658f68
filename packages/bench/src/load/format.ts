import { loadavg } from 'node:os';
import { percentile } from '../shared/percentile';

/** Figures as the bench prints them. */
export const ms = (value: number) => `${Math.round(value)} ms`;

export const spread = (samples: number[]) =>
  samples.length === 0
    ? 'no samples'
    : `p50 ${ms(percentile(samples, 50))}  p99 ${ms(
        percentile(samples, 99),
      )}  max ${ms(Math.max(...samples))}  (n=${samples.length})`;

/** The machine's load average, printed beside every figure: this is a shared machine. */
export const load = () =>
  `load average ${loadavg()
    .map(l => l.toFixed(2))
    .join(' ')}`;

export const sleep = (millis: number) =>
  new Promise(r => setTimeout(r, millis));
