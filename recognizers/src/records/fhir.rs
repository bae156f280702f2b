//! FHIR resources in JSON (pretty or minified) inside text.
//!
//! [`find`] reads every JSON object that holds a `resourceType` with a
//! span-keeping JSON reader and reports, by element: `HumanName` (`family`,
//! `given`, `text`; prefixes and suffixes stay), `Address` (`line`, `city`,
//! `district`, `postalCode`, `text`; `state` and `country` stay),
//! `ContactPoint.value` by `system`, `Identifier.value` (any element whose
//! name ends in "identifier"), dates with at least a month (`birthDate`,
//! `period.start`, `effectiveDateTime`, `meta.lastUpdated` …), the id of a
//! Patient, RelatedPerson or Person and the id in references to one, and the
//! `display` of references to people. The XHTML narrative (`text.div`) is
//! searched again for every value found in the resource's structured
//! elements (document-wide consistency within the resource); the free-text
//! recognizers still read it too.

use phimask_core::{Candidate, Entity, Span};

use super::dates::iso_date;
use super::json::{parse_at, Json};

const SCORE: f32 = 0.95;

/// Resource types that are about no one patient: organizations, places,
/// services, products, terminology and other definitions, and the Bundle
/// that only carries entries (FHIR R4 names).
///
/// Decision (issue 8; SAFE_HARBOR.md: identifiers of the individual, R "any
/// other unique identifying number, characteristic or code"): the id of
/// every other resource is masked as `ID_NUMBER`, as is the id in every
/// reference to one (`Patient/123`, `Practitioner/rj-031796`,
/// `Encounter/e1`, `urn:uuid:…`). Person resources (Patient, Practitioner,
/// PractitionerRole, RelatedPerson, Person) name a person; the resources
/// of one patient's record (Encounter, Observation, Condition, Coverage,
/// Account …) are keys to that patient's record, and an Encounter id
/// identifies the patient's visit. This list names the exceptions, so an
/// unknown or new resource type is masked (fail closed).
const NOT_ABOUT_A_PATIENT: &[&str] = &[
    "Bundle",
    "Organization",
    "OrganizationAffiliation",
    "Location",
    "HealthcareService",
    "Endpoint",
    "InsurancePlan",
    "Medication",
    "MedicationKnowledge",
    "Substance",
    "DeviceDefinition",
    "ValueSet",
    "CodeSystem",
    "ConceptMap",
    "NamingSystem",
    "StructureDefinition",
    "StructureMap",
    "CapabilityStatement",
    "OperationDefinition",
    "SearchParameter",
    "CompartmentDefinition",
    "ImplementationGuide",
    "GraphDefinition",
    "MessageDefinition",
    "TerminologyCapabilities",
    "Questionnaire",
    "PlanDefinition",
    "ActivityDefinition",
    "ObservationDefinition",
    "SpecimenDefinition",
    "ChargeItemDefinition",
    "EventDefinition",
    "Library",
    "Measure",
    "TestScript",
    "Subscription",
];

/// True for a resource type (`Patient`, `Encounter` …) whose ids identify
/// a person or one patient's record (see [`NOT_ABOUT_A_PATIENT`]).
fn identifies_a_person(resource_type: &str) -> bool {
    let shaped = resource_type.starts_with(|c: char| c.is_ascii_uppercase())
        && resource_type.chars().all(|c| c.is_ascii_alphabetic());
    shaped && !NOT_ABOUT_A_PATIENT.contains(&resource_type)
}
/// Reference targets whose `display` is a person's name.
const NAMED_TARGETS: &[&str] = &[
    "Patient",
    "RelatedPerson",
    "Person",
    "Practitioner",
    "PractitionerRole",
];
/// At most this many values per resource are looked up in its narrative.
const MAX_NARRATIVE_VALUES: usize = 512;

/// Finds the PHI in every FHIR JSON resource inside `text`.
///
/// Never fails: text that is not JSON, or JSON that is cut off, yields
/// only what its complete resources hold. The work is bounded by a small
/// multiple of the text's length, however many `{` it holds.
pub fn find(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    documents(text, |value, _, _| {
        let mut roots = Vec::new();
        collect_resources(value, &mut roots);
        for r in roots {
            resource(text, r, &mut out);
        }
    });
    out
}

/// Calls `f(value, start, end)` for every JSON document in `text` that
/// holds a resource. The parsing work is bounded by a small multiple of
/// the text's length.
fn documents(text: &str, mut f: impl FnMut(&Json, usize, usize)) {
    let bytes = text.as_bytes();
    if !text.contains("\"resourceType\"") {
        return;
    }
    // Parsing work allowed, in bytes read; failed attempts count too.
    let mut budget = bytes.len().saturating_mul(8).max(1 << 16);
    let mut pos = 0;
    while let Some(off) = bytes[pos..].iter().position(|&b| b == b'{') {
        let at = pos + off;
        match parse_at(text, at) {
            Ok((value, end)) => {
                budget = budget.saturating_sub(end - at);
                let mut roots = Vec::new();
                collect_resources(&value, &mut roots);
                if !roots.is_empty() {
                    f(&value, at, end);
                }
                pos = end;
            }
            Err(fail) => {
                budget = budget.saturating_sub(fail.saturating_sub(at) + 1);
                pos = at + 1;
            }
        }
        if budget == 0 || pos >= bytes.len() {
            break;
        }
    }
}

/// Where the FHIR JSON documents in `text` are, and which of their strings
/// are free text (see [`super::Region`]).
///
/// Fail closed: every string value is free text unless the structure of a
/// resource says what it is: a code-like element (`CODED`: ids, codes,
/// systems, statuses, units, references, base64 data), an extension's
/// `url`, the `display` of a Coding
/// (an object with a `code` or `system`) or of a Reference to a resource
/// `NOT_ABOUT_A_PATIENT` (an organization's name), or any string inside a
/// `HumanName`, `Address`, `ContactPoint` or `Identifier`, which [`find`]
/// reports by element. Member names, numbers and punctuation are
/// structure. So a narrative, a note, a `valueString`, a
/// `CodeableConcept.text` or the `display` of an organization stay with
/// the free-text recognizers.
pub fn regions(text: &str) -> Vec<super::Region> {
    let mut out = Vec::new();
    documents(text, |value, start, end| {
        let mut free_text = Vec::new();
        free_strings(value, &mut free_text);
        free_text.sort_unstable();
        out.push(super::Region {
            span: Span::new(start, end),
            free_text,
        });
    });
    out
}

/// Elements whose string values are codes, identifiers of things, URIs or
/// base64 data, never prose (FHIR R4 element names).
const CODED: &[&str] = &[
    "resourceType",
    "id",
    "system",
    "code",
    "version",
    "versionId",
    "status",
    "use",
    "unit",
    "reference",
    "fullUrl",
    "profile",
    "gender",
    "language",
    "type",
    "mode",
    "intent",
    "priority",
    "comparator",
    "contentType",
    "data",
    "lastUpdated",
    "valueCode",
    "valueUri",
    "valueUrl",
    "valueCanonical",
    "valueId",
    "valueOid",
    "valueUuid",
    "valueBase64Binary",
];

/// True for the elements [`find`] reads whole by their type: HumanName,
/// Address, ContactPoint, Identifier.
fn read_by_type(key: &str, v: &Json) -> bool {
    matches!(v, Json::Object(_))
        && (matches!(key, "name" | "address" | "telecom")
            || key.to_ascii_lowercase().ends_with("identifier"))
}

/// Collects the spans of free-text strings under `root`, walking with an
/// explicit stack of (value, its parent object, member name, inside a
/// resource, inside an element read by type). Strings outside every
/// resource (a wrapper around one) are free text.
fn free_strings(root: &Json, out: &mut Vec<Span>) {
    type Item<'a> = (&'a Json, Option<&'a Json>, &'a str, bool, bool);
    let mut stack: Vec<Item<'_>> = vec![(root, None, "", false, false)];
    while let Some((v, parent, key, in_resource, typed)) = stack.pop() {
        match v {
            Json::Object(m) => {
                let in_resource = in_resource || v.get("resourceType").is_some();
                let typed = typed || read_by_type(key, v);
                for (k, x) in m.iter().rev() {
                    stack.push((x, Some(v), k.as_str(), in_resource, typed));
                }
            }
            Json::Array(a) => {
                for x in a.iter().rev() {
                    stack.push((x, parent, key, in_resource, typed));
                }
            }
            Json::Str { start, end, .. } if !in_resource => {
                if start < end {
                    out.push(Span::new(*start, *end));
                }
            }
            Json::Str { start, end, .. } => {
                // A Coding's label, or the name of an organization, place or
                // product a Reference points to.
                let coding_display = key == "display"
                    && parent.is_some_and(|p| {
                        p.get("code").is_some()
                            || p.get("system").is_some()
                            || p.get("reference").and_then(Json::as_str).is_some_and(|r| {
                                let t = r.rsplit('/').nth(1).unwrap_or("");
                                NOT_ABOUT_A_PATIENT.contains(&t)
                            })
                    });
                // An extension's `url` names it; any other URL (an
                // attachment's) may point at a person's record.
                let extension_url = key == "url"
                    && parent.is_some_and(|p| match p {
                        Json::Object(m) => m
                            .iter()
                            .any(|(k, _)| k.starts_with("value") || k == "extension"),
                        _ => false,
                    });
                let coded = typed
                    || coding_display
                    || extension_url
                    || (key != "url" && CODED.contains(&key));
                if !coded && start < end {
                    out.push(Span::new(*start, *end));
                }
            }
            Json::Scalar => {}
        }
    }
}

/// The outermost objects with a `resourceType` (a Bundle holds its entries;
/// they are walked with it).
fn collect_resources<'a>(v: &'a Json, out: &mut Vec<&'a Json>) {
    match v {
        Json::Object(m) => {
            if v.get("resourceType").and_then(Json::as_str).is_some() {
                out.push(v);
            } else {
                for (_, x) in m {
                    collect_resources(x, out);
                }
            }
        }
        Json::Array(a) => a.iter().for_each(|x| collect_resources(x, out)),
        _ => {}
    }
}

/// What the walk found in one resource.
struct Found<'a> {
    text: &'a str,
    out: &'a mut Vec<Candidate>,
    /// Values to look for in the narrative, with their entity.
    values: Vec<(String, Entity)>,
    /// Ids of referenced people, found in the narrative after `Type/` or `@`.
    ref_ids: Vec<String>,
    /// Spans of the narratives (`text.div`).
    divs: Vec<(usize, usize)>,
}

impl Found<'_> {
    fn push(&mut self, entity: Entity, start: usize, end: usize, pattern: &'static str) {
        if start < end && self.text.get(start..end).is_some() {
            self.out
                .push(Candidate::new(Span::new(start, end), entity, SCORE).with_pattern(pattern));
        }
    }

    fn remember(&mut self, value: &str, entity: Entity) {
        if self.values.len() < MAX_NARRATIVE_VALUES && value.chars().count() >= 2 {
            self.values.push((value.to_string(), entity));
        }
    }

    /// Reports string `v` as `entity` and remembers its value (and, for
    /// names, each word of it) for the narrative.
    fn string(&mut self, v: &Json, entity: Entity, pattern: &'static str) {
        if let Json::Str { start, end, value } = v {
            self.push(entity.clone(), *start, *end, pattern);
            if entity == Entity::DateTime {
                for form in date_forms(value) {
                    self.remember(&form, Entity::DateTime);
                }
            }
            if entity == Entity::StreetAddress {
                // "534 Erewhon St" is "534 Erewhon" in many narratives.
                let words: Vec<&str> = value.split_whitespace().collect();
                if words.len() >= 3 && words[0].starts_with(|c: char| c.is_ascii_digit()) {
                    self.remember(&words[..words.len() - 1].join(" "), Entity::StreetAddress);
                }
            }
            if entity == Entity::Person {
                for w in value.split_whitespace() {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    self.remember(w, Entity::Person);
                }
            }
            self.remember(value, entity);
        }
    }
}

/// Reports the PHI of one resource (and the resources it contains).
fn resource(text: &str, r: &Json, out: &mut Vec<Candidate>) {
    let mut f = Found {
        text,
        out,
        values: Vec::new(),
        ref_ids: Vec::new(),
        divs: Vec::new(),
    };
    walk(&mut f, r, None, "", true);
    narrative(&mut f);
}

/// Walks `v`, the value of member `key` inside resource type `rtype`;
/// `root` is true for the resource being reported. A resource nested in it
/// (a Bundle entry, a contained resource) is reported on its own, so its
/// narrative is matched against its own values: the work stays linear.
fn walk(f: &mut Found<'_>, v: &Json, rtype: Option<&str>, key: &str, root: bool) {
    match v {
        Json::Object(members) => {
            let own = v.get("resourceType").and_then(Json::as_str);
            if own.is_some() && !root {
                resource(f.text, v, f.out);
                return;
            }
            let rtype = own.or(rtype);
            match key {
                "name" => human_name(f, v),
                "address" => address(f, v),
                "telecom" => contact_point(f, v),
                k if k.to_ascii_lowercase().ends_with("identifier") => identifier(f, v),
                _ => {}
            }
            reference(f, v);
            for (k, x) in members {
                if k == "id" && own.is_some_and(identifies_a_person) {
                    f.string(x, Entity::IdNumber, "fhir_resource_id");
                    continue;
                }
                if k == "text" && x.get("div").is_some() {
                    if let Some(Json::Str { start, end, .. }) = x.get("div") {
                        f.divs.push((*start, *end));
                    }
                    continue;
                }
                walk(f, x, rtype, k, false);
            }
        }
        Json::Array(items) => {
            for x in items {
                walk(f, x, rtype, key, false);
            }
        }
        Json::Str { value, .. } => {
            if iso_date(value) && !matches!(key, "id" | "reference" | "url" | "system" | "code") {
                f.string(v, Entity::DateTime, "fhir_date");
            } else if key == "fullUrl" {
                reference_id(f, v);
            }
        }
        Json::Scalar => {}
    }
}

/// A HumanName: `family`, `given`, `text`.
fn human_name(f: &mut Found<'_>, v: &Json) {
    for part in ["family", "given", "text"] {
        match v.get(part) {
            Some(Json::Array(items)) => {
                for x in items {
                    f.string(x, Entity::Person, "fhir_human_name");
                }
            }
            Some(x) => f.string(x, Entity::Person, "fhir_human_name"),
            None => {}
        }
    }
}

/// An Address: `line`, `city`, `district`, `postalCode`, `text`.
fn address(f: &mut Found<'_>, v: &Json) {
    let parts = [
        ("line", Entity::StreetAddress),
        ("text", Entity::StreetAddress),
        ("city", Entity::City),
        ("district", Entity::County),
        ("postalCode", Entity::ZipCode),
    ];
    for (part, entity) in parts {
        match v.get(part) {
            Some(Json::Array(items)) => {
                for x in items {
                    f.string(x, entity.clone(), "fhir_address");
                }
            }
            Some(x) => f.string(x, entity, "fhir_address"),
            None => {}
        }
    }
}

/// A ContactPoint's `value`, by `system`.
fn contact_point(f: &mut Found<'_>, v: &Json) {
    let Some(value) = v.get("value") else {
        return;
    };
    let entity = match v.get("system").and_then(Json::as_str) {
        Some("email") => Entity::EmailAddress,
        Some("fax") => Entity::FaxNumber,
        Some("url") => Entity::Url,
        _ => Entity::PhoneNumber,
    };
    f.string(value, entity, "fhir_contact_point");
}

/// An Identifier's `value`: an SSN by its system, an MRN by its type.
fn identifier(f: &mut Found<'_>, v: &Json) {
    let Some(value) = v.get("value") else {
        return;
    };
    let system = v.get("system").and_then(Json::as_str).unwrap_or("");
    let mr = v
        .get("type")
        .and_then(|t| t.get("coding"))
        .is_some_and(|c| match c {
            Json::Array(cs) => cs
                .iter()
                .any(|x| x.get("code").and_then(Json::as_str) == Some("MR")),
            _ => false,
        });
    let entity = if system.contains("ssn") {
        Entity::UsSsn
    } else if mr {
        Entity::MedicalRecordNumber
    } else {
        Entity::IdNumber
    };
    f.string(value, entity, "fhir_identifier");
}

/// A Reference: the id of a referenced person, and the `display` of a
/// referenced person or practitioner.
fn reference(f: &mut Found<'_>, v: &Json) {
    let Some(r) = v.get("reference") else {
        return;
    };
    reference_id(f, r);
    let target = r.as_str().unwrap_or("");
    let named = NAMED_TARGETS
        .iter()
        .any(|t| target.starts_with(&format!("{t}/")) || target.contains(&format!("/{t}/")));
    if named {
        if let Some(d) = v.get("display") {
            f.string(d, Entity::Person, "fhir_reference_display");
        }
    }
}

/// The id in `[base/]Type/ID[/_history/…]` for a type that
/// [`identifies_a_person`], and the uuid of `urn:uuid:…` (a Bundle entry's
/// or a reference's; fail closed: its type is not in the reference).
fn reference_id(f: &mut Found<'_>, r: &Json) {
    let Json::Str { start, end, .. } = r else {
        return;
    };
    let Some(raw) = f.text.get(*start..*end) else {
        return;
    };
    if let Some(uuid) = raw.strip_prefix("urn:uuid:") {
        if !uuid.is_empty() {
            f.push(Entity::IdNumber, end - uuid.len(), *end, "fhir_reference");
            f.ref_ids.push(uuid.to_string());
        }
        return;
    }
    // A conditional reference (`Patient?identifier=sys|12345`): its
    // search parameters identify the target.
    if let Some(q) = raw.find('?') {
        let t = raw[..q].rsplit('/').next().unwrap_or("");
        if identifies_a_person(t) && q + 1 < raw.len() {
            f.push(Entity::IdNumber, start + q + 1, *end, "fhir_reference");
        }
        return;
    }
    // The path's segments before any `/_history`: the last two are Type/ID.
    let path = raw.split("/_history").next().unwrap_or(raw);
    let path = path.split('#').next().unwrap_or(path);
    let Some(slash) = path.rfind('/') else {
        return;
    };
    let (head, id) = (&path[..slash], &path[slash + 1..]);
    let t = head.rsplit('/').next().unwrap_or(head);
    if id.is_empty() || !identifies_a_person(t) {
        return;
    }
    let a = start + slash + 1;
    f.push(Entity::IdNumber, a, a + id.len(), "fhir_reference");
    f.ref_ids.push(id.to_string());
}

/// Looks for the structured values again in the narratives.
fn narrative(f: &mut Found<'_>) {
    let divs = std::mem::take(&mut f.divs);
    let mut values = std::mem::take(&mut f.values);
    values.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    values.dedup_by(|a, b| a.0 == b.0);
    let ref_ids = std::mem::take(&mut f.ref_ids);
    for (ds, de) in divs {
        let Some(div) = f.text.get(ds..de) else {
            continue;
        };
        let lower = div.to_ascii_lowercase();
        for (v, entity) in &values {
            let needle = v.to_ascii_lowercase();
            let cjk_start = v.chars().next().is_some_and(is_cjk);
            let cjk_end = v.chars().next_back().is_some_and(is_cjk);
            for (i, _) in lower.match_indices(&needle) {
                let j = i + needle.len();
                if (cjk_start || word_edge(div, i, true)) && (cjk_end || word_edge(div, j, false)) {
                    f.push(entity.clone(), ds + i, ds + j, "fhir_narrative");
                }
            }
        }
        for id in &ref_ids {
            for (i, _) in div.match_indices(id.as_str()) {
                let j = i + id.len();
                let before = &div[..i];
                let after_ok = word_edge(div, j, false) && !div[j..].starts_with('-');
                let prefixed = before.ends_with('@')
                    || before.strip_suffix('/').is_some_and(|b| {
                        let t = b.rsplit(|c: char| !c.is_ascii_alphabetic()).next();
                        t.is_some_and(identifies_a_person)
                    });
                if prefixed && after_ok {
                    f.push(Entity::IdNumber, ds + i, ds + j, "fhir_narrative");
                }
            }
        }
    }
}

/// Other spellings of a `YYYY-MM-DD` date that narratives use: day-first
/// and month-first with slashes, and the CJK `1974年12月25日`.
fn date_forms(v: &str) -> Vec<String> {
    let b = v.as_bytes();
    if b.len() < 10 || !iso_date(&v[..10]) {
        return Vec::new();
    }
    let (y, m, d) = (&v[..4], &v[5..7], &v[8..10]);
    let (mu, du) = (m.trim_start_matches('0'), d.trim_start_matches('0'));
    vec![
        format!("{d}/{m}/{y}"),
        format!("{m}/{d}/{y}"),
        format!("{y}年{mu}月{du}日"),
        format!("{y}年{m}月{d}日"),
    ]
}

/// True for the scripts written without spaces between words (Han, kana,
/// Hangul): a value in them needs no word edge.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
}

/// True when position `i` of `s` is a word edge (no letter or digit on the
/// other side).
fn word_edge(s: &str, i: usize, before: bool) -> bool {
    let c = if before {
        s[..i].chars().next_back()
    } else {
        s[i..].chars().next()
    };
    !c.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Entity, &str)> {
        find(text)
            .into_iter()
            .map(|c| (c.entity, &text[c.span.range()]))
            .collect()
    }

    fn has(f: &[(Entity, &str)], entity: Entity, value: &str) {
        assert!(
            f.iter().any(|(e, v)| *e == entity && *v == value),
            "{entity} {value:?} not in {f:?}"
        );
    }

    const PATIENT: &str = r#"{
  "resourceType": "Patient",
  "id": "pat-77",
  "text": {"status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">Peter James CHALMERS, MRN 12345, born 1974-12-25, of 534 Erewhon, Pleasantville</div>"},
  "identifier": [{"type": {"coding": [{"code": "MR"}]}, "system": "urn:oid:1.2.36", "value": "12345"},
                 {"system": "http://hl7.org/fhir/sid/us-ssn", "value": "444-22-2222"}],
  "name": [{"use": "official", "family": "Chalmers", "given": ["Peter", "James"], "prefix": ["Mr."]}],
  "telecom": [{"system": "phone", "value": "(03) 5555 6473"}, {"system": "email", "value": "p@example.org"},
              {"system": "fax", "value": "555-0100"}],
  "birthDate": "1974-12-25",
  "deceasedBoolean": false,
  "address": [{"line": ["534 Erewhon St", "Unit 2"], "city": "Pleasantville", "district": "Rainbow",
               "state": "VT", "postalCode": "3999", "country": "USA"}],
  "contact": [{"name": {"family": "du Marché", "given": ["Bénédicte"]}}],
  "generalPractitioner": [{"reference": "Practitioner/f201", "display": "Dr Adam Careful"}],
  "link": [{"other": {"reference": "RelatedPerson/rp-1"}}],
  "meta": {"lastUpdated": "2014-01-30T22:35:23+11:00"},
  "multipleBirthInteger": 2
}"#;

    #[test]
    fn every_element_kind() {
        let f = found(PATIENT);
        has(&f, Entity::IdNumber, "pat-77");
        has(&f, Entity::MedicalRecordNumber, "12345");
        has(&f, Entity::UsSsn, "444-22-2222");
        has(&f, Entity::Person, "Chalmers");
        has(&f, Entity::Person, "Peter");
        has(&f, Entity::Person, "James");
        has(&f, Entity::Person, "du Marché");
        has(&f, Entity::Person, "Bénédicte");
        has(&f, Entity::Person, "Dr Adam Careful");
        has(&f, Entity::PhoneNumber, "(03) 5555 6473");
        has(&f, Entity::EmailAddress, "p@example.org");
        has(&f, Entity::FaxNumber, "555-0100");
        has(&f, Entity::DateTime, "1974-12-25");
        has(&f, Entity::DateTime, "2014-01-30T22:35:23+11:00");
        has(&f, Entity::StreetAddress, "534 Erewhon St");
        has(&f, Entity::StreetAddress, "Unit 2");
        has(&f, Entity::City, "Pleasantville");
        has(&f, Entity::County, "Rainbow");
        has(&f, Entity::ZipCode, "3999");
        has(&f, Entity::IdNumber, "rp-1");
        // a practitioner's id in a reference (see NOT_ABOUT_A_PATIENT)
        has(&f, Entity::IdNumber, "f201");
        for kept in ["VT", "USA", "Mr.", "official", "Patient", "generated"] {
            assert!(f.iter().all(|(_, v)| *v != kept), "{kept} in {f:?}");
        }
    }

    #[test]
    fn narrative_mentions_of_structured_values() {
        let f = found(PATIENT);
        let div_start = PATIENT.find("<div").expect("div");
        let div_end = PATIENT.find("</div>").expect("div end");
        let in_div: Vec<&str> = find(PATIENT)
            .into_iter()
            .filter(|c| c.span.start >= div_start && c.span.end <= div_end)
            .map(|c| &PATIENT[c.span.range()])
            .collect();
        for v in [
            "Peter",
            "James",
            "CHALMERS",
            "12345",
            "1974-12-25",
            "Pleasantville",
        ] {
            assert!(in_div.contains(&v), "{v} not in {in_div:?} ({f:?})");
        }
    }

    #[test]
    fn minified_bundle_and_references() {
        let t = r#"Bundle: {"resourceType":"Bundle","entry":[{"fullUrl":"http://x.org/fhir/Patient/347","resource":{"resourceType":"Encounter","text":{"div":"<div>Seen: patient @347, also Patient/347, not Organization/347x</div>"},"subject":{"reference":"Patient/347","display":"Roel"},"period":{"start":"2013-03-11","end":"2013-03-20"},"participant":[{"individual":{"reference":"Practitioner/f001","display":"P. Voigt"}}],"serviceProvider":{"reference":"Organization/f001","display":"Burgers University Medical Center"}}}]} end"#;
        let f = found(t);
        has(&f, Entity::IdNumber, "347");
        has(&f, Entity::Person, "Roel");
        has(&f, Entity::Person, "P. Voigt");
        has(&f, Entity::DateTime, "2013-03-11");
        has(&f, Entity::DateTime, "2013-03-20");
        assert_eq!(f.iter().filter(|(_, v)| *v == "347").count(), 4, "{f:?}");
        // Practitioner/f001 is masked, Organization/f001 is not.
        assert_eq!(f.iter().filter(|(_, v)| *v == "f001").count(), 1, "{f:?}");
        let org = t
            .find("Organization/f001")
            .map(|i| i + "Organization/".len());
        assert!(find(t).iter().all(|c| Some(c.span.start) != org), "{f:?}");
        assert!(f.iter().all(|(_, v)| !v.contains("Burgers")), "{f:?}");
        // The urn:uuid of an entry; the encounter's own id.
        let t = r#"{"resourceType":"Bundle","id":"b1","entry":[{"fullUrl":"urn:uuid:61ebe359-bfdc","resource":{"resourceType":"Encounter","id":"enc-77","subject":{"reference":"urn:uuid:61ebe359-bfdc"}}},{"resource":{"resourceType":"Organization","id":"org-9"}},{"resource":{"resourceType":"Observation","id":"obs-5","encounter":{"reference":"Encounter/enc-77/_history/2"},"performer":[{"reference":"https://x.org/fhir/PractitionerRole/pr-3"}]}}]}"#;
        let f = found(t);
        let c = r#"{"resourceType":"Observation","subject":{"reference":"Patient?identifier=http://h.org/mrn|448812"}}"#;
        has(
            &found(c),
            Entity::IdNumber,
            "identifier=http://h.org/mrn|448812",
        );
        for v in ["enc-77", "obs-5", "pr-3"] {
            has(&f, Entity::IdNumber, v);
        }
        assert_eq!(f.iter().filter(|(_, v)| *v == "61ebe359-bfdc").count(), 2);
        assert_eq!(f.iter().filter(|(_, v)| *v == "enc-77").count(), 2);
        assert!(
            f.iter().all(|(_, v)| !matches!(*v, "b1" | "org-9")),
            "{f:?}"
        );
    }

    #[test]
    fn narrative_in_cjk_and_other_date_spellings() {
        let t = r#"{"resourceType":"Patient","text":{"div":"<div>名字 张无忌 地址 上海市黄埔区马当路190号, 1974年12月25日; born 25/12/1974</div>"},"name":[{"text":"张无忌"}],"birthDate":"1974-12-25","address":[{"line":["马当路190号"],"city":"上海市","district":"黄埔区"}]}"#;
        let f = found(t);
        for v in ["张无忌", "上海市", "黄埔区", "马当路190号"] {
            let n = f.iter().filter(|(_, x)| *x == v).count();
            assert_eq!(n, 2, "{v} twice in {f:?}");
        }
        for v in ["1974年12月25日", "25/12/1974"] {
            assert!(
                f.iter().any(|(e, x)| *e == Entity::DateTime && *x == v),
                "{v} in {f:?}"
            );
        }
        // Latin names still need word edges: "Lee" is not in "Leeds"
        let t = r#"{"resourceType":"Patient","text":{"div":"<div>Lee Leeds</div>"},"name":[{"family":"Lee"}]}"#;
        assert_eq!(found(t).iter().filter(|(_, x)| *x == "Lee").count(), 2);
    }

    #[test]
    fn years_alone_stay() {
        let t = r#"{"resourceType":"Observation","effectiveDateTime":"2012","valueString":"since 2019","issued":"2013-04-03T15:30:10+01:00"}"#;
        let f = found(t);
        assert_eq!(f, vec![(Entity::DateTime, "2013-04-03T15:30:10+01:00")]);
    }

    #[test]
    fn malformed_json_finds_only_complete_resources() {
        for t in [
            "",
            "{",
            r#"{"resourceType":"Patient","name":[{"family":"Doe"}"#,
            r#"{"resourceType":"Patient" "name":1}"#,
            r#"{'resourceType':'Patient','name':[{'family':'Doe'}]}"#,
            r#"{"name":[{"family":"Doe"}]}"#,
            "{{{{{{{{{{{{\"resourceType\"",
        ] {
            assert!(find(t).is_empty(), "{t:?}: {:?}", found(t));
        }
        // a truncated Bundle still yields its complete entries
        let t = r#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","name":[{"family":"Doe"}]}},{"resource":{"resourceType":"Patient","name":[{"fam"#;
        assert_eq!(found(t), vec![(Entity::Person, "Doe")]);
    }

    #[test]
    fn regions_and_their_free_text() {
        let t = r#"see {"resourceType":"Observation","text":{"div":"<div>Jo</div>"},"note":[{"text":"call Jo"}],"code":{"text":"BP"},"comment":"ok"} and {"x":1}"#;
        let r = regions(t);
        assert_eq!(r.len(), 1);
        assert!(
            t[r[0].span.range()].starts_with("{\"resourceType\"")
                && t[r[0].span.range()].ends_with("\"ok\"}")
        );
        let free: Vec<&str> = r[0].free_text.iter().map(|s| &t[s.range()]).collect();
        assert_eq!(free, vec!["<div>Jo</div>", "call Jo", "BP", "ok"]);
        // Codes, systems, units, names read by type and a Coding's display
        // are structure; a valueString and an unknown element are free text.
        let t = r##"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8480-6","display":"Systolic"}]},"valueQuantity":{"value":120,"unit":"mmHg"},"performer":[{"reference":"Organization/o1","display":"Acme Lab"},{"reference":"#c1","display":"Jo Roe"}],"contained":[{"resourceType":"Patient","name":[{"family":"Roe","given":["Jo"]}]}],"valueString":"seen with Jo","x-custom":"Jo again"}"##;
        let r = regions(t);
        let free: Vec<&str> = r[0].free_text.iter().map(|s| &t[s.range()]).collect();
        assert_eq!(free, vec!["Jo Roe", "seen with Jo", "Jo again"]);
        // A wrapper's strings are free text; an attachment's url too.
        let t = r#"{"id":"123-45-6789","entry":{"resourceType":"Patient","extension":[{"url":"http://x.org/ext","valueCode":"a"}],"photo":[{"url":"http://x.org/p/Jo-Roe.jpg"}]}}"#;
        let r = regions(t);
        let free: Vec<&str> = r[0].free_text.iter().map(|s| &t[s.range()]).collect();
        assert_eq!(free, vec!["123-45-6789", "http://x.org/p/Jo-Roe.jpg"]);
        assert!(regions(r#"{"x":"resourceType"}"#).is_empty());
    }

    #[test]
    fn huge_inputs_stay_linear() {
        let entry = r#"{"resource":{"resourceType":"Patient","id":"p1","name":[{"family":"Doe","given":["Jo"]}],"birthDate":"1980-01-01"}},"#;
        let mut big = String::from(r#"{"resourceType":"Bundle","entry":["#);
        for _ in 0..20_000 {
            big.push_str(entry);
        }
        big.pop();
        big.push_str("]}");
        assert_eq!(find(&big).len(), 20_000 * 4);
        // many unclosed objects: bounded work, no result
        let bad = "{\"resourceType\":\"Patient\",\"a\":".repeat(50_000);
        assert!(find(&bad).is_empty());
    }
}
