#!/usr/bin/env python3
"""Compare CLV Studio result tables as multisets of rows.

    compare-tables.py [options] EXPECTED RESULT

EXPECTED and RESULT are two CSV files, or two folders; for folders the tables
output_t1.txt, output_ltv_specs.txt and output_ltv_final.txt are compared (or the
ones named with --table, which may be repeated).

Rules (SPEC §3, seed-reference/README.md):
  * header lines must be identical;
  * row order is ignored (multisets of rows);
  * booleans True/true and False/false are the same;
  * a column whose values are all numbers and not all integers is compared as
    floating point, within --rel-tol (default 1e-9) relative; every other column
    is compared exactly as text.

Exit status: 0 equal, 1 different, 2 usage or read error.
"""

import argparse
import collections
import csv
import math
import os
import sys

DEFAULT_TABLES = ("output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt")


def normalise_booleans(text):
    """Spell boolean fields True/False (DuckDB writes true/false); text is '\n'-framed."""
    for lower, title in (("true", "True"), ("false", "False")):
        for left in ",\n":
            for right in ",\n":
                old, new = left + lower + right, left + title + right
                while old in text:      # twice for adjacent fields (",true,true,")
                    text = text.replace(old, new)
    return text


def read_table(path):
    """Header fields and the data lines (text), booleans spelt True/False."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    text = normalise_booleans("\n" + text.replace("\r\n", "\n") + "\n")
    lines = [ln for ln in text.split("\n") if ln]
    if not lines:
        raise ValueError(f"{path}: empty file (no header line)")
    return next(csv.reader([lines[0]])), lines[1:]


def multiset_difference(a, b):
    """(a - b, b - a) for two lists of strings taken as multisets."""
    a, b = sorted(a), sorted(b)
    if a == b:
        return [], []
    only_a, only_b = [], []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
        elif a[i] < b[j]:
            only_a.append(a[i])
            i += 1
        else:
            only_b.append(b[j])
            j += 1
    only_a.extend(a[i:])
    only_b.extend(b[j:])
    return only_a, only_b


def parse_rows(path, lines, ncols):
    rows = list(csv.reader(lines))
    for r in rows:
        if len(r) != ncols:
            raise ValueError(f"{path}: row {','.join(r)!r} has {len(r)} fields, header has {ncols}")
    return rows


def is_int_text(v):
    v = v.strip()
    if v[:1] in "+-":
        v = v[1:]
    return v.isdigit()


def parse_float(v):
    try:
        return float(v)
    except ValueError:
        return None


def float_columns(ncols, *bodies):
    """Columns where every value parses as a float and at least one is not an integer."""
    result = []
    for c in range(ncols):
        values = [r[c] for body in bodies for r in body]
        if values and all(parse_float(v) is not None for v in values) \
                and not all(is_int_text(v) for v in values):
            result.append(c)
    return result


def close(a, b, rel_tol):
    if a == b:
        return True
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-12)


def compare_table(expected_path, result_path, rel_tol, max_report):
    """Returns a list of problem descriptions (empty when the tables agree)."""
    eh, e_lines = read_table(expected_path)
    rh, r_lines = read_table(result_path)
    if eh != rh:
        return [f"header differs: expected {','.join(eh)!r}, got {','.join(rh)!r}"]

    # Fast path: identical lines (the usual case) are matched in bulk as text.
    only_e, only_r = multiset_difference(e_lines, r_lines)
    eb = parse_rows(expected_path, only_e, len(eh))
    rb = parse_rows(result_path, only_r, len(eh))

    # The rest: exact fields must be equal, float columns within the tolerance.
    fcols = float_columns(len(eh), eb, rb)
    fset = set(fcols)

    def split(r):
        return (tuple("" if i in fset else v for i, v in enumerate(r)),
                tuple(float(r[i]) for i in fcols))

    # What remains is matched within groups of equal exact fields, floats within tolerance.
    pending = collections.defaultdict(list)
    for r in rb:
        key, floats = split(r)
        pending[key].append(floats)
    missing, extra = [], []   # rows only in expected / only in result
    for r in eb:
        key, floats = split(r)
        candidates = pending.get(key, [])
        for j, cand in enumerate(candidates):
            if all(close(a, b, rel_tol) for a, b in zip(floats, cand)):
                del candidates[j]
                break
        else:
            missing.append((key, floats))
    for key, rest in pending.items():
        extra.extend((key, floats) for floats in rest)

    def show(key, floats):
        fields = list(key)
        for c, v in zip(fcols, floats):
            fields[c] = repr(v)
        return ",".join(fields)

    problems = []
    if len(e_lines) != len(r_lines):
        problems.append(f"row count differs: expected {len(e_lines)}, got {len(r_lines)}")
    if missing or extra:
        problems.append(f"{len(missing)} expected row(s) not found, {len(extra)} unexpected row(s)")
        for key, floats in sorted(missing)[:max_report]:
            problems.append(f"  missing:    {show(key, floats)}")
        for key, floats in sorted(extra)[:max_report]:
            problems.append(f"  unexpected: {show(key, floats)}")
    return problems


def main():
    ap = argparse.ArgumentParser(
        description="Compare CLV result tables as multisets of rows "
                    "(booleans case-insensitive, floats within a relative tolerance).")
    ap.add_argument("expected", help="expected table file, or folder of tables")
    ap.add_argument("result", help="result table file, or folder of tables")
    ap.add_argument("--table", action="append", metavar="NAME",
                    help="for folders: table file to compare (repeatable; default: "
                         + ", ".join(DEFAULT_TABLES) + ")")
    ap.add_argument("--rel-tol", type=float, default=1e-9,
                    help="relative tolerance for floating-point columns (default 1e-9)")
    ap.add_argument("--max-report", type=int, default=10,
                    help="differing rows to print per table and side (default 10)")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only differences")
    args = ap.parse_args()

    e_dir, r_dir = os.path.isdir(args.expected), os.path.isdir(args.result)
    if e_dir != r_dir:
        ap.error("EXPECTED and RESULT must both be files or both be folders")
    if e_dir:
        pairs = [(os.path.join(args.expected, t), os.path.join(args.result, t))
                 for t in (args.table or DEFAULT_TABLES)]
    else:
        if args.table:
            ap.error("--table applies to folders only")
        pairs = [(args.expected, args.result)]

    status = 0
    for e, r in pairs:
        try:
            problems = compare_table(e, r, args.rel_tol, args.max_report)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            print(f"compare-tables: {exc}", file=sys.stderr)
            return 2
        if problems:
            status = 1
            print(f"DIFFER  {r} vs {e}")
            for p in problems:
                print(f"  {p}")
        elif not args.quiet:
            print(f"same    {r} vs {e}")
    return status


if __name__ == "__main__":
    sys.exit(main())
