import { Fragment } from 'react';

/**
 * Text that may wrap after `/`, `.`, `-`, `:` and `?` (a URL, an image name) instead of
 * between two letters of a word: browsers do not break a URL at its slashes by themselves,
 * and `overflow-wrap` then cuts it anywhere ("check|out-http").
 */
export function BreakableText(props: { text: string }) {
  const parts = props.text.split(/(?<=[/.\-:?])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
