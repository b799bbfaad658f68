import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router-dom';

/** A node's title, linking to the entity page; `nodrag` keeps xyflow from swallowing the click. */
export function EntityNodeLink(props: { entityRef: string; label: string }) {
  const entityLink = useEntityRefLink();
  return (
    <Link
      component={RouterLink}
      to={entityLink(props.entityRef)}
      className="nodrag"
      underline="hover"
      color="inherit"
      noWrap
      sx={{ fontWeight: 500, display: 'block' }}
    >
      {props.label}
    </Link>
  );
}
