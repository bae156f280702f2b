//! Labelled identifiers: a label ("MRN:", "member ID", "policy #", "S/N",
//! "voiceprint ID", "#:") followed by a value. The label stays in the text;
//! the value is reported.
//!
//! One case-insensitive regular expression finds the labels (leftmost
//! first, so "patient ID" wins over "ID" and "bank account" over
//! "account"); a small hand-written scanner then reads what follows: the
//! separators and label suffixes ("number", "no.", "#", "ID", ":", "ending
//! in", "last 4"), and the value, a token of letters, digits and `-`, `/`,
//! `.`, `_` holding at least one digit and at least three characters.
//! Spaced values ("123 45 6789", "XGH 4471 9920", IBAN groups) are read as
//! one value.
//!
//! A label on its own is strong evidence, so candidates score 0.9 (0.75
//! for a bare noun such as "account" or "policy" without a suffix or
//! colon) and opt out of generic context boosting. Values that are clinical
//! content are refused whatever the label: dates, years, decimals, blood
//! pressures, ranges ("6-8"), measurements ("12 weeks", "50mg") and
//! hyphenated words ("12-lead").

use phimask_core::document::Document;
use std::fmt;

use phimask_core::{Candidate, Context, Entity, Error, ErrorKind, Recognizer, Span};

/// How much a label needs before a value may follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The label alone is enough ("MRN", "SSN", "NPI", "S/N", "ID").
    Strong,
    /// A noun that is enough on its own, but whose values are checked
    /// harder without a suffix or colon ("account", "policy", "plate").
    Bare,
    /// A noun that needs a suffix or a colon ("serial:", "tag #").
    Colon,
    /// A common noun that needs a suffix ("patient ID", "chart no.",
    /// "visit #", "order number").
    Suffix,
}

use Kind::{Bare, Colon, Strong, Suffix};

/// Case sensitive label (short upper-case abbreviations such as "DL").
const CS: u8 = 1;
/// The label must not follow a slash ("mg/dL").
const NO_SLASH: u8 = 2;
/// Values may be spaced groups of upper-case letters and digits (IBAN,
/// card and Medicare numbers).
const GROUPS: u8 = 4;
/// The label is written with its own boundaries (it starts with a
/// non-word character, like "#:").
const RAW: u8 = 8;

/// One label family.
struct Spec {
    name: &'static str,
    entity: Entity,
    kind: Kind,
    flags: u8,
    /// A regular expression without capturing groups. A space stands for
    /// one to three separator characters (whitespace, `.`, `-`, `_`).
    label: &'static str,
}

const fn spec(
    name: &'static str,
    entity: Entity,
    kind: Kind,
    flags: u8,
    label: &'static str,
) -> Spec {
    Spec {
        name,
        entity,
        kind,
        flags,
        label,
    }
}

/// The label table. Order matters where two labels start at the same
/// place: the earlier one wins, so longer and more specific labels come
/// first.
fn specs() -> Vec<Spec> {
    use Entity::*;
    vec![
        // --- Social security and taxpayer numbers.
        spec(
            "ssn",
            UsSsn,
            Strong,
            0,
            r"ssns?|s\.s\.n|social security(?: card| account| acct)?|soc(?:\.| )?sec|social insurance",
        ),
        spec("ssn_social", UsSsn, Colon, 0, r"social|soc"),
        spec("ssn_ss", UsSsn, Suffix, CS, r"SS"),
        spec(
            "itin",
            UsItin,
            Strong,
            0,
            r"itin|individual taxpayer(?: identification)?|taxpayer",
        ),
        spec("tax_id", IdNumber, Strong, CS, r"TIN|EIN|FEIN"),
        spec(
            "tax_id_words",
            IdNumber,
            Suffix,
            0,
            r"tax|employer identification",
        ),
        // --- Health plan (before "medical", "card", "account").
        spec(
            "mbi",
            HealthPlanId,
            Strong,
            GROUPS,
            r"mbi|medicare beneficiary(?: identifier| id| number)?|hicn|hic|health insurance claim",
        ),
        spec(
            "plan_card",
            HealthPlanId,
            Colon,
            GROUPS,
            r"(?:insurance|medicare|medicaid|member|health|health plan|benefits?) card",
        ),
        spec(
            "medicare",
            HealthPlanId,
            Bare,
            GROUPS,
            r"medicare|medicaid|medi-cal|masshealth|tricare|champva",
        ),
        spec(
            "member",
            HealthPlanId,
            Suffix,
            GROUPS,
            r"member|mem|mbr|enrollee",
        ),
        spec(
            "subscriber",
            HealthPlanId,
            Colon,
            GROUPS,
            r"subscriber|subscr|beneficiary|policy ?holder|insured",
        ),
        spec(
            "policy",
            HealthPlanId,
            Bare,
            GROUPS,
            r"policy|insurance policy",
        ),
        spec(
            "policy_short",
            HealthPlanId,
            Suffix,
            GROUPS,
            r"pol|ins|health plan|plan|coverage|payer|payor|carrier|rx ?bin|rx ?pcn|rx ?group",
        ),
        spec(
            "insurance",
            HealthPlanId,
            Colon,
            GROUPS,
            r"(?:primary |secondary |tertiary )?insurance|insurer",
        ),
        spec("group", HealthPlanId, Colon, GROUPS, r"group|grp"),
        spec(
            "payer",
            HealthPlanId,
            Suffix,
            GROUPS,
            r"bcbs|blue cross(?: blue shield)?|blue shield|aetna|cigna|humana|united ?health(?:care)?|uhc|anthem|kaiser|oscar|molina|centene|wellcare|ambetter|carefirst|highmark|emblem(?: ?health)?|fidelis|healthfirst|metroplus|amerigroup|caresource|optum|geisinger|harvard pilgrim|tufts|premera|regence|cigna|medical mutual",
        ),
        spec("health_plan_cs", HealthPlanId, Colon, CS, r"CIN|OHIP"),
        // --- Medical record numbers.
        spec(
            "mrn",
            MedicalRecordNumber,
            Strong,
            0,
            r"acct ?/ ?mrn|mrn ?/ ?acct|mrn ?/ ?csn|mrns?|m\.r\.n|empi|eurn|urn",
        ),
        spec(
            "mrn_mpi",
            MedicalRecordNumber,
            Colon,
            0,
            r"mpi|ehr|emr|epic|cerner|meditech",
        ),
        spec("mrn_mr", MedicalRecordNumber, Suffix, CS, r"MR"),
        spec(
            "medical_record",
            MedicalRecordNumber,
            Colon,
            0,
            r"medical records?|med ?rec|health records?|hospital records?",
        ),
        spec(
            "record",
            MedicalRecordNumber,
            Suffix,
            0,
            r"records?|rec|patient|pt|pat|hospital|hosp|unit|client|clinic|wristband|armband|bracelet",
        ),
        spec("chart", MedicalRecordNumber, Bare, 0, r"chart"),
        // --- Credit cards, banks.
        spec(
            "bank_account",
            UsBankNumber,
            Bare,
            GROUPS,
            r"(?:bank|checking|savings|deposit|chequing) (?:account|acct|a/c)",
        ),
        spec(
            "bank",
            UsBankNumber,
            Suffix,
            GROUPS,
            r"bank|checking|savings",
        ),
        spec(
            "routing",
            AbaRoutingNumber,
            Bare,
            0,
            r"routing(?: transit)?|routing and transit|aba routing",
        ),
        spec("routing_short", AbaRoutingNumber, Colon, 0, r"aba|rtn"),
        spec("iban", IbanCode, Strong, GROUPS, r"iban"),
        spec(
            "card_on_file",
            AccountNumber,
            Bare,
            GROUPS,
            r"cards? on file",
        ),
        spec(
            "credit_card",
            CreditCard,
            Bare,
            GROUPS,
            r"(?:credit|debit|payment|charge|bank|visa|mastercard|amex) card|american express|discover card",
        ),
        spec(
            "card_brand",
            CreditCard,
            Suffix,
            GROUPS,
            r"visa|master ?card|amex",
        ),
        spec("card", CreditCard, Suffix, GROUPS | CS, r"CC|[Cc]ard"),
        // --- Accounts.
        spec(
            "account",
            AccountNumber,
            Bare,
            GROUPS,
            r"accounts?|acct|accnt|acount|claim|claims|invoice",
        ),
        spec(
            "account_short",
            AccountNumber,
            Suffix,
            GROUPS,
            r"acc|a/c|billing|bill|statement|guarantor|financial",
        ),
        spec("account_cs", AccountNumber, Strong, CS, r"FIN|HAR|HAN"),
        // --- Provider numbers.
        spec(
            "npi",
            Npi,
            Strong,
            0,
            r"npi|national provider(?: identifier| id)?",
        ),
        spec(
            "dea",
            DeaNumber,
            Strong,
            0,
            r"dea(?: registration)?|drug enforcement administration",
        ),
        // --- Vehicles (before "license").
        spec(
            "vin",
            VehicleId,
            Strong,
            0,
            r"vin|vehicle identification|chassis",
        ),
        spec(
            "plate",
            VehicleId,
            Bare,
            0,
            r"(?:license|licence|registration|number|tag) plates?|plates?",
        ),
        spec("tag", VehicleId, Colon, 0, r"tag|vehicle"),
        // --- Driver's licences (before "license").
        spec(
            "driver_license",
            UsDriverLicense,
            Bare,
            0,
            r"(?:commercial )?drivers?(?:'|’)?s? ?licen[cs]es?|drivers?(?:'|’)?s? lic|driving licen[cs]e|operator(?:'|’)?s? licen[cs]e|d/l|dmv|state id",
        ),
        spec(
            "driver_license_cs",
            UsDriverLicense,
            Strong,
            CS | NO_SLASH,
            r"DL|CDL|DLN",
        ),
        spec("passport", UsPassport, Bare, 0, r"passport"),
        // --- Other licences and certificates.
        spec(
            "other_license",
            LicenseNumber,
            Bare,
            0,
            r"(?:marriage|business|pharmacy|firearms?|gun|hunting|fishing|contractor|liquor|food handlers?(?:'|’)?s?|teaching|real estate|notary|pilot(?:'|’)?s?|concealed carry|carry) (?:licen[cs]e|permit)",
        ),
        spec(
            "certificate",
            LicenseNumber,
            Bare,
            0,
            r"(?:birth|death|marriage|board|training|bls|acls|pals|cpr)? ?certificate|certification|permit",
        ),
        spec(
            "certificate_short",
            LicenseNumber,
            Suffix,
            0,
            r"cert|registration|reg",
        ),
        spec(
            "medical_license",
            MedicalLicense,
            Bare,
            0,
            r"(?:medical|physician|state|md|do|np|rn|lpn|aprn|pa|nursing|prescriber|provider|professional|practitioner|clinical|dental|pharmacist|psychology|psychologist|counselor|counseling|lcsw|lpc|lmft|lmhc|social work|therapist|nurse) (?:licen[cs]e|lic)|licen[cs]e|licensure",
        ),
        spec("license_short", MedicalLicense, Bare, 0, r"lic"),
        // --- Devices.
        spec("serial", DeviceId, Strong, 0, r"s/n|s\.n"),
        spec("serial_word", DeviceId, Bare, 0, r"serial"),
        spec("serial_cs", DeviceId, Strong, CS, r"SN|ESN"),
        spec(
            "udi",
            DeviceId,
            Strong,
            0,
            r"udi|unique device identifier|imei|meid|mac address",
        ),
        spec(
            "device",
            DeviceId,
            Suffix,
            0,
            r"device|implant|pacemaker|defibrillator|aicd|icd|pump|stimulator|neurostimulator|generator|hearing aid|cochlear implant|cgm|sensor|transmitter|prosthesis|ser|equipment|asset",
        ),
        // --- Biometric identifiers.
        spec(
            "biometric",
            IdNumber,
            Bare,
            0,
            r"voice ?prints?|finger ?prints?|biometrics?|palm ?prints?|retina(?:l)? scan|iris scan|face ?print|faceprint|hand ?print|gait signature",
        ),
        spec(
            "biometric_short",
            IdNumber,
            Suffix,
            0,
            r"retina|retinal|iris|face|facial|dna|genetic|genome|voice|fingerprinting",
        ),
        // --- Research, staff, visits, specimens, administrative numbers.
        spec(
            "research",
            IdNumber,
            Bare,
            0,
            r"subject|participant|accession|requisition|docket|badge",
        ),
        spec(
            "research_short",
            IdNumber,
            Suffix,
            0,
            r"study|enrollment|enrolment|trial|randomization|randomisation|screening|cohort|research",
        ),
        spec(
            "staff",
            IdNumber,
            Suffix,
            0,
            r"employee|emp|staff|personnel|worker|payroll|student|inmate|prisoner|booking|customer|user|login|resident|veteran|va|military|service|dod|household|family|provider|physician|clinician|prescriber|alien|uscis|immigration|visa|green card|national|state|county|court|case|file",
        ),
        spec(
            "visit",
            IdNumber,
            Suffix,
            0,
            r"visit|encounter|admission|admit|episode|appointment|appt|session|stay",
        ),
        spec(
            "specimen",
            IdNumber,
            Colon,
            0,
            r"specimen|spec|accn|acc no|sample|lab|laboratory|pathology|path|surgical pathology|cytology|slide|block|kit|tube|blood bank|transfusion|bag|unit of blood",
        ),
        spec(
            "admin",
            IdNumber,
            Colon,
            0,
            r"reference|ref|confirmation|conf|ticket|tracking|authorization|authorisation|auth|prior auth|pre ?cert|precertification|pre ?authorization|incident|complaint|grievance|appeal|voucher|barcode|bar code",
        ),
        spec(
            "admin_short",
            IdNumber,
            Suffix,
            0,
            r"referral|transaction|control|document|doc|form|report|request|application|order|req|record locator|locator|tracking|package|shipment|fax|image|study|exam|scan|series|note|message|log|entry|batch|pin",
        ),
        spec(
            "edipi",
            IdNumber,
            Strong,
            0,
            r"edipi|a-number|alien registration|nhs|nhs number|personnummer|aadhaar|curp",
        ),
        spec("pin_cs", IdNumber, Colon, CS, r"PIN|CSN|HRN|PID|UID|UIN"),
        spec(
            "id",
            IdNumber,
            Strong,
            0,
            r"id|ids|i\.d|identifier|identification|ident",
        ),
        spec("hash_colon", IdNumber, Strong, RAW, r"#\s*:|№"),
    ]
}

/// Words after a label that make it a label: "number", "no.", "ID" …
const SUFFIXES: &[&str] = &[
    "number",
    "numbers",
    "num",
    "nbr",
    "nr",
    "no",
    "nos",
    "id",
    "ids",
    "i.d",
    "identifier",
    "identification",
    "ident",
    "key",
];

/// Units and words that show a number is a measurement, not an identifier.
const UNITS: &[&str] = &[
    "mg",
    "mcg",
    "µg",
    "g",
    "gm",
    "gram",
    "grams",
    "kg",
    "lb",
    "lbs",
    "oz",
    "ml",
    "l",
    "cc",
    "dl",
    "mmhg",
    "bpm",
    "mmol",
    "meq",
    "iu",
    "units",
    "unit",
    "u",
    "%",
    "years",
    "year",
    "yrs",
    "yr",
    "yo",
    "y",
    "days",
    "day",
    "d",
    "weeks",
    "week",
    "wk",
    "wks",
    "months",
    "month",
    "mo",
    "mos",
    "hours",
    "hour",
    "hr",
    "hrs",
    "h",
    "minutes",
    "minute",
    "min",
    "mins",
    "sec",
    "seconds",
    "s",
    "times",
    "x",
    "tabs",
    "tab",
    "tablets",
    "tablet",
    "pills",
    "pill",
    "caps",
    "capsules",
    "puffs",
    "doses",
    "dose",
    "cm",
    "mm",
    "m",
    "in",
    "inch",
    "inches",
    "ft",
    "feet",
    "beds",
    "bed",
    "patients",
    "pts",
    "visits",
    "sessions",
    "am",
    "pm",
    "o'clock",
    "percent",
    "point",
    "points",
    "drinks",
    "cigarettes",
    "packs",
    "ppd",
    "steps",
    "miles",
    "km",
    "calories",
    "kcal",
    "beats",
    "breaths",
    "episodes",
    "refills",
    "sprays",
    "drops",
    "vials",
    "ampules",
    "bottles",
];

/// Finds labelled identifiers: see the [module documentation](self).
///
/// # Example
/// ```
/// use std::sync::Arc;
/// use phimask_core::Analyzer;
/// use phimask_recognizers::identifiers::LabelledIdRecognizer;
/// let analyzer = Analyzer::builder()
///     .add_recognizer(LabelledIdRecognizer::new()?)
///     .build()?;
/// let masked = analyzer.mask("MRN: 00123456, member ID W99812 (PHQ-9: 14)")?;
/// assert_eq!(masked.text, "MRN: ●●●●●●●●, member ID ●●●●●● (PHQ-9: 14)");
/// # Ok::<(), phimask_core::Error>(())
/// ```
pub struct LabelledIdRecognizer {
    /// Every label, leftmost first (no capture groups: captures over this
    /// many alternatives are slow).
    labels: regex::Regex,
    /// Each label anchored on its own, to tell which one matched.
    which: regex::RegexSet,
    specs: Vec<Spec>,
    entities: Vec<Entity>,
}

impl fmt::Debug for LabelledIdRecognizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LabelledIdRecognizer")
            .field("labels", &self.specs.len())
            .field("entities", &self.entities)
            .finish()
    }
}

impl LabelledIdRecognizer {
    /// The recognizer's id.
    pub const ID: &'static str = "labelled_id";

    /// Compiles the label table.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidPattern`] if the built-in table does not compile
    /// (a bug).
    pub fn new() -> Result<LabelledIdRecognizer, Error> {
        let specs = specs();
        let mut alternatives = Vec::with_capacity(specs.len());
        let mut anchored = Vec::with_capacity(specs.len());
        for s in &specs {
            let body = s.label.replace(' ', r"(?:[\s._-]{1,3})");
            let case = if s.flags & CS != 0 { "-i" } else { "i" };
            if s.flags & RAW != 0 {
                alternatives.push(format!("(?{case}:{body})"));
            } else {
                alternatives.push(format!(r"(?-u:\b)(?{case}:{body})(?-u:\b)"));
            }
            anchored.push(format!("^(?{case}:{body})$"));
        }
        let invalid = |message: String| {
            Error::new(ErrorKind::InvalidPattern {
                recognizer: Self::ID.to_string(),
                index: 0,
                name: "labels".to_string(),
                message,
            })
        };
        let labels = regex::RegexBuilder::new(&alternatives.join("|"))
            .size_limit(64 << 20)
            .dfa_size_limit(32 << 20)
            .build()
            .map_err(|e| invalid(e.to_string()))?;
        let which = regex::RegexSetBuilder::new(&anchored)
            .size_limit(64 << 20)
            .build()
            .map_err(|e| invalid(e.to_string()))?;
        let mut entities: Vec<Entity> = Vec::new();
        for s in &specs {
            if !entities.contains(&s.entity) {
                entities.push(s.entity.clone());
            }
        }
        Ok(LabelledIdRecognizer {
            labels,
            which,
            specs,
            entities,
        })
    }
}

impl Recognizer for LabelledIdRecognizer {
    fn id(&self) -> &str {
        Self::ID
    }

    fn entities(&self) -> &[Entity] {
        &self.entities
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        // Where the last value ended: a label inside a value is no label.
        let mut consumed = 0;
        for whole in self.labels.find_iter(text) {
            if whole.start() < consumed {
                continue;
            }
            // The earliest label that matches the same text is the one the
            // leftmost-first search chose.
            let Some(i) = self.which.matches(whole.as_str()).iter().next() else {
                continue;
            };
            let spec = &self.specs[i];
            if !ctx.wants(&spec.entity)
                || !label_boundaries_ok(text, whole.start(), whole.end(), spec)
            {
                continue;
            }
            if let Some((span, score)) = read_value(text, whole.start(), whole.end(), spec) {
                let mut c =
                    Candidate::new(span, spec.entity.clone(), score).with_pattern(spec.name);
                c.context_applied = true;
                out.push(c);
                consumed = span.end;
            }
        }
        Ok(())
    }
}

/// Unicode-aware checks the ASCII `\b` of the label regex cannot make.
fn label_boundaries_ok(text: &str, start: usize, end: usize, spec: &Spec) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if spec.flags & NO_SLASH != 0 && before == Some('/') {
        return false;
    }
    if spec.flags & RAW != 0 {
        return true;
    }
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// What the separator scan found.
#[derive(Debug, Default)]
struct Skipped {
    pos: usize,
    suffix: bool,
    colon: bool,
}

/// Skips separators and label suffixes after a label ending at `from`.
fn skip_separators(text: &str, from: usize) -> Skipped {
    let b = text.as_bytes();
    let limit = (from + 48).min(text.len());
    let mut s = Skipped {
        pos: from,
        ..Skipped::default()
    };
    let mut newlines = 0;
    let mut after_ending = false;
    let mut after_last = false;
    let mut i = from;
    while i < limit {
        let c = b[i];
        match c {
            b'\n' => {
                newlines += 1;
                if newlines > 1 {
                    break;
                }
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b':' | b'=' => {
                s.colon = true;
                i += 1;
            }
            b'#' => {
                s.suffix = true;
                i += 1;
            }
            b'-' | b'.' | b'(' | b')' | b'[' | b']' | b',' | b'/' | b'>' | b'|' => i += 1,
            b'4' if after_last && !b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) => {
                after_last = false;
                i += 1;
            }
            _ if c.is_ascii_alphabetic() => {
                let mut end = i;
                while end < b.len() && (b[end].is_ascii_alphabetic() || b[end] == b'.') {
                    end += 1;
                }
                if b.get(end).is_some_and(u8::is_ascii_digit) {
                    break; // "NO12345" is a value, not a suffix.
                }
                let word = text[i..end].trim_end_matches('.').to_ascii_lowercase();
                let w = word.as_str();
                match w {
                    _ if SUFFIXES.contains(&w) => s.suffix = true,
                    "ending" | "ends" | "end" => {
                        s.suffix = true;
                        after_ending = true;
                    }
                    "in" if after_ending => after_ending = false,
                    "last" => {
                        s.suffix = true;
                        after_last = true;
                    }
                    "four" if after_last => after_last = false,
                    "digits" | "is" | "was" | "as" => {}
                    _ => break,
                }
                i = end;
            }
            b'\'' if b.get(i + 1).is_some_and(|c| c.eq_ignore_ascii_case(&b's')) => i += 2,
            _ => {
                let rest = &text[i..];
                if rest.starts_with("’s") {
                    i += "’s".len();
                } else if rest.starts_with('–') || rest.starts_with('—') || rest.starts_with('：')
                {
                    i += 3;
                } else if rest.starts_with('№') {
                    s.suffix = true;
                    i += '№'.len_utf8();
                } else {
                    break;
                }
            }
        }
        s.pos = i;
    }
    s.pos = i.min(text.len());
    while !text.is_char_boundary(s.pos) {
        s.pos -= 1;
    }
    s
}

fn is_tok_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'*'
}

/// The end of the value token starting at `start`: letters, digits and
/// `*`, with `-`, `/`, `.`, `_` allowed between them. `None` when no token
/// starts there or it runs into a non-ASCII letter.
fn token_end(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    if !b.get(start).copied().is_some_and(is_tok_char) {
        return None;
    }
    let mut i = start + 1;
    while i < b.len() {
        if is_tok_char(b[i]) {
            i += 1;
        } else if matches!(b[i], b'-' | b'/' | b'.' | b'_')
            && b.get(i + 1).copied().is_some_and(is_tok_char)
        {
            i += 2;
        } else {
            break;
        }
    }
    if text[i..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(i)
}

fn has_digit(s: &str) -> bool {
    s.bytes().any(|c| c.is_ascii_digit())
}

/// The next token after one or two spaces at `end` (OCR output doubles
/// spaces), if any.
fn next_spaced_token(text: &str, end: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    if b.get(end) != Some(&b' ') {
        return None;
    }
    let start = if b.get(end + 1) == Some(&b' ') {
        end + 2
    } else {
        end + 1
    };
    let e = token_end(text, start)?;
    Some((start, e))
}

/// True when the word after `end` (skipping spaces) is a unit or `%`.
fn unit_follows(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.starts_with('%') || trimmed.starts_with("°") {
        return true;
    }
    if trimmed.len() == rest.len() && !rest.starts_with('/') {
        // Directly attached ("12mg" is one token and handled elsewhere).
        return false;
    }
    let word: String = trimmed
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '\'' || *c == 'µ')
        .flat_map(char::to_lowercase)
        .collect();
    !word.is_empty() && UNITS.contains(&word.as_str())
}

/// True for a token like "12mg", "3x", "24h", "7.5%". Seven or more digits
/// before the letter make an identifier ("25512662649U"), not a measure.
fn is_measure(tok: &str) -> bool {
    let t = tok.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let digits = tok[..tok.len() - t.len()]
        .bytes()
        .filter(u8::is_ascii_digit)
        .count();
    t.len() < tok.len() && !t.is_empty() && digits <= 6 && {
        let lower = t.to_ascii_lowercase();
        UNITS.contains(&lower.as_str())
    }
}

/// True for values that are clinical content or dates, never identifiers.
fn clinical_or_date(v: &str, spec: &Spec, labelled: bool) -> bool {
    let segs: Vec<&str> = v.split(['-', '/', '.', '_', ' ']).collect();
    // "12-lead", "45-year-old", "2-week".
    if segs
        .iter()
        .any(|s| s.len() >= 3 && s.bytes().all(|c| c.is_ascii_lowercase()))
    {
        return true;
    }
    if is_measure(v) {
        return true;
    }
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let n: Vec<usize> = segs.iter().map(|s| s.len()).collect();
    let digit_segs = segs.iter().all(|s| all_digits(s));
    let seps: Vec<u8> = v
        .bytes()
        .filter(|c| matches!(c, b'-' | b'/' | b'.'))
        .collect();
    let same_sep = seps.windows(2).all(|w| w[0] == w[1]);
    if digit_segs && !v.contains(' ') && same_sep {
        if looks_like_date(&segs) {
            return true;
        }
        // Decimals ("7.2", "98.6").
        if seps.first() == Some(&b'.') && n.len() == 2 && n[1] <= 2 {
            return true;
        }
    }
    if spec.kind == Strong {
        return false;
    }
    // Frequencies and ordinals: "q4h", "x3", "2nd".
    if v.len() <= 4
        && v.bytes().any(|c| c.is_ascii_lowercase())
        && !v.bytes().any(|c| c.is_ascii_uppercase())
    {
        return true;
    }
    if digit_segs && !v.contains(' ') {
        // Blood pressures ("128/82") and ranges ("6-8", "10-12").
        if n.len() == 2 && n[0] <= 3 && n[1] <= 3 {
            let a = segs[0].parse::<u32>().unwrap_or(0);
            let b = segs[1].parse::<u32>().unwrap_or(0);
            let bp = v.contains('/') && (50..=260).contains(&a) && (20..=160).contains(&b);
            let range = v.contains('-') && a < b;
            if bp || range {
                return true;
            }
        }
        // Year ranges: "2019-2020", "2019-20".
        if n.len() == 2 && is_year(segs[0]) && (n[1] == 2 || is_year(segs[1])) {
            return true;
        }
        // A year on its own after a bare noun.
        if !labelled && n.len() == 1 && is_year(v) {
            return true;
        }
    }
    false
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1900..=2099).contains(&y))
}

/// True for digit groups that read as a date: 3/14, 3/14/24, 03-14-2024,
/// 2024-03-14, 03/2024.
fn looks_like_date(segs: &[&str]) -> bool {
    let val = |s: &str| s.parse::<u32>().unwrap_or(u32::MAX);
    let md = |a: &str, b: &str| {
        let (a, b) = (val(a), val(b));
        a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12)
    };
    let short = |s: &str| s.len() <= 2;
    let month = |s: &str| short(s) && (1..=12).contains(&val(s));
    match segs {
        [a, b] => {
            (short(a) && short(b) && md(a, b))
                || (month(a) && is_year(b))
                || (is_year(a) && month(b))
        }
        [a, b, c] => {
            (short(a) && short(b) && md(a, b) && (c.len() == 2 || is_year(c)))
                || (is_year(a) && short(b) && short(c) && md(b, c))
        }
        _ => false,
    }
}

/// "212-555-0198", "212.555.0198": telephone numbers belong to the
/// contact recognizers.
fn looks_like_phone(v: &str) -> bool {
    let segs: Vec<&str> = v.split(['-', '.', ' ']).collect();
    let lens: Vec<usize> = segs.iter().map(|s| s.len()).collect();
    segs.iter().all(|s| s.bytes().all(|c| c.is_ascii_digit()))
        && matches!(lens.as_slice(), [3, 3, 4] | [1, 3, 3, 4] | [3, 4])
}

/// Words before a bare "#:" that make it no identifier label (rooms,
/// phones, quantities, lots).
const NOT_ID_BEFORE_HASH: &[&str] = &[
    "room",
    "rm",
    "bed",
    "floor",
    "suite",
    "ste",
    "apt",
    "apartment",
    "unit",
    "phone",
    "tel",
    "telephone",
    "cell",
    "mobile",
    "pager",
    "fax",
    "ext",
    "extension",
    "qty",
    "quantity",
    "dispense",
    "disp",
    "refills",
    "refill",
    "lot",
    "pills",
    "tabs",
    "tablets",
    "page",
    "pg",
    "step",
    "item",
    "question",
    "q",
    "line",
    "box",
    "home",
    "work",
    "contact",
    "callback",
];

/// True when the word before a "#:" label does not make it a room, phone
/// or quantity label.
fn hash_label_ok(text: &str, label_start: usize) -> bool {
    let before = text[..label_start].trim_end();
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .flat_map(char::to_lowercase)
        .collect();
    !NOT_ID_BEFORE_HASH.contains(&word.as_str())
}

/// "Boise, ID 83702": the state abbreviation before a ZIP code.
fn idaho_zip(text: &str, label_start: usize, value: &str) -> bool {
    let zip = {
        let b = value.as_bytes();
        (b.len() == 5 || (b.len() == 10 && b[5] == b'-'))
            && b.iter()
                .enumerate()
                .all(|(i, c)| c.is_ascii_digit() || i == 5)
    };
    let before = text[..label_start].trim_end_matches([' ', '\t']);
    zip && before
        .chars()
        .next_back()
        .is_some_and(|c| c == ',' || c.is_alphabetic())
}

/// True when a table cell under an identifier column holds a plausible
/// identifier: a digit, three or more characters, and no date, phone
/// number or measurement shape.
pub(super) fn table_value_ok(v: &str) -> bool {
    let spec = spec("table", Entity::IdNumber, Strong, 0, "");
    let chars = v.chars().filter(|c| !c.is_whitespace()).count();
    chars >= 3
        && v.len() <= 48
        && has_digit(v)
        && v.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"-/._ #*".contains(&c))
        && !clinical_or_date(v, &spec, true)
        && !looks_like_phone(v)
}

/// Reads the value after a label ending at `label_end`; returns its span
/// and score.
fn read_value(
    text: &str,
    label_start: usize,
    label_end: usize,
    spec: &Spec,
) -> Option<(Span, f32)> {
    let skip = skip_separators(text, label_end);
    let labelled = skip.suffix || skip.colon;
    match spec.kind {
        Suffix if !skip.suffix => return None,
        Colon if !labelled => return None,
        _ => {}
    }
    let start = skip.pos;
    if start == label_end && spec.flags & RAW == 0 {
        // The value must be separated from the label.
        return None;
    }
    let mut end = token_end(text, start)?;
    let first = &text[start..end];
    if !has_digit(first) {
        // "Member ID: XGH 44719920": a short upper-case prefix group.
        let (s2, e2) = next_spaced_token(text, end)?;
        let second = &text[s2..e2];
        // Plates are written "ABC 1234" with or without a suffix.
        let prefix_ok = (skip.suffix || spec.entity == Entity::VehicleId)
            && (1..=4).contains(&first.len())
            && first.bytes().all(|c| c.is_ascii_uppercase());
        if !prefix_ok || !has_digit(second) || second.len() < 3 || second.contains('.') {
            return None;
        }
        end = e2;
    } else if unit_follows(text, end) {
        return None;
    }
    // Spaced groups: "123 45 6789", "DE89 3704 0044 0532 0130 00".
    let mut groups = 0;
    while groups < 8 {
        let Some((s2, e2)) = next_spaced_token(text, end) else {
            break;
        };
        let t = &text[s2..e2];
        let digits_only = t.bytes().all(|c| c.is_ascii_digit());
        let so_far_digits = text[start..end]
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b' ');
        let ok = if spec.flags & GROUPS != 0 {
            t.len() <= 6
                && t.bytes()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && (has_digit(t) || t.len() == 4)
        } else {
            digits_only && t.len() >= 2 && so_far_digits
        };
        if !ok || unit_follows(text, e2) {
            break;
        }
        end = e2;
        groups += 1;
    }
    let span = narrow_masked_prefix(text, start, end);
    let value = &text[span.range()];
    let chars = value.chars().filter(|c| *c != ' ').count();
    if chars < 3 || value.len() > 48 || !has_digit(value) {
        return None;
    }
    if clinical_or_date(value, spec, labelled) {
        return None;
    }
    let min_len = match spec.entity {
        Entity::UsDriverLicense => 5,
        Entity::UsPassport => 6,
        _ => 3,
    };
    if chars < min_len {
        return None;
    }
    if spec.entity == Entity::IdNumber && looks_like_phone(value) {
        return None;
    }
    if spec.flags & RAW != 0 && !hash_label_ok(text, label_start) {
        return None;
    }
    if spec.name == "id" && !labelled && idaho_zip(text, label_start, value) {
        return None;
    }
    let score = if spec.kind == Bare && !labelled {
        0.75
    } else {
        0.9
    };
    Some((span, score))
}

/// "xxx-xx-6789", "****1234", "XXXX-1234": only the digits are PHI.
fn narrow_masked_prefix(text: &str, start: usize, end: usize) -> Span {
    let v = &text[start..end];
    let digits_at = v
        .bytes()
        .rposition(|c| !c.is_ascii_digit())
        .map_or(0, |p| p + 1);
    let prefix = &v[..digits_at];
    let mask_chars = prefix
        .bytes()
        .filter(|c| matches!(c, b'x' | b'X' | b'*' | b'#'))
        .count();
    let prefix_is_mask = prefix
        .bytes()
        .all(|c| matches!(c, b'x' | b'X' | b'*' | b'#' | b'-' | b' ' | b'.'));
    if mask_chars >= 3 && prefix_is_mask && (2..=6).contains(&(v.len() - digits_at)) {
        Span::new(start + digits_at, end)
    } else {
        Span::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identifiers::testutil::{assert_found, assert_none, masked};
    use Entity::*;

    fn recognizer() -> &'static LabelledIdRecognizer {
        static R: std::sync::OnceLock<LabelledIdRecognizer> = std::sync::OnceLock::new();
        R.get_or_init(|| LabelledIdRecognizer::new().expect("builds"))
    }

    fn only_labelled(text: &str) -> Vec<(Entity, String)> {
        let r = recognizer();
        let mut out = Vec::new();
        r.recognize(
            &phimask_core::document::Document::new(text),
            &Context::default(),
            &mut out,
        )
        .expect("recognizes");
        out.iter()
            .map(|c| (c.entity.clone(), text[c.span.range()].to_string()))
            .collect()
    }

    #[track_caller]
    fn labelled(text: &str, entity: Entity, value: &str) {
        assert_eq!(
            only_labelled(text),
            vec![(entity, value.to_string())],
            "in {text:?}"
        );
    }

    #[track_caller]
    fn nothing(text: &str) {
        assert_eq!(only_labelled(text), Vec::new(), "in {text:?}");
    }

    #[test]
    fn builds() {
        let r = LabelledIdRecognizer::new().expect("builds");
        assert!(r.entities().contains(&MedicalRecordNumber));
        assert!(format!("{r:?}").contains("LabelledIdRecognizer"));
    }

    #[test]
    fn medical_record_numbers() {
        labelled("MRN: 00123456", MedicalRecordNumber, "00123456");
        labelled("MRN#4456721", MedicalRecordNumber, "4456721");
        labelled("MR# 12-345-67", MedicalRecordNumber, "12-345-67");
        labelled("Medical record number 123", MedicalRecordNumber, "123");
        labelled("chart no. 4456721.", MedicalRecordNumber, "4456721");
        labelled("Chart # 88123", MedicalRecordNumber, "88123");
        labelled("patient ID A-99812 seen", MedicalRecordNumber, "A-99812");
        labelled("Pt ID: 5523", MedicalRecordNumber, "5523");
        labelled("Hospital # 334455", MedicalRecordNumber, "334455");
        labelled("Acct/MRN: 778899", MedicalRecordNumber, "778899");
        labelled("Record No. 2231-A", MedicalRecordNumber, "2231-A");
        labelled("MR No. 445-221", MedicalRecordNumber, "445-221");
        labelled("FIN 88771234", AccountNumber, "88771234");
        nothing("Account #: 10-12");
        labelled("MRN\n00123456", MedicalRecordNumber, "00123456");
        labelled("MRN :  55  10  982", MedicalRecordNumber, "55  10  982");
        labelled("medical record: H-1123", MedicalRecordNumber, "H-1123");
    }

    #[test]
    fn long_numbers_with_a_letter_are_no_measures() {
        // A check letter after eleven digits is no unit ("U", "H", "X").
        labelled("Claim #: 25512662649U", AccountNumber, "25512662649U");
        labelled("Member ID: 181049166MM", HealthPlanId, "181049166MM");
        // A dose or a duration still is.
        nothing("Dose: 5000U");
        nothing("Interval: 24h");
    }

    #[test]
    fn labels_need_their_suffix() {
        nothing("Patient 12345 denies");
        nothing("patient no longer takes 100 mg");
        nothing("The chart 2023 review; chart reviewed");
        nothing("Record 55, hospital 22");
        labelled("chart UZ833879 updated", MedicalRecordNumber, "UZ833879");
        labelled("Insurance: 922048-73 (Medicaid)", HealthPlanId, "922048-73");
        labelled("Primary Insurance:\tW530535896", HealthPlanId, "W530535896");
        labelled("Card on file: 29311274381", AccountNumber, "29311274381");
        labelled("NP, Lic. LCSW-44133", MedicalLicense, "LCSW-44133");
        nothing("Insurance: BCBS PPO; insurance 2019");
        nothing("Plan: 1. Continue sertraline 50 mg");
        nothing("Visit: 99214");
        nothing("patient code status full code 99291");
    }

    #[test]
    fn social_security_numbers() {
        labelled("SSN: 123-45-6789", UsSsn, "123-45-6789");
        labelled("SSN 123 45 6789 on file", UsSsn, "123 45 6789");
        labelled("SSN: 000-12-3456", UsSsn, "000-12-3456");
        labelled("SSN xxx-xx-6789", UsSsn, "6789");
        labelled("SSN: ***-**-6789", UsSsn, "6789");
        labelled("SSN ending in 6789", UsSsn, "6789");
        labelled("last four of SSN: 6789", UsSsn, "6789");
        labelled("SSN (last 4) 6789", UsSsn, "6789");
        labelled("Social Security #: 123456789", UsSsn, "123456789");
        labelled("SS# 123-45-6789", UsSsn, "123-45-6789");
        labelled("ITIN 912-70-1234", UsItin, "912-70-1234");
    }

    #[test]
    fn health_plan_numbers() {
        labelled("Member ID: W123456789", HealthPlanId, "W123456789");
        labelled("member id XGH 44719920", HealthPlanId, "XGH 44719920");
        labelled("Subscriber #: 99812-01", HealthPlanId, "99812-01");
        labelled("policy number 7781-2231", HealthPlanId, "7781-2231");
        labelled("Group No. 00451", HealthPlanId, "00451");
        labelled("Medicaid ID: NY1234567", HealthPlanId, "NY1234567");
        labelled("Medicare 1EG4-TE5-MK73", HealthPlanId, "1EG4-TE5-MK73");
        labelled("MBI: 1EG4 TE5 MK73", HealthPlanId, "1EG4 TE5 MK73");
        labelled("HICN 123456789A", HealthPlanId, "123456789A");
        labelled("Aetna ID W88213", HealthPlanId, "W88213");
        labelled("beneficiary ID: 3321-77", HealthPlanId, "3321-77");
        labelled("insurance card number: ZX-77123", HealthPlanId, "ZX-77123");
        nothing("Medicare since 2015");
        nothing("Medicaid 2019 renewal");
        nothing("group therapy 3 times");
    }

    #[test]
    fn account_and_bank_numbers() {
        labelled("Account #: 55-1234-99", AccountNumber, "55-1234-99");
        labelled("acct 00981234", AccountNumber, "00981234");
        labelled("billing number 445566", AccountNumber, "445566");
        labelled("Claim # C-2023-1189", AccountNumber, "C-2023-1189");
        labelled("invoice 88123", AccountNumber, "88123");
        labelled("bank account 123456789012", UsBankNumber, "123456789012");
        labelled("checking account: 0099887766", UsBankNumber, "0099887766");
        labelled("routing number 021000021", AbaRoutingNumber, "021000021");
        labelled(
            "IBAN: DE89 3704 0044 0532 0130 00.",
            IbanCode,
            "DE89 3704 0044 0532 0130 00",
        );
        labelled("card ending in 4242", CreditCard, "4242");
        labelled("Visa ending 1881", CreditCard, "1881");
        nothing("Visa status: H-1B; visa H1B");
        labelled("credit card: ****-****-****-1234", CreditCard, "1234");
        nothing("account for 50% of cases");
        nothing("on account of 3 falls");
    }

    #[test]
    fn provider_numbers_and_licences() {
        labelled("NPI: 1234567893", Npi, "1234567893");
        labelled("DEA # AB1234563", DeaNumber, "AB1234563");
        labelled("Medical License: MD12345", MedicalLicense, "MD12345");
        labelled("license # A123456", MedicalLicense, "A123456");
        labelled("Lic: 2231-99", MedicalLicense, "2231-99");
        labelled("RN license 8812-33", MedicalLicense, "8812-33");
        labelled("driver's license: D1234567", UsDriverLicense, "D1234567");
        labelled(
            "Driver License No. 99-123-456",
            UsDriverLicense,
            "99-123-456",
        );
        labelled("DL# S530-4411-2231", UsDriverLicense, "S530-4411-2231");
        labelled("passport 912345678", UsPassport, "912345678");
        labelled("Passport No: C03005988", UsPassport, "C03005988");
        labelled(
            "birth certificate 2001-44-1123",
            LicenseNumber,
            "2001-44-1123",
        );
        labelled("BLS certification #: 55123", LicenseNumber, "55123");
        labelled("marriage license 77-1234", LicenseNumber, "77-1234");
        nothing("glucose 110 mg/dL 120 mg/dL");
        nothing("GLUCOSE 110 MG/DL 120");
        nothing("license suspended in 2019");
    }

    #[test]
    fn vehicles() {
        labelled("VIN: 1M8GDM9AXKP042788", VehicleId, "1M8GDM9AXKP042788");
        labelled("VIN WVWZZZ1JZXW000001", VehicleId, "WVWZZZ1JZXW000001");
        labelled("plate 7ABC123", VehicleId, "7ABC123");
        labelled("Drives a Ford Escape, plate FLE 322.", VehicleId, "FLE 322");
        labelled("license plate: ABC-1234", VehicleId, "ABC-1234");
        labelled("tag # XYZ 1234", VehicleId, "XYZ 1234");
        nothing("LCP plate 12-hole with 6 screws");
    }

    #[test]
    fn devices() {
        labelled("pacemaker serial no. PJN123456", DeviceId, "PJN123456");
        labelled("SN: 8812-AB-77", DeviceId, "8812-AB-77");
        labelled("S/N 44-55123", DeviceId, "44-55123");
        labelled("serial number: XK99123", DeviceId, "XK99123");
        labelled("implant ID 55123-B", DeviceId, "55123-B");
        labelled("pump serial # 9981234", DeviceId, "9981234");
        labelled("IMEI 490154203237518", DeviceId, "490154203237518");
        nothing("serial 12-lead ECGs");
        nothing("serial troponins x3");
        nothing("serial q4h neuro checks; serial 3 troponins");
        labelled(
            "Medtronic pacemaker, serial PJN123456",
            DeviceId,
            "PJN123456",
        );
        labelled("(Medtronic, SN PJN123456)", DeviceId, "PJN123456");
    }

    #[test]
    fn other_identifiers() {
        labelled("voiceprint ID 88123", IdNumber, "88123");
        labelled("fingerprint 00912", IdNumber, "00912");
        labelled("Case #: 2023-CV-0091", IdNumber, "2023-CV-0091");
        labelled("employee ID E-55123", IdNumber, "E-55123");
        labelled("Study ID: STX-0042", IdNumber, "STX-0042");
        labelled("subject 1043", IdNumber, "1043");
        labelled("participant ID P-0042", IdNumber, "P-0042");
        labelled("badge 4471", IdNumber, "4471");
        labelled("visit number 55123", IdNumber, "55123");
        labelled("encounter #: 9981231", IdNumber, "9981231");
        labelled("accession 23-S-44512", IdNumber, "23-S-44512");
        labelled("specimen ID S23-1123", IdNumber, "S23-1123");
        labelled("Lab ID: L99812", IdNumber, "L99812");
        labelled("requisition # R-5512", IdNumber, "R-5512");
        labelled("ID: 55-9912", IdNumber, "55-9912");
        labelled("#: AB-99123", IdNumber, "AB-99123");
        labelled("Chart: 0091234", MedicalRecordNumber, "0091234");
        labelled("MRN | 00123456", MedicalRecordNumber, "00123456");
        nothing("Room #: 412; Phone #: 212-555-0198; Lot #: EK5730");
        nothing("ID: 212-555-0198");
        nothing("Boise, ID 83702");
        nothing("Boise ID 83702-1234");
        labelled("Group: 55123", HealthPlanId, "55123");
        nothing("Group: 12 participants");
        labelled(
            "the patient's ID number is 12345",
            MedicalRecordNumber,
            "12345",
        );
        nothing("DL: discussed lipids. DL 130.");
        labelled("prior auth # PA77123", IdNumber, "PA77123");
        labelled("Ref: 2023-11-8812", IdNumber, "2023-11-8812");
        labelled("CSN: 100293847", IdNumber, "100293847");
    }

    #[test]
    fn infectious_disease_is_not_an_id() {
        nothing("ID consulted, recommends 6-8 weeks of cefazolin");
        nothing("ID: 14 days ceftriaxone");
        nothing("ID recs: vancomycin 1250 mg q12h");
        nothing("ID follow-up 03/14/2024");
        nothing("ID 6-8 weeks");
    }

    #[test]
    fn clinical_values_are_not_ids() {
        nothing("BP 128/82, HR 72, SpO2 98%");
        nothing("Na 138, A1c 7.2%, PHQ-9: 14, GAD-7 11, YMRS 30");
        nothing("sertraline 50 mg; F33.1; E11.9; Z79.899; CPT 90837; 99214");
        nothing("patient number 2 of 3");
        nothing("subject to 2019 guidelines");
        nothing("Lab: 5/12 WBC 12.3");
        nothing("specimen: 24-hour urine");
        nothing("Order # 3");
        nothing("Lab: CBC 12.3");
        nothing("Auth: 120 units");
        nothing("Hospital: 200 beds");
        nothing("ID: 12 weeks");
        nothing("policy 2019");
    }

    #[test]
    fn non_ascii_neighbours() {
        nothing("éMRN 12345");
        labelled("José Núñez, MRN: 4456721", MedicalRecordNumber, "4456721");
        labelled("MRN – 4456721", MedicalRecordNumber, "4456721");
        nothing("MRN: 4456é");
    }

    #[test]
    fn end_to_end_masking() {
        assert_eq!(
            masked("MRN: 00123456; member ID W99812 (PHQ-9: 14)"),
            "MRN: ●●●●●●●●; member ID ●●●●●● (PHQ-9: 14)"
        );
        assert_found(
            "Patient ID A-99812, SSN 123-45-6789, plate 7ABC123.",
            &[
                (MedicalRecordNumber, "A-99812"),
                (UsSsn, "123-45-6789"),
                (VehicleId, "7ABC123"),
            ],
        );
        assert_none("Seen for F33.1; sertraline 50 mg; BP 128/82; HR 72.");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_are_char_boundaries(
            prefix in "\\PC{0,20}",
            label in "(MRN|SSN|ID|#:|member ID|serial no\\.|DL|acct)",
            sep in "[ :#\\-–.(|\n]{0,4}",
            value in "[A-Za-z0-9*é\\-/. ]{0,16}",
            suffix in "\\PC{0,10}",
        ) {
            let text = format!("{prefix}{label}{sep}{value}{suffix}");
            let r = recognizer();
            let mut out = Vec::new();
            r.recognize(&phimask_core::document::Document::new(&text), &Context::default(), &mut out).expect("recognizes");
            for c in &out {
                proptest::prop_assert!(text.is_char_boundary(c.span.start));
                proptest::prop_assert!(text.is_char_boundary(c.span.end));
                proptest::prop_assert!(c.span.start < c.span.end);
                proptest::prop_assert!(text[c.span.range()].bytes().any(|b| b.is_ascii_digit()));
            }
        }

        #[test]
        fn labelled_mrns_are_always_found(
            prefix in "[a-z ,.]{0,30}",
            digits in "[0-9]{6,10}",
        ) {
            let text = format!("{prefix} MRN: {digits}. Seen today.");
            let found = only_labelled(&text);
            proptest::prop_assert_eq!(found, vec![(MedicalRecordNumber, digits.clone())]);
        }
    }
}
