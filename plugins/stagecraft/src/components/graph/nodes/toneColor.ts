import { Tone } from '../healthWords';

/** The theme palette path (for `sx`) of a tone. */
export function toneColor(tone: Tone): string {
  return tone === 'neutral' ? 'grey.500' : `${tone}.main`;
}
