"""`python -m kg.site [STORE] [OUT]`: render the view site of a store (default: the project's store
into visualizations/site/). The lead wires this into `kg build` / `kg add`; until then it runs alone."""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from kg import paths
    from kg.errors import KGError
    from kg.site import render_report

    args = sys.argv[1:] if argv is None else argv
    if any(a in ("-h", "--help") for a in args) or len(args) > 2:
        print(__doc__.strip())
        return 0 if len(args) <= 2 else 1
    store = Path(args[0]) if args else paths.default_store()
    out = Path(args[1]) if len(args) > 1 else paths.VIZ_DIR / "site"
    try:
        report = render_report(store, out)
    except KGError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    took = "，".join(f"{k} {v:.1f} 秒" for k, v in report.seconds.items())
    print(
        f"已写出 {len(report.written)} 个文件（未变 {report.kept} 个，删除 {len(report.removed)} 个）：{out / 'index.html'}（{took}）"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
