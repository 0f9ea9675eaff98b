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
ITERATIONS = 100
DENSE_MAX = 500  # networkx uses its dense (numpy) layout below this size


def spring(
    nodes: list[str], edges: Iterable[tuple[str, str, float]], scale: float, seed: int = SEED
) -> dict[str, tuple[float, float]]:
    """Seeded force-directed positions within [-scale, scale]²; a spiral above DENSE_MAX nodes.

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
    weights = np.zeros((n, n))
    for a, b, w in edges:
        if a != b and a in at and b in at:
            weights[at[a], at[b]] = weights[at[b], at[a]] = 1.0 + math.log1p(w)
    pos = np.random.default_rng(seed).random((n, 2))
    k = 1.6 / math.sqrt(n)  # a little more room than the usual 1/sqrt(n): labels need it
    t = 0.1
    dt = t / (ITERATIONS + 1)
    for _ in range(ITERATIONS):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=-1))
        np.clip(dist, 0.01, None, out=dist)
        disp = np.einsum("ijk,ij->ik", delta, k * k / dist**2 - weights * dist / k)
        length = np.sqrt((disp**2).sum(axis=-1))
        np.clip(length, 0.01, None, out=length)
        pos += disp * (t / length)[:, None]
        t -= dt
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


def extent(n: int) -> float:
    """Half the side of the square n nodes are drawn in."""
    return 60.0 * math.sqrt(n) + 100.0


def place_positions(
    ids: list[str], group_of: Mapping[str, str], edges: Mapping[tuple[str, str], int]
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """(place -> position, group -> position). With one place a group (place mode) both are the same.
    ids: the places in the order they are spread around their group (the biggest first)."""
    group_ids = list(dict.fromkeys(group_of[i] for i in ids))
    between: dict[tuple[str, str], int] = {}
    for (a, b), w in edges.items():
        ga, gb = group_of[a], group_of[b]
        if ga != gb:
            key = (ga, gb) if ga < gb else (gb, ga)
            between[key] = between.get(key, 0) + w
    gpos = spring(group_ids, ((a, b, w) for (a, b), w in sorted(between.items())), extent(len(group_ids)))
    if len(group_ids) == len(ids):
        return {i: gpos[group_of[i]] for i in ids}, gpos
    members: dict[str, list[str]] = {}
    for i in ids:
        members.setdefault(group_of[i], []).append(i)
    pos: dict[str, tuple[float, float]] = {}
    for g, inside in members.items():
        # a sunflower around the group's position, the places in the given order (biggest first): a
        # force layout per group would cost a networkx call each, hundreds of them at 10k articles
        radius = 22.0 * math.sqrt(len(inside)) + 18.0
        gx, gy = gpos[g]
        for i, (x, y) in ring(inside, radius).items():
            pos[i] = (round(gx + x, 1), round(gy + y, 1))
    return pos, gpos
