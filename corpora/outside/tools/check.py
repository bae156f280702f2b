#!/usr/bin/env python3
"""Checks an annotated JSONL corpus: offsets inside the text, on character
boundaries (byte offsets must not split a UTF-8 sequence), spans non-empty,
PHI spans not overlapping each other, optional ranges inside their span,
keep spans not overlapping PHI, unique ids. With --show, prints every text
with PHI in [[...]] and keeps in {{...}} for review.

usage: check.py FILE.jsonl [--show]
"""
import json, sys

def main():
    path = sys.argv[1]; show = "--show" in sys.argv
    bad = 0; ids = set(); n = 0; spans = 0
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        note = json.loads(line); n += 1
        t = note["text"]; unit = note.get("offsets", "bytes")
        if note["id"] in ids:
            print(f"line {ln}: duplicate id"); bad += 1
        ids.add(note["id"])
        if unit == "bytes":
            b = t.encode("utf-8"); length = len(b)
            def boundary(i): return i == length or (b[i] & 0xC0) != 0x80
        else:
            length = len(t)
            def boundary(i): return True
        def chk(kind, a):
            nonlocal bad
            s, e = a["start"], a["end"]
            if not (0 <= s < e <= length) or not boundary(s) or not boundary(e):
                print(f"{note['id']}: bad {kind} span {s}..{e}"); bad += 1; return
            for o in a.get("optional", []):
                if not (s <= o[0] < o[1] <= e):
                    print(f"{note['id']}: optional {o} outside {s}..{e}"); bad += 1
        for a in note["phi"]: chk("phi", a)
        for a in note["keep"]: chk("keep", a)
        ph = sorted((a["start"], a["end"]) for a in note["phi"])
        for x, y in zip(ph, ph[1:]):
            if y[0] < x[1]:
                print(f"{note['id']}: overlapping phi {x} {y}"); bad += 1
        for k in note["keep"]:
            for p in ph:
                if k["start"] < p[1] and p[0] < k["end"]:
                    print(f"{note['id']}: keep {k['start']}..{k['end']} overlaps phi {p}"); bad += 1
        spans += len(ph)
        if show:
            marks = []
            for a in note["phi"]: marks += [(a["start"], 1, "[["), (a["end"], 0, "]]")]
            for a in note["keep"]: marks += [(a["start"], 1, "{{"), (a["end"], 0, "}}")]
            out = t if unit == "chars" else t
            for pos, _, m in sorted(marks, key=lambda x: (-x[0], x[1])):
                out = out[:pos] + m + out[pos:]
            print(f"=== {note['id']} ({len(note['phi'])} phi)")
            print(out.replace("\r\n", "\n").replace("\r", "\n"))
    print(f"{path}: {n} notes, {spans} phi spans, {bad} problems", file=sys.stderr)
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
