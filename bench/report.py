"""The run's results as a markdown table and PNG charts (matplotlib)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt


def _yes(met: bool | None) -> str:
    return "—" if met is None else ("met" if met else "**not met**")


def markdown(result: dict[str, Any]) -> str:
    runs, machine, gunicorn = result["runs"], result["machine"], result["settings"]["gunicorn"]
    lines = [
        f"# Benchmark {result['name']}",
        "",
        f"{machine['cores']} cores, {machine['memory_gb']} GB, Python {machine['python']}, PostgreSQL "
        f"{machine['postgresql']}, Redis {machine['redis']}; gunicorn {gunicorn['workers']} × {gunicorn['threads']} "
        f"gthread; {'smoke' if result['settings']['smoke'] else 'full'} run"
        + (f"; nginx {machine['nginx']} (the _edge runs)." if machine.get("nginx") else "."),
        "",
        *(f"Skipped ({part}): {why}." for part, why in result.get("skipped", {}).items()),
        *([""] if result.get("skipped") else []),
        "| run | kind | connections | requests | req/s | p50 ms | p95 ms | p99 ms | errors | passed |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, run in runs.items():
        verdict = "ok" if run["passed"] else "**FAILED**"
        lines.append(
            f"| {name} | {run['kind']} | {run['connections']} | {run['requests']} | {run['requests_per_s']:,.0f} | "
            f"{run['p50_ms']} | {run['p95_ms']} | {run['p99_ms']} | {run['errors']} | {verdict} |"
        )
    lines += ["", "| workload | ÷ ceiling | ratio | target | met | p99 < 250 ms |", "|---|---|---|---|---|---|"]
    for row in result["ratios"]:
        lines.append(
            f"| {row['workload']} | {row['ceiling']} | {row['ratio']} | {row['target'] or '—'} | "
            f"{_yes(row['met'])} | {_yes(row['p99_met'])} |"
        )
    lines += [
        "",
        "| growth | applications | p50 / p95 / p99 ms (64 conn.) | p50 / p95 / p99 ms (4 conn.) | req/s | statements "
        "| SQL ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for workload, sizes in result["growth"]["runs"].items():
        for row in sizes.values():
            lines.append(
                f"| {workload} | {row['applications']:,} | {row['p50_ms']} / {row['p95_ms']} / {row['p99_ms']} | "
                f"{row['few_p50_ms']} / {row['few_p95_ms']} / {row['few_p99_ms']} | {row['requests_per_s']:,.0f} | "
                f"{row['statements']} | {row['sql_ms']} |"
            )
    lines += [
        "",
        "| growth ratio (large ÷ small) | p50 (64 conn.) | p99 (64 conn.) | p50 (4 conn.) | p99 (4 conn.) | SQL ms "
        "| target: p50 (4 conn.) ≤ 1.3 |",
        "|---|---|---|---|---|---|---|",
    ]
    for workload, row in result["growth"]["ratios"].items():
        lines.append(
            f"| {workload} | {row['p50_ms']} | {row['p99_ms']} | {row['few_p50_ms']} | {row['few_p99_ms']} | "
            f"{row['sql_ms']} | {_yes(row['met'])} |"
        )
    return "\n".join(lines) + "\n"


def charts(result: dict[str, Any], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = [_ratios(result, folder / "ratios.png"), _latency(result, folder / "latency.png")]
    made.append(_growth(result, folder / "growth.png"))
    return made


def _ratios(result: dict[str, Any], out: Path) -> Path:
    rows = [row for row in result["ratios"] if row["target"]]
    figure, axes = plt.subplots(figsize=(10, 4))
    names = [f"{row['workload']}\n÷ {row['ceiling']}" for row in rows]
    colours = ["tab:green" if row["met"] else "tab:red" for row in rows]
    bars = axes.bar(names, [row["ratio"] or 0 for row in rows], color=colours)
    axes.bar_label(bars, labels=[f"{row['ratio']}" for row in rows], fontsize=7)
    for n, row in enumerate(rows):
        axes.hlines(row["target"], n - 0.4, n + 0.4, colors="black", linestyles="dashed")
    axes.set_yscale("log")  # a cached read runs at many times its ceiling, a database write at a tenth of it
    axes.set_ylabel("throughput ÷ ceiling (same run, log)")
    axes.set_title(f"Workloads against their ceilings (dashed: target) — {result['name']}")
    axes.tick_params(axis="x", labelsize=7)
    return _save(figure, out)


def _latency(result: dict[str, Any], out: Path) -> Path:
    runs = result["runs"]
    names = list(runs)
    figure, axes = plt.subplots(figsize=(10, 4))
    width = 0.27
    for shift, key in ((-width, "p50_ms"), (0, "p95_ms"), (width, "p99_ms")):
        axes.bar([n + shift for n in range(len(names))], [runs[name][key] for name in names], width, label=key[:3])
    axes.axhline(250, color="black", linestyle="dashed", linewidth=1)
    axes.set_xticks(range(len(names)), names, rotation=45, ha="right", fontsize=7)
    axes.set_yscale("log")
    axes.set_ylabel("latency, ms (log; dashed: 250 ms)")
    axes.set_title(f"Latency per run — {result['name']}")
    axes.legend()
    return _save(figure, out)


def _growth(result: dict[str, Any], out: Path) -> Path:
    growth = result["growth"]["runs"]
    figure, axes = plt.subplots(1, len(growth), figsize=(10, 3.8), squeeze=False)
    keys = ("few_p50_ms", "few_p99_ms", "p50_ms", "p99_ms")
    labels = ("p50, 4 conn.", "p99, 4 conn.", "p50, 64 conn.", "p99, 64 conn.")
    for axis, (workload, sizes) in zip(axes[0], growth.items(), strict=True):
        rows = list(sizes.values())
        for offset, (key, label) in enumerate(zip(keys, labels, strict=True)):
            axis.bar([n * 5 + offset for n in range(len(rows))], [row[key] for row in rows], label=label)
        axis.set_xticks(
            [n * 5 + 1.5 for n in range(len(rows))], [f"{row['applications']:,} applications" for row in rows]
        )
        axis.set_yscale("log")
        axis.set_title(workload)
        axis.set_ylabel("latency, ms (log)")
        axis.legend(fontsize=7)
    figure.suptitle(f"Growth — {result['name']}")
    return _save(figure, out)


def _save(figure: Any, out: Path) -> Path:
    figure.tight_layout()
    figure.savefig(out, dpi=110)
    plt.close(figure)
    return out
