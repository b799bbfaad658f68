/** `text` with every case-insensitive occurrence of `query` marked. */
export function HighlightedText(props: { text: string; query: string }) {
  const { text, query } = props;
  if (!query) return <>{text}</>;
  const parts: JSX.Element[] = [];
  const haystack = text.toLowerCase();
  const needle = query.toLowerCase();
  let from = 0;
  for (
    let at = haystack.indexOf(needle);
    at >= 0;
    at = haystack.indexOf(needle, from)
  ) {
    parts.push(<span key={`t${at}`}>{text.slice(from, at)}</span>);
    parts.push(
      <mark key={`m${at}`}>{text.slice(at, at + needle.length)}</mark>,
    );
    from = at + needle.length;
  }
  parts.push(<span key="rest">{text.slice(from)}</span>);
  return <>{parts}</>;
}
