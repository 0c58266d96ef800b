// Charts drawn on the server as SVG: readable without JavaScript, described for screen readers.
import { useId } from "react";

/** Coordinates to one decimal: smaller markup, same picture. */
const r1 = (v: number) => Math.round(v * 10) / 10;

export interface Bar {
  label: string;
  /** A second, smaller line under the label (e.g. the year under a month). */
  sublabel?: string;
  value: number;
}

/** Vertical bars, e.g. wishes completed per month. */
export function ColumnChart({
  title,
  description,
  bars,
  height = 180,
}: {
  title: string;
  description: string;
  bars: Bar[];
  height?: number;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = Math.max(300, bars.length * 48);
  const step = width / Math.max(1, bars.length);
  const twoLines = bars.some((b) => b.sublabel);
  const plot = height - (twoLines ? 54 : 40);
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      width="100%"
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {bars.map((b, i) => {
        const h = Math.round((b.value / max) * plot);
        const x = r1(i * step + step * 0.15);
        return (
          <g key={`${b.label} ${b.sublabel ?? ""}`}>
            <rect x={x} y={plot - h + 14} width={r1(step * 0.7)} height={h} fill="#b4232a" />
            <text x={r1(x + step * 0.35)} y={plot - h + 10} textAnchor="middle" fontSize="12" fill="#1a1a1a">
              {b.value}
            </text>
            <text x={r1(x + step * 0.35)} y={height - (twoLines ? 22 : 8)} textAnchor="middle" fontSize="11" fill="#4a4a4a">
              {b.label}
            </text>
            {b.sublabel ? (
              <text x={r1(x + step * 0.35)} y={height - 8} textAnchor="middle" fontSize="10" fill="#4a4a4a">
                {b.sublabel}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal bars with two series, e.g. completed and open needs by category. */
export function PairedBarChart({
  title,
  description,
  rows,
  legend,
}: {
  title: string;
  description: string;
  rows: { label: string; a: number; b: number }[];
  legend: [string, string];
}) {
  const id = useId();
  const max = Math.max(1, ...rows.map((r) => r.a + r.b));
  const rowHeight = 26;
  const labelWidth = 110;
  const width = 520;
  const height = rows.length * rowHeight + 30;
  const scale = (v: number) => r1(((width - labelWidth - 40) * v) / max);
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} width="100%">
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {rows.map((r, i) => (
        <g key={r.label} transform={`translate(0 ${i * rowHeight})`}>
          <text x={labelWidth - 6} y={17} textAnchor="end" fontSize="12" fill="#1a1a1a">
            {r.label}
          </text>
          <rect x={labelWidth} y={4} width={scale(r.a)} height={18} fill="#1d6b35" />
          <rect x={labelWidth + scale(r.a)} y={4} width={scale(r.b)} height={18} fill="#e0a100" />
          <text x={labelWidth + scale(r.a + r.b) + 4} y={17} fontSize="11" fill="#4a4a4a">
            {r.a}/{r.b}
          </text>
        </g>
      ))}
      <g transform={`translate(${labelWidth} ${height - 12})`}>
        <rect width="10" height="10" fill="#1d6b35" />
        <text x="14" y="9" fontSize="11">
          {legend[0]}
        </text>
        <rect x="110" width="10" height="10" fill="#e0a100" />
        <text x="124" y="9" fontSize="11">
          {legend[1]}
        </text>
      </g>
    </svg>
  );
}
