"""Ruled tables on a PDF page, read cell by cell.

A table a Word or WPS document carries into its PDF keeps its rules: thin filled rectangles or strokes along
each row and column. Read line by line, such a table loses its cells (a header cell of two lines, 派驻工作队 /
（支）, lands on lines of its own and the numbers lose their column). So the rules are found, the grid they
draw is rebuilt, every glyph whose centre falls inside is put in its cell, and the table is given as rows of
tab-parted cells: the shape a Word table already reads as (kg.extract.outcome_table).
"""

from __future__ import annotations

from dataclasses import dataclass

_THIN = 2.5  # points: a rule is at most this thick
_MERGE = 3.0  # points: rules this close are one rule


@dataclass(frozen=True)
class Grid:
    xs: tuple[float, ...]  # column rules, left to right
    ys: tuple[float, ...]  # row rules, top to bottom (PDF y grows upwards)

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] < x < self.xs[-1] and self.ys[-1] < y < self.ys[0]

    def cell(self, x: float, y: float) -> tuple[int, int]:
        col = next(i for i in range(len(self.xs) - 1) if x < self.xs[i + 1])
        row = next(i for i in range(len(self.ys) - 1) if y > self.ys[i + 1])
        return row, col


def page_grids(page) -> list[Grid]:
    """The ruled tables of a page: each group of crossing rules with at least two rows and two columns."""
    import pypdfium2.raw as raw

    across, down = [], []
    for obj in page.get_objects():
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        if top - bottom <= _THIN and right - left > 10:
            across.append((left, right, (top + bottom) / 2))
        elif right - left <= _THIN and top - bottom > 5:
            down.append(((left + right) / 2, bottom, top))
    grids = []
    for group in _crossing_groups(across, down):
        h, v = group
        xs = _merged(sorted(x for x, _, _ in v))
        ys = _merged(sorted((y for _, _, y in h), reverse=True))
        if len(xs) >= 3 and len(ys) >= 3:
            grids.append(Grid(tuple(xs), tuple(ys)))
    return grids


def table_rows(grid: Grid, glyphs) -> list[str]:
    """The grid's rows, top to bottom, each its cells' text joined by tabs (a cell's lines run together)."""
    cells: dict[tuple[int, int], list] = {}
    for g in glyphs:
        if g.char.strip():
            cells.setdefault(grid.cell(g.centre, g.middle), []).append(g)
    rows = []
    for r in range(len(grid.ys) - 1):
        texts = [_cell_text(cells.get((r, c), [])) for c in range(len(grid.xs) - 1)]
        if any(texts):
            rows.append("\t".join(texts))
    return rows


def _cell_text(glyphs) -> str:
    lines: list[list] = []
    for g in sorted(glyphs, key=lambda g: -g.middle):
        if lines and abs(lines[-1][0].middle - g.middle) < 0.5 * (g.top - g.bottom):
            lines[-1].append(g)
        else:
            lines.append([g])
    return "".join(g.char for line in lines for g in sorted(line, key=lambda g: g.centre))


def _crossing_groups(across, down):
    """Rules joined into groups where a row rule and a column rule cross (or touch)."""
    parent = list(range(len(across) + len(down)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (left, right, y) in enumerate(across):
        for j, (x, bottom, top) in enumerate(down):
            if left - _MERGE <= x <= right + _MERGE and bottom - _MERGE <= y <= top + _MERGE:
                parent[find(i)] = find(len(across) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, rule in enumerate(across):
        groups.setdefault(find(i), ([], []))[0].append(rule)
    for j, rule in enumerate(down):
        groups.setdefault(find(len(across) + j), ([], []))[1].append(rule)
    return [g for g in groups.values() if g[0] and g[1]]


def _merged(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or abs(v - out[-1]) > _MERGE:
            out.append(v)
    return out
