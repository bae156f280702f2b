#!/usr/bin/env python3
"""Builds corpora/outside/fhir.jsonl from the FHIR R4 example resources
that smart-on-fhir/client-py ships in tests/data/examples (the examples of
the FHIR specification, see ../SOURCES.md).

Each resource is re-serialised (pretty with two-space indent, every third
one minified) by a serialiser that records the offsets of every string;
PHI is then annotated by element (HumanName, Address, ContactPoint,
Identifier, dates, patient ids and references, reference displays) and the
values found are looked up again in the XHTML narrative. Every document was
then reviewed by eye with tools/check.py --show; the corrections found are
the OVERRIDES below. Offsets are code points ("offsets": "chars").

usage: annotate_fhir.py EXAMPLES_DIR OUT.jsonl
"""
import json, os, re, sys
from datetime import date

REF = date(2026, 11, 22)
US_STATES = set("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR".split())
FILES = """patient-example.json patient-example-a.json patient-example-b.json patient-example-c.json
patient-example-d.json patient-example-animal.json patient-example-chinese.json patient-example-dicom.json
patient-example-f001-pieter.json patient-example-f201-roel.json patient-example-ihe-pcd.json
patient-example-infant-fetal.json patient-example-infant-mom.json patient-example-infant-twin-1.json
patient-example-infant-twin-2.json patient-example-mom.json patient-example-newborn.json
patient-example-proband.json patient-example-xcda.json patient-example-xds.json patient-genetics-example1.json
patient-glossy-example.json patient-examples-general.json person-example.json person-example-f002-ariadne.json
practitioner-example.json practitioner-example-f001-evdb.json practitioner-example-f002-pv.json
practitioner-example-f003-mv.json practitioner-example-f004-rb.json practitioner-example-f005-al.json
practitioner-example-f006-rvdb.json practitioner-example-f007-sh.json practitioner-example-f201-ab.json
practitioner-example-f202-lm.json practitioner-example-f203-jvg.json practitioner-example-f204-ce.json
practitioner-example-xcda1.json practitioner-example-xcda-author.json practitionerrole-example.json
relatedperson-example.json relatedperson-example-f001-sarah.json relatedperson-example-f002-ariadne.json
relatedperson-example-newborn-mom.json relatedperson-example-peter.json encounter-example.json
encounter-example-emerg.json encounter-example-f001-heart.json encounter-example-f201-20130404.json
encounter-example-home.json encounter-example-xcda.json bundle-example.json
account-example-with-guarantor.json coverage-example.json coverage-example-2.json
observation-example-f001-glucose.json observation-example-bloodpressure.json
observation-example-heart-rate.json observation-example-date-lastmp.json observation-example-vitals-panel.json""".split()

PERSON_TYPES = ("Patient", "RelatedPerson", "Person")
NAME_REF_TYPES = ("Patient", "RelatedPerson", "Person", "Practitioner", "PractitionerRole")
DATE = re.compile(r"^(\d{4})-(\d{2})(-(\d{2}))?(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$")

class Ser:
    def __init__(self, minify):
        self.parts = []; self.n = 0; self.strings = []; self.minify = minify
    def w(self, s):
        self.parts.append(s); self.n += len(s)
    def value(self, v, path, parents, level):
        nl = "" if self.minify else "\n"
        ind = lambda l: "" if self.minify else "  " * l
        if isinstance(v, dict):
            if not v: self.w("{}"); return
            self.w("{" + nl)
            for i, (k, x) in enumerate(v.items()):
                self.w(ind(level + 1)); self.w(json.dumps(k, ensure_ascii=False))
                self.w(":" if self.minify else ": ")
                self.value(x, path + [k], parents + [v], level + 1)
                self.w(("," if i < len(v) - 1 else "") + nl)
            self.w(ind(level) + "}")
        elif isinstance(v, list):
            if not v: self.w("[]"); return
            self.w("[" + nl)
            for i, x in enumerate(v):
                self.w(ind(level + 1)); self.value(x, path + [i], parents + [v], level + 1)
                self.w(("," if i < len(v) - 1 else "") + nl)
            self.w(ind(level) + "]")
        elif isinstance(v, str):
            enc = json.dumps(v, ensure_ascii=False)
            s = self.n + 1
            self.w(enc)
            self.strings.append((path, parents, s, self.n - 1, v, enc[1:-1]))
        else:
            self.w(json.dumps(v, ensure_ascii=False))

def resource_of(parents):
    for p in reversed(parents):
        if isinstance(p, dict) and "resourceType" in p: return p
    return {}

def annotate(res, minify):
    ser = Ser(minify); ser.value(res, [], [], 0)
    text = "".join(ser.parts)
    phi = []; keep = []; found = {}  # value -> entity, for the narrative
    def add(ent, s, e, opt=None, remember=None):
        a = {"entity": ent, "start": s, "end": e}
        if opt: a["optional"] = opt
        phi.append(a)
        if remember: found[remember] = ent
    divs = []
    for (path, parents, s, e, v, raw) in ser.strings:
        keys = [k for k in path if isinstance(k, str)]
        k = keys[-1] if keys else None
        parent = parents[-1] if parents else {}
        owner = parents[-2] if len(parents) >= 2 and isinstance(parent, list) else parent
        r = resource_of(parents)
        rtype = r.get("resourceType")
        if k == "div" and len(keys) >= 2 and keys[-2] == "text":
            divs.append((s, e, raw)); continue
        m = DATE.match(v)
        if m and k not in ("id", "reference", "value") or (m and k == "value" and "valueDateTime" in keys):
            y, mo = int(m.group(1)), int(m.group(2)); d = int(m.group(4) or 1)
            opt = []
            birth = k == "birthDate"
            try:
                born = date(y, mo, d)
                age = REF.year - y - ((REF.month, REF.day) < (mo, d))
            except ValueError:
                age = 0
            if not (birth and age >= 90): opt.append([s, s + 4])
            tpos = raw.find("T")
            if tpos > 0: opt.append([s + tpos, e])
            add("DATE_TIME", s, e, opt, remember=v[:10])
            continue
        # HumanName
        name_owner = None
        if len(keys) >= 2 and keys[-2] == "name" and isinstance(owner, dict) and k in ("family", "given", "text"):
            name_owner = owner
        if name_owner is not None and rtype not in ("Organization", "Location", "HealthcareService"):
            add("PERSON", s, e, remember=v)
            continue
        if len(keys) >= 2 and keys[-2] == "address" or (len(keys) >= 2 and keys[-2] == "line" ):
            pass
        if "address" in keys[-2:] or (len(keys) >= 2 and keys[-1] == "line" and "address" in keys):
            ent = {"line": "STREET_ADDRESS", "city": "CITY", "district": "COUNTY",
                   "postalCode": "ZIP_CODE", "text": "STREET_ADDRESS"}.get(k)
            if ent:
                add(ent, s, e, remember=v); continue
            if k == "state" and v in US_STATES:
                keep.append({"entity": "US_STATE", "start": s, "end": e}); continue
            if k == "country":
                keep.append({"entity": "COUNTRY", "start": s, "end": e}); continue
        if k == "value" and "telecom" in keys and isinstance(parent, dict):
            sysv = parent.get("system", "phone")
            ent = {"email": "EMAIL_ADDRESS", "fax": "FAX_NUMBER", "url": "URL"}.get(sysv, "PHONE_NUMBER")
            add(ent, s, e, remember=v); continue
        if k == "value" and "identifier" in keys and isinstance(parent, dict) and "system" in parent or (k == "value" and keys[-2:] == ["identifier", "value"]):
            sysv = parent.get("system", "") if isinstance(parent, dict) else ""
            ent = "US_SSN" if "ssn" in sysv else ("MEDICAL_RECORD_NUMBER" if rtype in PERSON_TYPES else "ID_NUMBER")
            add(ent, s, e, remember=v); continue
        if k == "value" and len(keys) >= 2 and keys[-2].lower().endswith("identifier"):
            add("ID_NUMBER", s, e, remember=v); continue
        if k == "id" and len(keys) == 1 + (keys.index("resource") + 1 if "resource" in keys else 0) and rtype in PERSON_TYPES:
            add("ID_NUMBER", s, e, remember=v); continue
        if k in ("reference", "fullUrl"):
            mm = re.search(r"(?:^|/)(Patient|RelatedPerson|Person)/([^/]+)(/_history/.*)?$", v)
            if mm:
                i = raw.find(mm.group(2), raw.find(mm.group(1) + "/"))
                add("ID_NUMBER", s + i, s + i + len(mm.group(2)), remember=("REF", mm.group(1), mm.group(2))); continue
        if k == "display" and isinstance(parent, dict):
            ref = parent.get("reference", "")
            if any(re.search(r"(^|/)%s/" % t, ref) for t in NAME_REF_TYPES):
                add("PERSON", s, e, remember=v); continue
    # the narrative: dates as the narrative generators write them, then the
    # values found in structured fields, again
    MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    NDATE = re.compile(r"\b(?:\d{1,2}/\d{1,2}/(\d{4})|(\d{4})-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?"
                       r"|\d{1,2} " + MON + r" (\d{4})|" + MON + r" \d{1,2},? (\d{4}))\b")
    for (ds, de, raw) in divs:
        for m in NDATE.finditer(raw):
            s, e = ds + m.start(), ds + m.end()
            g = next(i for i in range(1, 5) if m.group(i))
            add("DATE_TIME", s, e, [[ds + m.start(g), ds + m.end(g)]])
    for (ds, de, raw) in divs:
        for v, ent in sorted(found.items(), key=lambda x: -len(x[0][-1] if isinstance(x[0], tuple) else x[0])):
            if isinstance(v, tuple):
                # a referenced patient's id: only as "Patient/id" or "@id"
                pat = r"(?:(?<=%s/)|(?<=@))%s(?![\w-])" % (v[1], re.escape(v[2]))
            elif len(v) < 2:
                continue
            else:
                pat = r"(?<![\w])" + re.escape(v) + r"(?![\w])"
            for m in re.finditer(pat, raw):
                s, e = ds + m.start(), ds + m.end()
                if any(a["start"] < e and s < a["end"] for a in phi): continue
                if ent == "DATE_TIME":
                    add(ent, s, e, [[s, s + 4]])
                else:
                    add(ent, s, e)
    return text, phi, keep

# Corrections found in review: (file, text inside the narrative or a value,
# occurrence, entity or None to drop a span there).
# Occurrence 0 means every occurrence not yet annotated.
OVERRIDES = [
    ("patient-example.json", "534 Erewhon", 0, "STREET_ADDRESS"),
    ("patient-example.json", "Pleasantville", 0, "CITY"),
    ("person-example.json", "534 Erewhon", 0, "STREET_ADDRESS"),
    ("person-example.json", "Pleasantville", 0, "CITY"),
    ("relatedperson-example-peter.json", "534 Erewhon", 0, "STREET_ADDRESS"),
    ("relatedperson-example-peter.json", "Pleasantville", 0, "CITY"),
    ("patient-example-animal.json", "534 Erewhon", 0, "STREET_ADDRESS"),
    ("patient-example-animal.json", "Pleasantville", 0, "CITY"),
    ("patient-example-animal.json", "3999", 0, "ZIP_CODE"),
    ("patient-example-chinese.json", "上海市黄埔区马当路190号", 0, "STREET_ADDRESS"),
    ("patient-example-chinese.json", "1974年12月25日", 0, "DATE_TIME"),
    ("patient-example-ihe-pcd.json", "Albert Brooks", 0, "PERSON"),
    ("patient-example-xds.json", "27-May 1956", 0, "DATE_TIME"),
    ("patient-glossy-example.json", "24-Sept 1932", 0, "DATE_TIME"),
    ("patient-example-proband.json", "Annie Proband", 0, "PERSON"),
    ("patient-example-a.json", "DUCK", 0, "PERSON"),
    ("patient-example-b.json", "D DUCK", 0, "PERSON"),
    ("practitioner-example.json", "1-Jan 2012", 0, "DATE_TIME"),
    ("practitioner-example.json", "31-Mar", 0, "DATE_TIME"),
    ("practitionerrole-example.json", "Adam Careful", 0, "PERSON"),
    ("practitionerrole-example.json", "1-Jan 2012", 0, "DATE_TIME"),
    ("practitionerrole-example.json", "31-Mar", 0, "DATE_TIME"),
]

def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(out, "w", encoding="utf-8") as f:
        for i, name in enumerate(FILES):
            res = json.load(open(os.path.join(src, name), encoding="utf-8"))
            text, phi, keep = annotate(res, minify=(i % 3 == 2))
            for (fname, v, occ, ent) in OVERRIDES:
                if fname != name: continue
                hits = [m.start() for m in re.finditer(re.escape(v), text)]
                if not hits: raise SystemExit(f"override {v!r} not in {name}")
                if occ: hits = hits[occ - 1:occ]
                for j in hits:
                    if ent is None:
                        phi = [a for a in phi if not (a["start"] <= j < a["end"])]
                    elif not any(a["start"] < j + len(v) and j < a["end"] for a in phi):
                        phi.append({"entity": ent, "start": j, "end": j + len(v)})
            phi.sort(key=lambda a: (a["start"], a["end"])); keep.sort(key=lambda a: a["start"])
            nid = "fhir-" + name[:-5]
            f.write(json.dumps({"id": nid, "kind": "fhir_json", "offsets": "chars", "text": text,
                                "phi": phi, "keep": keep}, ensure_ascii=False) + "\n")

if __name__ == "__main__":
    main()
