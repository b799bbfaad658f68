import { fitCanvas, graphExtent, MIN_FIT_ZOOM } from './canvasSize';

describe('graphExtent', () => {
  it('spans the top-level boxes and ignores the children inside projects', () => {
    expect(
      graphExtent([
        { position: { x: 10, y: 20 }, width: 300, height: 100 },
        { position: { x: 400, y: 0 }, width: 100, height: 50 },
        {
          position: { x: 900, y: 900 },
          width: 10,
          height: 10,
          parentId: 'p',
        },
      ]),
    ).toEqual({ width: 490, height: 120 });
  });
});

describe('fitCanvas', () => {
  it('draws a small graph at its natural size in a canvas as tall as the graph', () => {
    expect(fitCanvas({ width: 400, height: 300 }, 1000)).toEqual({
      zoom: 1,
      height: 348,
    });
  });

  it('shrinks a wide flat graph to the width and the canvas with it', () => {
    const { zoom, height } = fitCanvas({ width: 1856, height: 260 }, 1024);
    expect(zoom).toBeCloseTo(0.5);
    expect(height).toBe(200);
  });

  it('never zooms out past the legible minimum', () => {
    expect(fitCanvas({ width: 5000, height: 1000 }, 800).zoom).toBe(
      MIN_FIT_ZOOM,
    );
  });

  it('caps the canvas height of a tall graph', () => {
    expect(fitCanvas({ width: 300, height: 3000 }, 1000).height).toBe(720);
  });
});
