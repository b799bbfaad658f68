import type { SxProps, Theme } from '@mui/material/styles';
import type { StatusTone } from './StatusIcon';

/**
 * Chip text that meets WCAG AA's 4.5:1 for its 12 px label. MUI's filled warning and info
 * chips are white on #ed6c02 (3.1:1) and #0288d1 (3.9:1): dark text on the same colours is
 * 6.7:1 and 5.4:1 (the dark theme's lighter colours take dark text already). An outlined chip
 * writes its label in the tone's colour (orange on white, 3.1:1): its label is the text
 * colour, the border and icon keep the tone.
 */
export function readableChip(
  tone: StatusTone,
  variant: 'filled' | 'outlined',
): SxProps<Theme> | undefined {
  if (variant === 'outlined')
    return tone === 'default' ? undefined : { color: 'text.primary' };
  if (tone === 'warning' || tone === 'info')
    return { color: 'rgba(0, 0, 0, 0.87)', '& svg': { color: 'inherit' } };
  return undefined;
}
