import { Theme, useTheme } from '@mui/material/styles';
import Box from '@mui/material/Box';
import type {
  MetricSeries,
  MetricUnit,
} from '@stagecraft/plugin-stagecraft-common';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  formatMetricValue,
  formatPointTime,
  formatTick,
} from './formatMetricValue';
import { isolatedPoints, seriesLabel, toChartRows } from './chartRows';

/** A horizontal line across the chart, e.g. a pod's CPU request or limit. */
export interface ChartReference {
  label: string;
  value: number;
  /** Limits are drawn as a solid line, requests dashed: the words in the label say which. */
  kind: 'request' | 'limit';
}

// Each series gets its own dash pattern as well as its own colour, so lines stay apart for
// people who do not tell the colours apart. The figures table under the chart is the legend:
// it draws each series' swatch next to its name (a legend in the chart crowds out the lines
// once a deployment has a few pods).
const DASHES = ['', '6 3', '2 2', '8 3 2 3', '1 4'];

/** `count` times spread evenly over the range, ends included: a time scale's own ticks may be one. */
export function evenTicks([start, end]: [number, number], count: number) {
  if (!(end > start) || count < 2) return undefined;
  const step = (end - start) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(start + i * step));
}

/** The colour and dash pattern of the `index`th series. */
export function seriesStroke(theme: Theme, index: number) {
  const colours = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success.dark,
    theme.palette.warning.dark,
    theme.palette.info.dark,
    theme.palette.error.dark,
  ];
  return {
    stroke: colours[index % colours.length],
    // Colours and dashes cycle at different lengths, so pairs repeat only after 30 series.
    strokeDasharray: DASHES[index % DASHES.length],
  };
}

/** A sample with no neighbour to draw a line to; every other point stays undotted. */
function IsolatedDot(props: {
  cx?: number;
  cy?: number;
  show: boolean;
  fill: string;
}) {
  if (!props.show || props.cx === undefined || props.cy === undefined) {
    return <g />;
  }
  return <circle cx={props.cx} cy={props.cy} r={3} fill={props.fill} />;
}

/**
 * Lines over time, one per series (a pod, or the component), with the unit on the axis and in
 * the tooltip. The figures are in the MetricSummary beside it too: a chart is never the only
 * way to read them.
 */
export function TimeSeriesChart(props: {
  title: string;
  unit: MetricUnit;
  series: MetricSeries[];
  /** Epoch ms of the range shown, so a gap at the start reads as a gap. */
  domain?: [number, number];
  references?: ChartReference[];
  /** Counts change in steps (restarts), others are sampled. */
  stepped?: boolean;
  height?: number;
}) {
  const theme = useTheme();
  const rows = toChartRows(props.series);
  const format = (value: number) => formatMetricValue(props.unit, value);
  return (
    <Box
      role="img"
      aria-label={`${props.title} over time, ${props.series.length} series`}
      sx={{ width: '100%', height: props.height ?? 240 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={props.domain ?? ['dataMin', 'dataMax']}
            ticks={props.domain && evenTicks(props.domain, 6)}
            tickFormatter={formatTick}
            stroke={theme.palette.text.secondary}
          />
          <YAxis
            tickFormatter={format}
            width={72}
            stroke={theme.palette.text.secondary}
            allowDecimals={props.unit !== 'count'}
          />
          <Tooltip
            labelFormatter={label => formatPointTime(Number(label))}
            formatter={value => format(Number(value))}
            contentStyle={{
              background: theme.palette.background.paper,
              borderColor: theme.palette.divider,
            }}
          />
          {props.series.map((series, index) => {
            const stroke = seriesStroke(theme, index);
            const isolated = isolatedPoints(rows, `s${index}`);
            return (
              <Line
                key={seriesLabel(series, index)}
                dataKey={`s${index}`}
                name={seriesLabel(series, index)}
                type={props.stepped ? 'stepAfter' : 'monotone'}
                {...stroke}
                strokeWidth={2}
                dot={dot => (
                  <IsolatedDot
                    key={dot.key}
                    cx={dot.cx}
                    cy={dot.cy}
                    show={isolated.has(dot.index)}
                    fill={stroke.stroke}
                  />
                )}
                connectNulls={false}
                isAnimationActive={false}
              />
            );
          })}
          {props.references?.map(reference => (
            <ReferenceLine
              key={`${reference.kind}-${reference.value}`}
              y={reference.value}
              stroke={
                reference.kind === 'limit'
                  ? theme.palette.error.main
                  : theme.palette.text.secondary
              }
              strokeDasharray={reference.kind === 'limit' ? undefined : '4 4'}
              label={{
                value: reference.label,
                position: 'insideTopRight',
                fill: theme.palette.text.primary,
                fontSize: 12,
                // A halo in the card's colour keeps the words readable where a pod's line
                // runs under them (new pods draw at the right-hand edge, where the label is).
                stroke: theme.palette.background.paper,
                strokeWidth: 4,
                paintOrder: 'stroke',
              }}
              ifOverflow="extendDomain"
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}
