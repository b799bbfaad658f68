import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';

/** Copies text to the clipboard, and says so. */
export function CopyButton(props: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  if (!navigator.clipboard) return null; // insecure contexts have no clipboard API
  return (
    <Tooltip title={copied ? 'Copied' : props.label}>
      <IconButton
        aria-label={props.label}
        size="small"
        onClick={async () => {
          await navigator.clipboard.writeText(props.text);
          setCopied(true);
        }}
      >
        <ContentCopyIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}
