import type { WatchSample } from "@/lib/schemas/step";

type Props = { samples: WatchSample[]; healthy: { op: string; value: number }; unit?: string; title: string };

const W = 560;
const H = 160;
const PAD = { left: 44, right: 12, top: 12, bottom: 22 };

/** A watch step's samples with the threshold line; unhealthy and unreadable samples are marked in red. */
export function WatchChart({ samples, healthy, unit = "", title }: Props) {
  const values = samples.flatMap((s) => (s.value === null ? [] : [s.value]));
  const lo = Math.min(healthy.value, ...values, 0);
  const hi = Math.max(healthy.value, ...values) * 1.15 || 1;
  const x = (i: number) => PAD.left + (samples.length <= 1 ? 0 : (i / (samples.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo || 1)) * (H - PAD.top - PAD.bottom);
  const line = samples.flatMap((s, i) => (s.value === null ? [] : [`${x(i)},${y(s.value)}`])).join(" ");
  const last = samples[samples.length - 1];
  return (
    <figure className="rounded-md border border-slate-200 bg-white p-3" data-testid="watch-chart">
      <figcaption className="mb-1 flex gap-3 text-xs text-slate-600">
        <span className="font-medium">{title}</span>
        <span>
          healthy while {healthy.op} {healthy.value}
          {unit}
        </span>
        {last && <span className="ml-auto">latest: {last.value === null ? "unreadable" : `${last.value}${unit}`}</span>}
      </figcaption>
      {/* Labels are HTML, not SVG text: the chart shrinks to a phone's width, the labels stay 12 px. */}
      <div className="relative h-40 w-full">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`${title}: ${samples.length} samples, threshold ${healthy.op} ${healthy.value}${unit}`}
          className="h-full w-full"
        >
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={y(healthy.value)}
            y2={y(healthy.value)}
            stroke="#e11d48"
            strokeDasharray="4 3"
            vectorEffect="non-scaling-stroke"
          />
          <polyline points={line} fill="none" stroke="#4f46e5" strokeWidth={2} vectorEffect="non-scaling-stroke" />
          {samples.map((s, i) => (
            <circle key={s.n} cx={x(i)} cy={s.value === null ? H - PAD.bottom : y(s.value)} r={s.healthy ? 2.5 : 4} fill={s.healthy ? "#4f46e5" : "#e11d48"}>
              <title>{`sample ${s.n} at ${s.at.slice(11, 19)}: ${s.value === null ? `unreadable (${s.error})` : `${s.value}${unit}`}`}</title>
            </circle>
          ))}
        </svg>
        <span
          aria-hidden
          className="absolute left-0 -translate-y-1/2 bg-white/80 px-0.5 text-xs text-rose-700"
          style={{ top: `${(y(healthy.value) / H) * 100}%` }}
        >
          {healthy.value}
          {unit}
        </span>
        <span aria-hidden className="absolute left-0 -translate-y-1/2 bg-white/80 px-0.5 text-xs text-slate-600" style={{ top: `${(PAD.top / H) * 100}%` }}>
          {Number(hi.toPrecision(3))}
        </span>
      </div>
    </figure>
  );
}
