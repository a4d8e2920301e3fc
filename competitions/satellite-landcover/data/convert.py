"""Builds data/satellite_blocks.csv.gz from mlbench's Satellite (StatLog Landsat, 6,435 pixels x 36 values + class).

Reproduce (needs r-base-core and r-cran-mlbench 2.1-3-1; run with Debian's /usr/bin/python3):

    Rscript --vanilla -e 'library(mlbench); data(Satellite); write.csv(Satellite, "/tmp/satellite.csv", row.names = FALSE)'
    /usr/bin/python3 competitions/satellite-landcover/data/convert.py /tmp/satellite.csv \
        competitions/satellite-landcover/data/satellite_blocks.csv.gz

Every row is the 3x3 neighbourhood (4 spectral bands per pixel) of one pixel of a single 82 x 100 Landsat scene.
Neighbouring rows share 6 of their 9 pixels, and 97% of the StatLog test rows have such a neighbour in the StatLog
training rows (almost as many as under a random split), so neither split keeps overlapping pixels apart. This script
  1. puts every row back at its place in the scene: row B is the right (lower) neighbour of row A when B's left two
     (top two) pixel columns (rows) equal A's right two (bottom two); only pairs that match one way and the other
     are used. All 6,435 rows but one fall into one connected grid without a single conflict;
  2. cuts the scene into blocks of 14 columns x 20 rows and draws whole blocks for the test part with
     numpy.random.default_rng(SEED), the first draw (over SEED, SEED+1, ...) that gives every class 15-45% of its
     rows in test and 25-35% of all rows;
  3. drops the training rows whose neighbourhood shares a pixel with a test row's (centres within 2 pixels both
     ways), so no pixel value is seen on both sides;
  4. writes the 36 values, the class and `part` (1 = train, 2 = test; the spec splits on it and drops it), with no
     coordinates. The output is gzip with mtime 0, so the same input gives the same bytes.
"""
import csv
import gzip
import io
import sys
from collections import defaultdict, deque

import numpy as np

SEED = 20261201
BLOCK_W, BLOCK_H = 14, 20


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    assert header[:36] == [f"x.{i}" for i in range(1, 37)] and header[36] == "classes", header
    return header, rows


def positions(values):
    """Grid position (component, x, y) of every neighbourhood, from the pixels neighbours share."""
    p = values.reshape(-1, 3, 3, 4)  # row, column, band of the 3x3 neighbourhood

    def keys(rows, cols):
        return [p[i][rows, cols].tobytes() for i in range(len(p))]

    right, left = keys(slice(None), slice(1, 3)), keys(slice(None), slice(0, 2))
    down, up = keys(slice(1, 3), slice(None)), keys(slice(0, 2), slice(None))

    def index(ks):
        out = defaultdict(list)
        for i, k in enumerate(ks):
            out[k].append(i)
        return out

    by_left, by_right, by_up, by_down = index(left), index(right), index(up), index(down)
    edges = defaultdict(list)
    for i in range(len(p)):
        for mine, theirs, back, dx, dy in ((right, by_left, by_right, 1, 0), (down, by_up, by_down, 0, 1)):
            found = [j for j in theirs[mine[i]] if j != i]
            if len(found) == 1 and [k for k in back[(left if dx else up)[found[0]]] if k != found[0]] == [i]:
                edges[i].append((found[0], dx, dy))
                edges[found[0]].append((i, -dx, -dy))
    where, component = {}, 0
    for start in range(len(p)):
        if start in where:
            continue
        where[start] = (component, 0, 0)
        queue = deque([start])
        while queue:
            i = queue.popleft()
            for j, dx, dy in edges[i]:
                place = (component, where[i][1] + dx, where[i][2] + dy)
                if j in where:
                    assert where[j] == place, f"rows {i} and {j} do not fit one grid"
                else:
                    where[j] = place
                    queue.append(j)
        component += 1
    return np.array([where[i] for i in range(len(p))])


def main(source, out):
    header, rows = read(source)
    values = np.array([[int(float(v)) for v in r[:36]] for r in rows])
    labels = np.array([r[36] for r in rows])
    where = positions(values)
    main_component = np.bincount(where[:, 0]).argmax()
    in_grid = where[:, 0] == main_component
    x, y = where[:, 1] - where[in_grid, 1].min(), where[:, 2] - where[in_grid, 2].min()
    block = np.where(in_grid, (x // BLOCK_W) * 100 + y // BLOCK_H, -1)
    blocks = np.unique(block[block >= 0])
    classes = np.unique(labels)
    seed = SEED
    while True:
        rng = np.random.default_rng(seed)
        chosen = rng.permutation(blocks)[: int(round(0.3 * len(blocks)))]
        test = np.isin(block, chosen)
        shares = [test[labels == c].mean() for c in classes]
        if 0.25 <= test.mean() <= 0.35 and all(0.15 <= s <= 0.45 for s in shares):
            break
        seed += 1
    # A training row whose centre is within 2 pixels (both ways) of a test row's centre shares a pixel with it.
    test_cells = {(x[i], y[i]) for i in np.flatnonzero(test)}
    near = np.array([
        not test[i] and in_grid[i] and any((x[i] + dx, y[i] + dy) in test_cells for dx in range(-2, 3) for dy in range(-2, 3))
        for i in range(len(rows))
    ])
    keep = ~near
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header[:37] + ["part"])
    for i in np.flatnonzero(keep):
        writer.writerow(rows[i][:37] + ["2" if test[i] else "1"])
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(text.getvalue().encode("utf-8"))
    print(f"seed {seed}: {len(chosen)} of {len(blocks)} blocks in test; {test.sum()} test rows, "
          f"{(keep & ~test).sum()} train rows ({near.sum()} dropped next to test blocks); rows outside the grid: {(~in_grid).sum()}")
    for c, s in zip(classes, shares):
        print(f"  {c}: {s:.2f} of its rows in test")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
