"""Positions for the places network, computed once in Python so that the browser does no physics.

A seeded Fruchterman-Reingold (dense numpy, below 500 nodes: the network never draws more nodes than
that at once, see kg.site.places) places the drawn nodes; in group mode each group's
places are laid out around the group's position, ready for the click that opens it. Coordinates are
vis-network canvas units (about pixels at zoom 1).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

SEED = 1
ITERATIONS = 60  # networkx's default is 50; the backbone settles well before
DENSE_MAX = 500  # networkx uses its dense (numpy) layout below this size


def spring(
    nodes: list[str], edges: Iterable[tuple[str, str, float]], scale: float, seed: int = SEED
) -> dict[str, tuple[float, float]]:
    """Seeded force-directed positions within [-scale, scale]²; a spiral above DENSE_MAX nodes.
    edges: (a, b, attraction), summed when a pair comes twice.

    Fruchterman-Reingold as networkx's dense `spring_layout` computes it (repulsion k²/d, attraction
    w·d²/k, linear cooling), in numpy here: importing networkx alone costs more than the layout."""
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) >= DENSE_MAX:
        return ring(nodes, scale)
    import numpy as np

    n = len(nodes)
    at = {node: i for i, node in enumerate(nodes)}
    weights = np.zeros((n, n), dtype=np.float32)  # float32, x and y apart: 4x faster than float64 pairs
    for a, b, w in edges:
        if a != b and a in at and b in at:
            weights[at[a], at[b]] = weights[at[b], at[a]] = weights[at[a], at[b]] + w
    pos = np.random.default_rng(seed).random((n, 2)).astype(np.float32)
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    k = np.float32(1.6 / math.sqrt(n))  # a little more room than the usual 1/sqrt(n): labels need it
    t = 0.1
    dt = t / (ITERATIONS + 1)
    for _ in range(ITERATIONS):
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        dist = np.hypot(dx, dy)
        np.maximum(dist, 0.01, out=dist)
        force = k * k / (dist * dist) - weights * dist / k
        mx, my = (dx * force).sum(axis=1), (dy * force).sum(axis=1)
        step = np.float32(t) / np.maximum(np.hypot(mx, my), 0.01)
        x += mx * step
        y += my * step
        t -= dt
    pos = np.stack([x, y], axis=1).astype(float)
    pos -= pos.mean(axis=0)
    pos *= scale / max(float(np.abs(pos).max()), 1e-9)
    return {node: (round(float(pos[i, 0]), 1), round(float(pos[i, 1]), 1)) for node, i in at.items()}


def ring(nodes: list[str], radius: float) -> dict[str, tuple[float, float]]:
    """Nodes on a sunflower spiral (even spacing, no physics): for big sets and for a group's places."""
    out = {}
    golden = math.pi * (3 - math.sqrt(5))
    for n, node in enumerate(nodes):
        r = radius * math.sqrt((n + 0.5) / len(nodes))
        out[node] = (round(r * math.cos(n * golden), 1), round(r * math.sin(n * golden), 1))
    return out


NODE_MIN, NODE_MAX = 6.0, 42.0  # the app's node sizes (vis-network scaling of `value`)


def radii(values: Mapping[str, int]) -> dict[str, float]:
    """A node's drawn radius, as vis-network scales `value` between NODE_MIN and NODE_MAX."""
    lo, hi = min(values.values(), default=0), max(values.values(), default=0)
    span = hi - lo
    return {
        k: NODE_MIN + (NODE_MAX - NODE_MIN) * ((v - lo) / span if span else 0.5) for k, v in values.items()
    }


def separate(
    pos: dict[str, tuple[float, float]], radius: Mapping[str, float], gap: float = 30.0, rounds: int = 60
) -> dict[str, tuple[float, float]]:
    """Push apart nodes that would overlap once drawn at their sizes (labels need `gap` more)."""
    import numpy as np

    names = list(pos)
    if len(names) < 2:
        return pos
    x = np.array([pos[n][0] for n in names], dtype=np.float32)
    y = np.array([pos[n][1] for n in names], dtype=np.float32)
    r = np.array([radius.get(n, NODE_MIN) for n in names], dtype=np.float32)
    need = r[:, None] + r[None, :] + np.float32(gap)
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        dist = np.hypot(dx, dy)
        short = np.maximum(need - dist, 0.0)
        if not short.any():
            break
        # each node of an overlapping pair moves half the overlap, away from the other
        push = (
            np.float32(0.5) * short / np.maximum(dist, 1e-3) / np.maximum((short > 0).sum(axis=1), 1)[:, None]
        )
        x += (dx * push).sum(axis=1)
        y += (dy * push).sum(axis=1)
    return {n: (round(float(x[i]), 1), round(float(y[i]), 1)) for i, n in enumerate(names)}


def cluster_radius(n: int) -> float:
    """The radius of the ring an opened group's n places are drawn on."""
    return 22.0 * math.sqrt(n) + 18.0 if n > 1 else 0.0


def extent(n: int) -> float:
    """Half the side of the square n nodes are drawn in."""
    return 60.0 * math.sqrt(n) + 100.0


BACKBONE = 5  # the layout pulls along each node's strongest edges: what the network draws first
KIN = 1.5  # and, a little, towards the other nodes of its province


def backbone(edges: Mapping[tuple[str, str], int], top: int = BACKBONE) -> list[tuple[str, str, int]]:
    """The edges among the `top` strongest of either end (ties by the other end's id).

    >>> backbone({("a", "b"): 3, ("a", "c"): 1, ("b", "c"): 2}, top=1)
    [('a', 'b', 3), ('b', 'c', 2)]
    """
    by: dict[str, list[tuple[int, str, tuple[str, str]]]] = {}
    for (a, b), w in edges.items():
        by.setdefault(a, []).append((-w, b, (a, b)))
        by.setdefault(b, []).append((-w, a, (a, b)))
    keep = {key for found in by.values() for _, _, key in sorted(found)[:top]}
    return [(a, b, edges[(a, b)]) for a, b in sorted(keep)]


def place_positions(
    ids: list[str],
    group_of: Mapping[str, str],
    edges: Mapping[tuple[str, str], int],
    province_of: Mapping[str, str],
    size_of: Mapping[str, int],
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """(place -> position, group -> position). With one place a group (place mode) both are the same.
    ids: the places in the order they are spread around their group (the biggest first);
    province_of: group -> its province (groups of a province are drawn near each other);
    size_of: group -> its practices (what its node's size shows)."""
    group_ids = list(dict.fromkeys(group_of[i] for i in ids))
    between: dict[tuple[str, str], int] = {}
    for (a, b), w in edges.items():
        ga, gb = group_of[a], group_of[b]
        if ga != gb:
            key = (ga, gb) if ga < gb else (gb, ga)
            between[key] = between.get(key, 0) + w
    pull = [(a, b, 1.0 + math.log1p(w)) for a, b, w in backbone(between)]
    kin: dict[str, list[str]] = {}
    for g in group_ids:
        kin.setdefault(province_of[g], []).append(g)
    pull += [(a, b, KIN) for same in kin.values() for n, a in enumerate(same) for b in same[n + 1 :]]
    members: dict[str, list[str]] = {}
    for i in ids:
        members.setdefault(group_of[i], []).append(i)
    room = radii({g: size_of[g] for g in group_ids})
    if len(group_ids) < len(ids):  # an opened group's places need their ring's room, nearly
        room = {g: max(r, 0.8 * cluster_radius(len(members[g]))) for g, r in room.items()}
    gpos = separate(spring(group_ids, pull, extent(len(group_ids))), room)
    if len(group_ids) == len(ids):
        return {i: gpos[group_of[i]] for i in ids}, gpos
    pos: dict[str, tuple[float, float]] = {}
    for g, inside in members.items():
        # a sunflower around the group's position, the places in the given order (biggest first): a
        # force layout per group would cost a layout each, hundreds of them at 10k articles
        radius = cluster_radius(len(inside))
        gx, gy = gpos[g]
        for i, (x, y) in ring(inside, radius).items():
            pos[i] = (round(gx + x, 1), round(gy + y, 1))
    return pos, gpos
