import type { SxProps, Theme } from '@mui/material/styles';

/**
 * Tables size their columns to their content and never break a word: the Backstage theme gives
 * table cells `word-break: break-word`, which lets the browser shrink a column below its
 * longest word ("Restart s", "Ag e"). Words wrap only at spaces and hyphens; a string too long
 * for any column still wraps at render time instead of overflowing (`overflow-wrap`, which
 * does not change the column's minimum width). Headers stay on one line.
 */
export const contentSizedTable: SxProps<Theme> = {
  // Element selectors: Backstage prefixes MUI 5's class names (v5-MuiTableCell-root).
  '& td, & th': {
    wordBreak: 'normal',
    overflowWrap: 'break-word',
  },
  '& thead th': { whiteSpace: 'nowrap' },
};

/** For short values (counts, ages, node names, chips) that read badly over two lines. */
export const noWrap: SxProps<Theme> = { whiteSpace: 'nowrap' };
