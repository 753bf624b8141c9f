"use client";

import { useEffect, useRef, useState } from "react";

export type OutputLine = { seq: number; stepId: string; stream: string; line: string; at: string };

// Rendering is bounded: the newest lines are shown (a step can print 100,000), the rest are counted.
const SHOWN = 2_000;

export function RunOutput({ lines, truncated, visible }: { lines: OutputLine[]; truncated: boolean; visible: boolean }) {
  const box = useRef<HTMLPreElement>(null);
  const [follow, setFollow] = useState(true);
  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);

  if (!visible) return <p className="text-sm text-slate-500">Output is visible to release managers and approvers.</p>;
  const shown = lines.slice(-SHOWN);
  return (
    <div>
      <div className="mb-2 flex items-center gap-3 text-xs text-slate-500">
        <span>
          {lines.length.toLocaleString()} lines{lines.length > SHOWN ? ` (showing the last ${SHOWN.toLocaleString()})` : ""}
          {truncated ? "; older lines are in the audit export" : ""}
        </span>
        <label className="ml-auto flex items-center gap-1">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow the tail
        </label>
      </div>
      <pre
        ref={box}
        data-testid="run-output"
        tabIndex={0}
        role="region"
        aria-label="Step output"
        className="h-[28rem] overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100"
      >
        {shown.length === 0 ? (
          <span className="text-slate-500">No output.</span>
        ) : (
          shown.map((l) => (
            <div key={l.seq} className={l.stream === "stderr" ? "text-rose-300" : l.stream === "system" ? "text-sky-300" : undefined}>
              {l.line}
            </div>
          ))
        )}
      </pre>
    </div>
  );
}
