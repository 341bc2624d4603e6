#!/usr/bin/env python3
"""Turns the load tool's RESULT lines (results.jsonl from scripts/bench-peers.sh) into a Markdown
table and two SVG charts, with nothing but the standard library.

Usage: scripts/bench-report.py results.jsonl OUT_DIR
Writes OUT_DIR/results.md, OUT_DIR/fanout-max.svg, OUT_DIR/latency-fanout-30.svg and a copy of
the results as OUT_DIR/results.jsonl."""
import json
import os
import shutil
import sys
from html import escape

SERVERS = ["herald", "nats", "mosquitto"]
COLOURS = {"herald": "#2f6fde", "nats": "#3aa76d", "mosquitto": "#d9822b", "cluster": "#7a4fc2"}


def load(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    return {(r["target"], r["label"]): r for r in rows}


def get(rows, target, label, field, fmt="{:,}"):
    row = rows.get((target, label))
    if row is None or row.get(field) is None:
        return "n/a"
    return fmt.format(row[field])


def loss(rows, target, label):
    row = rows.get((target, label))
    if row is None:
        return "n/a"
    if row.get("correctness") != "pass":
        return "correctness FAILED"
    return f"{row.get('delivered', 0):,}/{row.get('expected', 0):,}"


def idle_kib(row):
    if row is None:
        return "n/a"
    total = row.get("rss_per_connection_kib", 0) or 0
    if row.get("heap_per_connection_kib") is not None:
        return f"{total + row['heap_per_connection_kib']:.1f} (heap {row['heap_per_connection_kib']:.1f} + native {total:.1f})"
    return f"{total:.1f}"


def table(rows):
    out = ["| server | fanout max delivered/s | delivered/expected | server / generator CPU (cores) "
           "| fanout 30 ev/s p50 / p99 / max (ms) | targeted max delivered/s | churn ops/s, ack p99 (ms) "
           "| idle memory per connection (KiB) | idle connections opened |",
           "|---|---|---|---|---|---|---|---|---|"]
    for s in SERVERS:
        idle = rows.get((s, "idle"))
        out.append("| {} | {} | {} | {} / {} | {} / {} / {} | {} | {}, {} | {} | {} |".format(
            s, get(rows, s, "fanout-max", "delivered_per_s"), loss(rows, s, "fanout-max"),
            get(rows, s, "fanout-max", "server_cpu_cores", "{}"),
            get(rows, s, "fanout-max", "generator_cpu_cores", "{}"),
            get(rows, s, "fanout-30", "latency_p50_ms", "{}"),
            get(rows, s, "fanout-30", "latency_p99_ms", "{}"),
            get(rows, s, "fanout-30", "latency_max_ms", "{}"),
            get(rows, s, "targeted-max", "delivered_per_s"),
            get(rows, s, "churn", "operations_per_s"),
            get(rows, s, "churn", "subscribe_ack_p99_ms", "{}"),
            idle_kib(idle),
            "n/a" if idle is None else f"{idle['opened']:,}/{idle['connections']:,} in {idle['open_seconds']} s"))
    return "\n".join(out)


def cluster_table(rows):
    out = ["| Herald | fanout 30 ev/s p50 / p99 / max (ms) | delivered/expected | fanout max delivered/s | churn ops/s, ack p99 (ms) |",
           "|---|---|---|---|---|"]
    for name, prefix in (("1 node", ""), ("2 nodes, every delivery cross-node", "cluster-")):
        out.append("| {} | {} / {} / {} | {} | {} | {}, {} |".format(
            name, get(rows, "herald", prefix + "fanout-30", "latency_p50_ms", "{}"),
            get(rows, "herald", prefix + "fanout-30", "latency_p99_ms", "{}"),
            get(rows, "herald", prefix + "fanout-30", "latency_max_ms", "{}"),
            loss(rows, "herald", prefix + "fanout-30"),
            get(rows, "herald", prefix + "fanout-max", "delivered_per_s"),
            get(rows, "herald", prefix + "churn", "operations_per_s"),
            get(rows, "herald", prefix + "churn", "subscribe_ack_p99_ms", "{}")))
    return "\n".join(out)


def goals(rows):
    lines = []
    def value(target, label, field):
        row = rows.get((target, label))
        return None if row is None else row.get(field)
    h, n = value("herald", "fanout-max", "delivered_per_s"), value("nats", "fanout-max", "delivered_per_s")
    if h and n:
        lines.append(f"- fanout max: Herald {h:,}/s = {h / n:.2f} x NATS ({n:,}/s); goal >= 1.00")
    h, n = value("herald", "fanout-30", "latency_p99_ms"), value("nats", "fanout-30", "latency_p99_ms")
    if h and n:
        lines.append(f"- p99 at 30 events/s: Herald {h} ms = {h / n:.2f} x NATS ({n} ms); goal <= 0.50")
    idle = rows.get(("herald", "idle"))
    if idle:
        lines.append(f"- idle memory per connection: Herald {idle_kib(idle)} KiB; goal <= 10")
    one, two = value("herald", "fanout-30", "latency_p99_ms"), value("herald", "cluster-fanout-30", "latency_p99_ms")
    if one is not None and two is not None:
        lines.append(f"- cross-node p99 at 30 events/s adds {two - one:+.2f} ms ({one} -> {two}); goal <= +2 ms")
    return "\n".join(lines)


def bar_chart(rows, path):
    bars = [(s, rows[(s, "fanout-max")]["delivered_per_s"]) for s in SERVERS if (s, "fanout-max") in rows]
    if ("herald", "cluster-fanout-max") in rows:
        bars.append(("herald 2 nodes", rows[("herald", "cluster-fanout-max")]["delivered_per_s"]))
    width, height, left, top, bar_h = 640, 60 + 44 * len(bars), 130, 40, 28
    peak = max(v for _, v in bars) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="13">',
             f'<text x="10" y="22" font-size="15">Fanout, 1000 subscribers, ~300-byte events: delivered per second</text>']
    for i, (name, v) in enumerate(bars):
        y = top + i * 44
        w = (width - left - 110) * v / peak
        colour = COLOURS["cluster" if "nodes" in name else name]
        parts.append(f'<text x="10" y="{y + 19}">{escape(name)}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 19}">{v:,}</text>')
    parts.append("</svg>")
    open(path, "w").write("\n".join(parts) + "\n")


def latency_chart(rows, path):
    series = []
    for s in SERVERS:
        if (s, "fanout-30") in rows:
            series.append((s, rows[(s, "fanout-30")]["latency_percentiles_ms"], COLOURS[s]))
    if ("herald", "cluster-fanout-30") in rows:
        series.append(("herald 2 nodes", rows[("herald", "cluster-fanout-30")]["latency_percentiles_ms"], COLOURS["cluster"]))
    if not series:
        return
    keys = list(series[0][1].keys())
    width, height, left, right, top, bottom = 640, 360, 60, 150, 40, 50
    peak = max(max(p.values()) for _, p, _ in series) or 1
    xs = {k: left + i * (width - left - right) / (len(keys) - 1) for i, k in enumerate(keys)}
    def y(v):
        return top + (height - top - bottom) * (1 - v / peak)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
             '<text x="10" y="22" font-size="15">Latency by percentile, fanout at 30 events/s (30,000 deliveries/s)</text>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#444"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#444"/>']
    for k in keys:
        label = "max" if k == "100.0" else f"p{float(k):g}"
        parts.append(f'<text x="{xs[k]:.1f}" y="{height - bottom + 18}" text-anchor="middle">{label}</text>')
    for frac in (0, 0.25, 0.5, 0.75, 1):
        v = peak * frac
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:.0f}</text>')
        parts.append(f'<line x1="{left}" y1="{y(v):.1f}" x2="{width - right}" y2="{y(v):.1f}" stroke="#ddd"/>')
    parts.append(f'<text x="14" y="{top - 8}">ms</text>')
    for i, (name, points, colour) in enumerate(series):
        path_d = " ".join(f"{'M' if j == 0 else 'L'}{xs[k]:.1f},{y(points[k]):.1f}" for j, k in enumerate(keys))
        parts.append(f'<path d="{path_d}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<rect x="{width - right + 14}" y="{top + i * 20}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{width - right + 32}" y="{top + i * 20 + 11}">{escape(name)}</text>')
    parts.append("</svg>")
    open(path, "w").write("\n".join(parts) + "\n")


def main():
    results, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rows = load(results)
    if os.path.abspath(results) != os.path.abspath(os.path.join(out, "results.jsonl")):
        shutil.copyfile(results, os.path.join(out, "results.jsonl"))
    bar_chart(rows, os.path.join(out, "fanout-max.svg"))
    latency_chart(rows, os.path.join(out, "latency-fanout-30.svg"))
    report = "\n\n".join([table(rows), cluster_table(rows), goals(rows)]) + "\n"
    open(os.path.join(out, "results.md"), "w").write(report)
    print(report)


if __name__ == "__main__":
    main()
