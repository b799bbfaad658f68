/** Below this the node labels are no longer legible; a wider graph scrolls (pans) instead. */
export const MIN_FIT_ZOOM = 0.5;
/** Never blow a small graph up past its natural size. */
export const MAX_FIT_ZOOM = 1;
/** Room around the graph, in screen pixels. */
export const CANVAS_PADDING = 24;
/** Extra room on the left for the zoom controls, which would otherwise cover nodes. */
export const CONTROLS_GUTTER = 48;
const MIN_CANVAS_HEIGHT = 200;
const MAX_CANVAS_HEIGHT = 720;

/** The extent of the laid-out graph: top-level boxes (children sit inside their project). */
export interface GraphExtent {
  width: number;
  height: number;
}

export function graphExtent(
  nodes: {
    position: { x: number; y: number };
    width?: number;
    height?: number;
    parentId?: string;
  }[],
): GraphExtent {
  const top = nodes.filter(node => !node.parentId);
  if (top.length === 0) return { width: 0, height: 0 };
  const minX = Math.min(...top.map(n => n.position.x));
  const minY = Math.min(...top.map(n => n.position.y));
  const maxX = Math.max(...top.map(n => n.position.x + (n.width ?? 0)));
  const maxY = Math.max(...top.map(n => n.position.y + (n.height ?? 0)));
  return { width: maxX - minX, height: maxY - minY };
}

/**
 * How the graph fits a canvas `containerWidth` wide: the zoom that fits its width (at least
 * {@link MIN_FIT_ZOOM}, at most 1) and a canvas height that follows the graph at that zoom, so
 * a flat graph does not float in a tall empty box and a tall one is not squeezed.
 */
export function fitCanvas(
  extent: GraphExtent,
  containerWidth: number,
): { zoom: number; height: number } {
  const room = Math.max(
    containerWidth - 2 * CANVAS_PADDING - CONTROLS_GUTTER,
    1,
  );
  const zoom =
    extent.width > 0
      ? Math.min(MAX_FIT_ZOOM, Math.max(MIN_FIT_ZOOM, room / extent.width))
      : MAX_FIT_ZOOM;
  const height = Math.round(extent.height * zoom + 2 * CANVAS_PADDING);
  return {
    zoom,
    height: Math.min(MAX_CANVAS_HEIGHT, Math.max(MIN_CANVAS_HEIGHT, height)),
  };
}
