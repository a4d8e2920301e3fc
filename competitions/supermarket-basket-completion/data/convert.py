"""Builds data/supermarket_baskets.csv.gz from weka's supermarket.arff (run with Debian's /usr/bin/python3).

Reproduce (does not install weka, which would pull in Java):

    cd /tmp && apt-get download weka=3.6.14-3 && dpkg-deb -x weka_3.6.14-3_all.deb weka-x
    /usr/bin/python3 competitions/supermarket-basket-completion/data/convert.py \
        /tmp/weka-x/usr/share/doc/weka/examples/supermarket.arff \
        competitions/supermarket-basket-completion/data/supermarket_baskets.csv.gz

Each arff row is one shopping basket: 216 department flags (`t` = bought, `?` = not) and `total`
(`low`/`high` spend). The script
  * turns department names into slugs (lower case, runs of other characters become `_`), all distinct;
  * drops exact duplicate baskets (keeps the first), because a duplicate in train would reveal a test
    basket's hidden departments;
  * keeps baskets with at least MIN_ITEMS departments, so that at least MIN_ITEMS - HIDDEN stay visible;
  * hides HIDDEN departments per basket, drawn uniformly without replacement with
    numpy.random.default_rng(SEED); `basket` lists the visible departments, `missing` the hidden ones,
    both space-separated in the arff's department order;
  * drops `total`: the spend class is computed from the full basket, hidden departments included.
The output is gzip with mtime 0, so the same input gives the same bytes.
"""
import csv
import gzip
import io
import re
import sys

import numpy as np

SEED = 20261201
HIDDEN = 3
MIN_ITEMS = 5


def read_arff(path):
    names, rows, in_data = [], [], False
    with open(path, encoding="latin-1") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("%"):
                continue
            if in_data:
                rows.append(line.split(","))
            elif line.lower().startswith("@attribute"):
                names.append(re.match(r"@attribute\s+'([^']*)'", line).group(1))
            elif line.lower() == "@data":
                in_data = True
    return names, rows


def slug(name):
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def main(arff, out):
    names, rows = read_arff(arff)
    assert names[-1] == "total" and len(names) == 217, names[-1]
    departments = [slug(n) for n in names[:-1]]
    assert len(set(departments)) == len(departments), "department slugs collide"
    rng = np.random.default_rng(SEED)
    seen, kept = set(), []
    for row in rows:
        assert len(row) == 217 and row[-1] in ("low", "high"), row[-1]
        items = tuple(i for i, v in enumerate(row[:-1]) if v == "t")
        if items in seen or len(items) < MIN_ITEMS:
            seen.add(items)
            continue
        seen.add(items)
        hidden = set(rng.choice(len(items), size=HIDDEN, replace=False).tolist())
        visible = [departments[items[j]] for j in range(len(items)) if j not in hidden]
        missing = [departments[items[j]] for j in range(len(items)) if j in hidden]
        kept.append((" ".join(visible), " ".join(missing)))
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["basket", "missing"])
    writer.writerows(kept)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(text.getvalue().encode("utf-8"))
    print(f"{len(rows)} baskets read, {len(kept)} written to {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
