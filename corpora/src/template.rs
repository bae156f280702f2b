//! The template language shared by the generator and [`render_template`].
//!
//! * `{SLOT}` inserts a value and annotates it (see [`slots`]);
//! * `{?a|b|c}` picks one option; `{~text}` includes `text` half the time;
//! * `{%a|b|c}` renders every option, in random order;
//! * `{K:ENTITY:text}` / `{P:ENTITY:text}` write `text` as a keep / PHI
//!   annotation of that entity;
//! * `{H:Title}` renders a section header in the note's header style
//!   ("Title:", "TITLE:", "[Title]", …);
//! * `{{` and `}}` are literal braces (outside groups); inside a group a
//!   literal `|` is written `\|`.

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::values::{self, pick, DateStyle, Person, Value, Ymd, REFERENCE};
use crate::{Annotation, CorpusError, CorpusErrorKind, Note};

/// Every slot name the renderer knows.
const SLOTS: &[&str] = &[
    // Generic PHI, a fresh value each time.
    "PERSON",
    "FIRST_NAME",
    "LAST_NAME",
    "DR_ANY",
    "DATE",
    "DATE_DAY_MONTH",
    "DATE_MONTH_YEAR",
    "DATETIME",
    "DOB",
    "AGE_OVER_89",
    "AGE_NUM_OVER_89",
    "PHONE",
    "FAX",
    "EMAIL",
    "SSN",
    "SSN_LAST4",
    "MRN",
    "HEALTH_PLAN_ID",
    "ACCOUNT",
    "ADDRESS",
    "STREET",
    "CITY",
    "COUNTY",
    "ZIP",
    "FACILITY",
    "URL",
    "IP",
    "LICENSE",
    "NPI",
    "DEA",
    "VIN",
    "PLATE",
    "DEVICE_ID",
    "ID",
    "IBAN",
    "PASSPORT",
    "NEIGHBORHOOD",
    // Keep slots.
    "AGE",
    "AGE_NUM",
    "STATE",
    "COUNTRY",
    "YEAR",
    "RELATIVE_DATE",
    "MEDICATION",
    "VITAL",
    "LAB",
    "SCORE",
    "ICD10",
    "CPT",
    "EPONYM",
    "WORD",
    // The note's patient, clinician, relative and clinic (consistent within a note).
    "PT",
    "PT_FULL",
    "PT_FIRST",
    "PT_LAST",
    "PT_TITLE",
    "PT_CAPS",
    "PT_POSS",
    "PT_INITIALS",
    "PT_AGE",
    "PT_AGE_NUM",
    "PT_DOB",
    "PT_BIRTH_YEAR",
    "PT_SEX",
    "PT_HE",
    "PT_HIS",
    "PT_PHONE",
    "PT_EMAIL",
    "PT_MRN",
    "PT_ADDRESS",
    "PT_ADDRESS_LINES",
    "PT_CITY",
    "PT_STATE",
    "DR",
    "DR_FULL",
    "DR_LAST",
    "DR_SIG",
    "REL",
    "REL_FULL",
    "REL_ROLE",
    "STAFF",
    "VISIT_DATE",
    "ADMIT_DATE",
    "DISCHARGE_DATE",
    "NEXT_DATE",
    "CLINIC",
    "CLINIC_PHONE",
    "CLINIC_FAX",
    "CLINIC_ADDRESS",
];

/// The slot names [`render_template`] knows.
///
/// # Example
/// ```
/// assert!(phimask_corpora::slots().contains(&"MRN"));
/// ```
pub fn slots() -> &'static [&'static str] {
    SLOTS
}

/// User formats for slot values: slot name → pattern, where `#` is a digit,
/// `A` an upper-case letter, `a` a lower-case letter, `?` a letter or
/// digit, and any other character is literal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValueFormats {
    formats: BTreeMap<String, String>,
}

impl ValueFormats {
    /// No formats: every slot uses the built-in generators.
    pub fn new() -> ValueFormats {
        ValueFormats::default()
    }

    /// Sets the format of a slot (for the `PT_`/`CLINIC_` slots, set the
    /// generic one: `MRN` also shapes `PT_MRN`, `PHONE` shapes `PT_PHONE`).
    ///
    /// # Errors
    /// When the slot is unknown, or the format has no `#`, `A`, `a` or `?`.
    ///
    /// # Example
    /// ```
    /// use phimask_corpora::{render_template, ValueFormats};
    /// let mut f = ValueFormats::new();
    /// f.set("MRN", "MRN-######")?;
    /// let note = render_template("Chart {MRN}", 3, &f)?;
    /// assert!(note.text.starts_with("Chart MRN-"));
    /// assert_eq!(note.phi[0].start, 6);
    /// # Ok::<(), phimask_corpora::CorpusError>(())
    /// ```
    pub fn set(&mut self, slot: &str, format: &str) -> Result<(), CorpusError> {
        if !SLOTS.contains(&slot) {
            return Err(CorpusError::new(CorpusErrorKind::UnknownSlot {
                slot: slot.to_owned(),
            }));
        }
        if !format.chars().any(|c| matches!(c, '#' | 'A' | 'a' | '?')) {
            return Err(CorpusError::new(CorpusErrorKind::BadFormat {
                slot: slot.to_owned(),
            }));
        }
        self.formats.insert(slot.to_owned(), format.to_owned());
        Ok(())
    }

    fn get(&self, slot: &str) -> Option<&str> {
        self.formats.get(slot).map(String::as_str)
    }
}

fn apply_format<R: Rng + ?Sized>(rng: &mut R, format: &str) -> String {
    const ALNUM: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    format
        .chars()
        .map(|c| match c {
            '#' => char::from(b'0' + rng.random_range(0..10u8)),
            'A' => char::from(b'A' + rng.random_range(0..26u8)),
            'a' => char::from(b'a' + rng.random_range(0..26u8)),
            '?' => char::from(ALNUM[rng.random_range(0..ALNUM.len())]),
            other => other,
        })
        .collect()
}

/// Renders a template into an annotated note (id `template-<seed>`, kind
/// `template`). PHI slots become `phi` annotations; keep slots (`AGE` under
/// 90, `STATE`, `COUNTRY`, `YEAR`, `RELATIVE_DATE`, drugs, vitals, scores,
/// codes, eponyms) become `keep` annotations. The same seed gives the same
/// note.
///
/// # Errors
/// An unknown slot (the error names it) or an unbalanced brace.
///
/// # Example
/// ```
/// use phimask_corpora::{render_template, ValueFormats};
/// let note = render_template("{PERSON}, {AGE}, lives in {STATE}. SSN {SSN}.", 7, &ValueFormats::new())?;
/// assert_eq!(note.phi.len(), 2);
/// assert_eq!(note.keep.len(), 2);
/// assert!(render_template("{NOPE}", 7, &ValueFormats::new()).unwrap_err().to_string().contains("NOPE"));
/// # Ok::<(), phimask_corpora::CorpusError>(())
/// ```
pub fn render_template(
    template: &str,
    seed: u64,
    formats: &ValueFormats,
) -> Result<Note, CorpusError> {
    let mut ctx = Ctx::new(seed, formats, Noise::none());
    ctx.render(template, 0)?;
    Ok(ctx.finish(format!("template-{seed}"), "template".to_owned()))
}

/// Formatting noise applied to literal text.
#[derive(Clone, Debug)]
pub(crate) struct Noise {
    pub double_space: f64,
    pub tab_after_colon: f64,
    pub header_style: u8,
    pub caps_headers: bool,
    pub all_caps: bool,
}

impl Noise {
    pub(crate) fn none() -> Noise {
        Noise {
            double_space: 0.0,
            tab_after_colon: 0.0,
            header_style: 0,
            caps_headers: false,
            all_caps: false,
        }
    }

    pub(crate) fn random<R: Rng + ?Sized>(rng: &mut R) -> Noise {
        let noisy = rng.random_bool(0.3);
        Noise {
            double_space: if noisy {
                rng.random_range(0.02..0.12)
            } else {
                0.0
            },
            tab_after_colon: if rng.random_bool(0.2) { 0.6 } else { 0.0 },
            header_style: rng.random_range(0..8),
            caps_headers: rng.random_bool(0.3),
            all_caps: rng.random_bool(0.05),
        }
    }
}

struct Addr {
    street: String,
    city: String,
    state: String,
    zip: String,
}

struct Persona {
    pt: Person,
    age: u32,
    dob: Ymd,
    visit: Ymd,
    admit: Ymd,
    discharge: Ymd,
    next: Ymd,
    dr: Person,
    rel: Person,
    rel_role: &'static str,
    staff: Person,
    clinic: String,
    clinic_phone: Value,
    clinic_fax: Value,
    clinic_addr: Addr,
    pt_addr: Addr,
    pt_phone: Value,
    pt_email: String,
    mrn: String,
}

fn addr<R: Rng + ?Sized>(rng: &mut R) -> Addr {
    Addr {
        street: values::street_address(rng),
        city: values::city(rng),
        state: values::state(rng),
        zip: values::zip(rng),
    }
}

impl Persona {
    fn random<R: Rng + ?Sized>(rng: &mut R) -> Persona {
        let pt = Person::random(rng);
        let r: f64 = rng.random();
        let age = if r < 0.09 {
            rng.random_range(90..106)
        } else if r < 0.13 {
            rng.random_range(8..18)
        } else {
            rng.random_range(18..90)
        };
        // Born so that the age on the reference date is exactly `age`.
        let dob = Ymd {
            y: REFERENCE.y - age as i32,
            m: REFERENCE.m,
            d: REFERENCE.d,
        }
        .add_days(-rng.random_range(1..364));
        let visit = Ymd::random(rng, 2023, 2026);
        let visit = if (visit.y, visit.m, visit.d) > (REFERENCE.y, REFERENCE.m, REFERENCE.d) {
            REFERENCE.add_days(-rng.random_range(1..300))
        } else {
            visit
        };
        let admit = visit.add_days(-rng.random_range(2..30));
        let next = visit.add_days(rng.random_range(7..60));
        let mut rel = Person::random(rng);
        if rng.random_bool(0.5) {
            rel.last = pt.last.clone();
        }
        let rel_role = *pick(
            rng,
            &[
                "mother",
                "father",
                "wife",
                "husband",
                "sister",
                "brother",
                "daughter",
                "son",
                "partner",
                "aunt",
                "grandmother",
                "roommate",
                "friend",
                "case manager",
            ],
        );
        let pt_email = values::email_for(rng, &pt);
        Persona {
            age,
            dob,
            visit,
            admit,
            discharge: visit,
            next,
            dr: Person::random(rng),
            rel,
            rel_role,
            staff: Person::random(rng),
            clinic: values::facility(rng),
            clinic_phone: values::phone_value(rng),
            clinic_fax: values::phone_value(rng),
            clinic_addr: addr(rng),
            pt_addr: addr(rng),
            pt_phone: values::phone_value(rng),
            pt_email,
            mrn: values::mrn(rng),
            pt,
        }
    }
}

pub(crate) struct Ctx<'f> {
    pub rng: ChaCha8Rng,
    text: String,
    phi: Vec<Annotation>,
    keep: Vec<Annotation>,
    noise: Noise,
    formats: &'f ValueFormats,
    p: Persona,
}

const MAX_DEPTH: usize = 32;

impl<'f> Ctx<'f> {
    pub(crate) fn new(seed: u64, formats: &'f ValueFormats, noise: Noise) -> Ctx<'f> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let p = Persona::random(&mut rng);
        Ctx {
            rng,
            text: String::new(),
            phi: Vec::new(),
            keep: Vec::new(),
            noise,
            formats,
            p,
        }
    }

    pub(crate) fn finish(self, id: String, kind: String) -> Note {
        Note {
            id,
            kind,
            text: self.text,
            phi: self.phi,
            keep: self.keep,
        }
    }

    fn lit(&mut self, s: &str) {
        let s = s.replace("\\|", "|");
        let s = if self.noise.all_caps {
            caps_same_len(&s)
        } else {
            s
        };
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if c == ' '
                && self.noise.double_space > 0.0
                && self.rng.random_bool(self.noise.double_space)
            {
                self.text.push_str("  ");
            } else if c == ':'
                && chars.peek() == Some(&' ')
                && self.noise.tab_after_colon > 0.0
                && self.rng.random_bool(self.noise.tab_after_colon)
            {
                chars.next();
                self.text.push_str(":\t");
            } else {
                self.text.push(c);
            }
        }
    }

    fn phi_v(&mut self, entity: &str, v: &Value) {
        let s = self.text.len();
        if self.noise.all_caps {
            self.text.push_str(&caps_same_len(&v.text));
        } else {
            self.text.push_str(&v.text);
        }
        let mut a = Annotation::new(entity, s, self.text.len());
        a.optional = v.optional.iter().map(|o| [s + o[0], s + o[1]]).collect();
        self.phi.push(a);
    }

    fn phi(&mut self, entity: &str, v: &str) {
        self.phi_v(entity, &Value::plain(v));
    }

    fn keep(&mut self, entity: &str, v: &str) {
        let s = self.text.len();
        if self.noise.all_caps {
            self.text.push_str(&caps_same_len(v));
        } else {
            self.text.push_str(v);
        }
        self.keep.push(Annotation::new(entity, s, self.text.len()));
    }

    /// A value from the user's format for `slot`, else from `gen`.
    fn formatted(&mut self, slot: &str, gen: impl FnOnce(&mut ChaCha8Rng) -> String) -> String {
        match self.formats.get(slot) {
            Some(f) => apply_format(&mut self.rng, f),
            None => gen(&mut self.rng),
        }
    }

    fn formatted_v(&mut self, slot: &str, gen: impl FnOnce(&mut ChaCha8Rng) -> Value) -> Value {
        match self.formats.get(slot) {
            Some(f) => Value::plain(apply_format(&mut self.rng, f)),
            None => gen(&mut self.rng),
        }
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    pub(crate) fn render(&mut self, t: &str, depth: usize) -> Result<(), CorpusError> {
        if depth > MAX_DEPTH {
            return Err(CorpusError::new(CorpusErrorKind::BadTemplate { offset: 0 }));
        }
        let b = t.as_bytes();
        let mut i = 0;
        let mut lit_start = 0;
        while i < b.len() {
            match b[i] {
                b'{' if b.get(i + 1) == Some(&b'{') => {
                    self.lit(&t[lit_start..i]);
                    self.text.push('{');
                    i += 2;
                    lit_start = i;
                }
                b'}' if b.get(i + 1) == Some(&b'}') => {
                    self.lit(&t[lit_start..i]);
                    self.text.push('}');
                    i += 2;
                    lit_start = i;
                }
                b'}' => return Err(CorpusError::new(CorpusErrorKind::BadTemplate { offset: i })),
                b'{' => {
                    self.lit(&t[lit_start..i]);
                    let close = matching(b, i)
                        .ok_or(CorpusError::new(CorpusErrorKind::BadTemplate { offset: i }))?;
                    let inner = &t[i + 1..close];
                    self.group(inner, depth)?;
                    i = close + 1;
                    lit_start = i;
                }
                _ => i += 1,
            }
        }
        self.lit(&t[lit_start..]);
        Ok(())
    }

    fn group(&mut self, inner: &str, depth: usize) -> Result<(), CorpusError> {
        if let Some(rest) = inner.strip_prefix('?') {
            let opts = split_options(rest);
            let k = self.rng.random_range(0..opts.len());
            self.render(opts[k], depth + 1)
        } else if let Some(rest) = inner.strip_prefix('~') {
            if self.chance(0.5) {
                self.render(rest, depth + 1)?;
            }
            Ok(())
        } else if let Some(rest) = inner.strip_prefix('%') {
            let mut opts = split_options(rest);
            // Fisher-Yates with our rng.
            for k in (1..opts.len()).rev() {
                let j = self.rng.random_range(0..=k);
                opts.swap(k, j);
            }
            for o in opts {
                self.render(o, depth + 1)?;
            }
            Ok(())
        } else if let Some(rest) = inner
            .strip_prefix("K:")
            .or_else(|| inner.strip_prefix("P:"))
        {
            let (entity, value) = rest
                .split_once(':')
                .ok_or(CorpusError::new(CorpusErrorKind::BadTemplate { offset: 0 }))?;
            if inner.starts_with('K') {
                self.keep(entity, value);
            } else {
                self.phi(entity, value);
            }
            Ok(())
        } else if let Some(title) = inner.strip_prefix("H:") {
            self.header(title);
            Ok(())
        } else {
            self.slot(inner)
        }
    }

    fn header(&mut self, title: &str) {
        let caps = title.to_uppercase();
        let t = if self.noise.caps_headers {
            caps.as_str()
        } else {
            title
        };
        let s = match self.noise.header_style {
            0 | 7 => format!("{t}:"),
            1 => format!("{caps}:"),
            2 => caps.clone(),
            3 => format!("{t} -"),
            4 => format!("**{t}:**"),
            5 => format!("[{t}]"),
            _ => format!("== {caps} =="),
        };
        self.text.push_str(&s);
    }

    fn age_phrase(&mut self, age: u32) {
        let (prefix, v) = values::age_phrase(&mut self.rng, age);
        self.lit(&prefix);
        if age >= 90 {
            self.phi_v("AGE", &v);
        } else {
            self.keep("AGE", &v.text);
        }
    }

    fn age_num(&mut self, age: u32) {
        let n = age.to_string();
        if age >= 90 {
            self.phi("AGE", &n);
        } else {
            self.keep("AGE", &n);
        }
    }

    /// Makes the note's patient 90 or older (birth date to match).
    pub(crate) fn make_patient_old(&mut self) {
        let age = self.rng.random_range(90..106);
        self.p.age = age;
        self.p.dob = Ymd {
            y: REFERENCE.y - age as i32,
            m: REFERENCE.m,
            d: REFERENCE.d,
        }
        .add_days(-self.rng.random_range(1..364));
    }

    fn name_mention(&mut self, who: Who, style: Option<u8>) {
        let p = match who {
            Who::Pt => &self.p.pt,
            Who::Dr => &self.p.dr,
            Who::Rel => &self.p.rel,
            Who::Staff => &self.p.staff,
        };
        let style = style.unwrap_or_else(|| self.rng.random_range(0..10));
        let title = p.title(&mut self.rng);
        let (prefix, name, suffix) = match style {
            0 => ("", p.full(), ""),
            1 => ("", p.first.clone(), ""),
            2 => (title, p.last.clone(), ""),
            3 => ("", p.last_first(true), ""),
            4 => ("", p.initials_last(), ""),
            5 => ("", p.full().to_lowercase(), ""),
            6 => ("", p.last.clone(), "'s"),
            7 => ("", format!("{} {}", p.first, p.last).to_uppercase(), ""),
            8 => ("", p.last_first(false), ""),
            _ => ("", format!("{} {}", p.first, p.last), ""),
        };
        if !prefix.is_empty() {
            self.lit(prefix);
            self.lit(" ");
        }
        self.phi("PERSON", &name);
        self.lit(suffix);
    }

    fn date(&mut self, d: Ymd, style: DateStyle, year_required: bool) {
        let v = values::format_date(&mut self.rng, d, style, year_required);
        self.phi_v("DATE_TIME", &v);
    }

    fn any_date_style(&mut self) -> DateStyle {
        *pick(
            &mut self.rng,
            &[
                DateStyle::Full,
                DateStyle::Full,
                DateStyle::Full,
                DateStyle::Full,
                DateStyle::DayMonth,
                DateStyle::MonthYear,
                DateStyle::DateTime,
            ],
        )
    }

    fn address(&mut self, a: AddrWho, lines: bool) {
        let (street, city, state, zip) = {
            let a = match a {
                AddrWho::Pt => &self.p.pt_addr,
                AddrWho::Clinic => &self.p.clinic_addr,
            };
            (
                a.street.clone(),
                a.city.clone(),
                a.state.clone(),
                a.zip.clone(),
            )
        };
        self.address_parts(&street, &city, &state, &zip, lines);
    }

    fn address_parts(&mut self, street: &str, city: &str, state: &str, zip: &str, lines: bool) {
        let zip = match self.formats.get("ZIP") {
            Some(f) => apply_format(&mut self.rng, f),
            None => zip.to_owned(),
        };
        self.phi("STREET_ADDRESS", street);
        self.lit(if lines { "\n" } else { ", " });
        self.phi("CITY", city);
        self.lit(", ");
        self.keep("US_STATE", state);
        self.lit(" ");
        self.phi("ZIP_CODE", &zip);
    }

    fn slot(&mut self, name: &str) -> Result<(), CorpusError> {
        match name {
            "PERSON" => {
                let v = values::person_name(&mut self.rng);
                self.phi("PERSON", &v);
            }
            "FIRST_NAME" => {
                let v = values::first_name(&mut self.rng);
                self.phi("PERSON", &v);
            }
            "LAST_NAME" => {
                let v = values::last_name(&mut self.rng);
                self.phi("PERSON", &v);
            }
            "DR_ANY" => {
                let p = Person::random(&mut self.rng);
                let t = *pick(&mut self.rng, &["Dr.", "Dr", "Doctor", "DR."]);
                self.lit(t);
                self.lit(" ");
                let n = if self.chance(0.6) {
                    p.last
                } else {
                    format!("{} {}", p.first, p.last)
                };
                self.phi("PERSON", &n);
            }
            "DATE" => {
                let d = Ymd::random(&mut self.rng, 2015, 2026);
                let s = self.any_date_style();
                self.date(d, s, false);
            }
            "DATE_DAY_MONTH" => {
                let d = Ymd::random(&mut self.rng, 2015, 2026);
                self.date(d, DateStyle::DayMonth, false);
            }
            "DATE_MONTH_YEAR" => {
                let d = Ymd::random(&mut self.rng, 2015, 2026);
                self.date(d, DateStyle::MonthYear, false);
            }
            "DATETIME" => {
                let d = Ymd::random(&mut self.rng, 2015, 2026);
                self.date(d, DateStyle::DateTime, false);
            }
            "DOB" => {
                let d = Ymd::random(&mut self.rng, 1925, 2020);
                let old = d.age_on(REFERENCE) >= 90;
                self.date(d, DateStyle::Full, old);
            }
            "AGE_OVER_89" => {
                let a = self.rng.random_range(90..110);
                self.age_phrase(a);
            }
            "AGE" => {
                let a = self.rng.random_range(1..90);
                self.age_phrase(a);
            }
            "PHONE" => {
                let v = self.formatted_v("PHONE", values::phone_value);
                self.phi_v("PHONE_NUMBER", &v);
            }
            "FAX" => {
                let v = self.formatted_v("FAX", values::phone_value);
                self.phi_v("FAX_NUMBER", &v);
            }
            "EMAIL" => {
                let v = self.formatted("EMAIL", values::email);
                self.phi("EMAIL_ADDRESS", &v);
            }
            "SSN" => {
                let v = self.formatted("SSN", values::ssn);
                self.phi("US_SSN", &v);
            }
            "SSN_LAST4" => {
                let v = values::ssn_last4(&mut self.rng);
                self.phi_v("US_SSN", &v);
            }
            "MRN" => {
                let v = self.formatted("MRN", values::mrn);
                self.phi("MEDICAL_RECORD_NUMBER", &v);
            }
            "HEALTH_PLAN_ID" => {
                let v = self.formatted("HEALTH_PLAN_ID", values::health_plan_id);
                self.phi("HEALTH_PLAN_ID", &v);
            }
            "ACCOUNT" => {
                let v = self.formatted("ACCOUNT", values::account);
                self.phi("ACCOUNT_NUMBER", &v);
            }
            "ADDRESS" => {
                let a = addr(&mut self.rng);
                self.address_parts(&a.street, &a.city, &a.state, &a.zip, false);
            }
            "STREET" => {
                let v = self.formatted("STREET", values::street_address);
                self.phi("STREET_ADDRESS", &v);
            }
            "CITY" => {
                let v = values::city(&mut self.rng);
                self.phi("CITY", &v);
            }
            "COUNTY" => {
                let v = values::county(&mut self.rng);
                self.phi("COUNTY", &v);
            }
            "ZIP" => {
                let v = self.formatted("ZIP", values::zip);
                self.phi("ZIP_CODE", &v);
            }
            "FACILITY" => {
                let v = values::facility(&mut self.rng);
                self.phi("LOCATION", &v);
            }
            "URL" => {
                let v = self.formatted("URL", values::url);
                self.phi("URL", &v);
            }
            "IP" => {
                let v = values::ip(&mut self.rng);
                self.phi("IP_ADDRESS", &v);
            }
            "LICENSE" => {
                let v = self.formatted("LICENSE", values::license);
                self.phi("LICENSE_NUMBER", &v);
            }
            "NPI" => {
                let v = self.formatted("NPI", values::npi);
                self.phi("NPI", &v);
            }
            "DEA" => {
                let initial = self.p.dr.last.chars().next().unwrap_or('X');
                let v = self.formatted("DEA", |r| values::dea(r, initial));
                self.phi("DEA_NUMBER", &v);
            }
            "VIN" => {
                let v = self.formatted("VIN", values::vin);
                self.phi("VEHICLE_ID", &v);
            }
            "PLATE" => {
                let v = self.formatted("PLATE", values::plate);
                self.phi("VEHICLE_ID", &v);
            }
            "DEVICE_ID" => {
                let v = self.formatted("DEVICE_ID", values::device_id);
                self.phi("DEVICE_ID", &v);
            }
            "ID" => {
                let v = self.formatted("ID", values::id_number);
                self.phi("ID_NUMBER", &v);
            }
            "IBAN" => {
                let v = self.formatted("IBAN", values::iban);
                self.phi("IBAN_CODE", &v);
            }
            "PASSPORT" => {
                let v = self.formatted("PASSPORT", values::passport);
                self.phi("US_PASSPORT", &v);
            }
            "NEIGHBORHOOD" => {
                let v = values::neighborhood(&mut self.rng);
                self.phi("LOCATION", &v);
            }
            "WORD" => {
                let w = values::pick_str(
                    &mut self.rng,
                    &[
                        "hope", "faith", "will", "grant", "joy", "patience", "mark", "rose",
                        "frank", "summer", "dawn", "may", "bill", "guy", "art", "major",
                    ],
                );
                self.keep("COMMON_WORD", w);
            }
            "STATE" => {
                let v = values::state(&mut self.rng);
                self.keep("US_STATE", &v);
            }
            "COUNTRY" => {
                let v = values::country(&mut self.rng);
                self.keep("COUNTRY", &v);
            }
            "YEAR" => {
                let y = self.rng.random_range(1985..2026).to_string();
                self.keep("YEAR", &y);
            }
            "RELATIVE_DATE" => {
                let v = values::relative_time(&mut self.rng);
                self.keep("RELATIVE_TIME", &v);
            }
            "MEDICATION" => {
                let v = values::medication(&mut self.rng);
                self.keep("MEDICATION", &v);
            }
            "VITAL" => {
                let v = values::vital(&mut self.rng);
                self.keep("VITAL", &v);
            }
            "LAB" => {
                let v = values::lab(&mut self.rng);
                self.keep("LAB", &v);
            }
            "SCORE" => {
                let v = values::scale_score(&mut self.rng);
                self.keep("SCORE", &v);
            }
            "ICD10" => {
                let v = values::icd10(&mut self.rng);
                self.keep("ICD10", &v);
            }
            "CPT" => {
                let v = values::cpt(&mut self.rng);
                self.keep("CPT", &v);
            }
            "EPONYM" => {
                let v = values::eponym(&mut self.rng);
                self.keep("EPONYM", &v);
            }
            "PT" => self.name_mention(Who::Pt, None),
            "PT_FULL" => {
                let s = if self.chance(0.85) { 0 } else { 7 };
                self.name_mention(Who::Pt, Some(s));
            }
            "PT_FIRST" => self.name_mention(Who::Pt, Some(1)),
            "PT_LAST" => {
                let n = self.p.pt.last.clone();
                self.phi("PERSON", &n);
            }
            "PT_TITLE" => self.name_mention(Who::Pt, Some(2)),
            "PT_CAPS" => {
                let s = *pick(&mut self.rng, &[3u8, 3, 8, 7]);
                self.name_mention(Who::Pt, Some(s));
            }
            "PT_POSS" => self.name_mention(Who::Pt, Some(6)),
            "PT_INITIALS" => self.name_mention(Who::Pt, Some(4)),
            "PT_AGE" => {
                let a = self.p.age;
                self.age_phrase(a);
            }
            "PT_AGE_NUM" => {
                let a = self.p.age;
                self.age_num(a);
            }
            "AGE_NUM" => {
                let a = self.rng.random_range(1..90);
                self.age_num(a);
            }
            "AGE_NUM_OVER_89" => {
                let a = self.rng.random_range(90..110);
                self.age_num(a);
            }
            "PT_DOB" => {
                let (d, old) = (self.p.dob, self.p.age >= 90);
                let style = if self.chance(0.9) {
                    DateStyle::Full
                } else {
                    DateStyle::MonthYear
                };
                self.date(d, style, old);
            }
            "PT_BIRTH_YEAR" => {
                let y = self.p.dob.y.to_string();
                if self.p.age >= 90 {
                    self.phi("AGE", &y);
                } else {
                    self.keep("YEAR", &y);
                }
            }
            "PT_SEX" => {
                let s = match (self.p.pt.female, self.rng.random_range(0..3)) {
                    (true, 0) => "F",
                    (true, 1) => "female",
                    (true, _) => "woman",
                    (false, 0) => "M",
                    (false, 1) => "male",
                    (false, _) => "man",
                };
                self.lit(s);
            }
            "PT_HE" => {
                let s = self.p.pt.pronoun();
                self.lit(s);
            }
            "PT_HIS" => {
                let s = self.p.pt.possessive();
                self.lit(s);
            }
            "PT_PHONE" => {
                let v = match self.formats.get("PHONE") {
                    Some(f) => Value::plain(apply_format(&mut self.rng, f)),
                    None => self.p.pt_phone.clone(),
                };
                self.phi_v("PHONE_NUMBER", &v);
            }
            "PT_EMAIL" => {
                let v = self.p.pt_email.clone();
                self.phi("EMAIL_ADDRESS", &v);
            }
            "PT_MRN" => {
                let v = match self.formats.get("MRN") {
                    Some(f) => apply_format(&mut self.rng, f),
                    None => self.p.mrn.clone(),
                };
                self.phi("MEDICAL_RECORD_NUMBER", &v);
            }
            "PT_ADDRESS" => self.address(AddrWho::Pt, false),
            "PT_ADDRESS_LINES" => self.address(AddrWho::Pt, true),
            "PT_CITY" => {
                let c = self.p.pt_addr.city.clone();
                self.phi("CITY", &c);
            }
            "PT_STATE" => {
                let s = self.p.pt_addr.state.clone();
                self.keep("US_STATE", &s);
            }
            "DR" if self.chance(0.2) => self.name_mention(Who::Dr, None),
            "DR" => {
                let t = *pick(&mut self.rng, &["Dr.", "Dr.", "Dr", "Doctor", "DR."]);
                self.lit(t);
                self.lit(" ");
                let n = if self.chance(0.7) {
                    self.p.dr.last.clone()
                } else {
                    format!("{} {}", self.p.dr.first, self.p.dr.last)
                };
                self.phi("PERSON", &n);
            }
            "DR_FULL" => {
                let n = self.p.dr.full();
                self.phi("PERSON", &n);
                let cred = *pick(
                    &mut self.rng,
                    &[
                        ", MD",
                        ", M.D.",
                        ", DO",
                        ", PMHNP-BC",
                        ", NP",
                        ", LCSW",
                        ", PhD",
                        " MD",
                        ", PA-C",
                        ", LMHC",
                    ],
                );
                self.lit(cred);
            }
            "DR_LAST" => {
                let n = self.p.dr.last.clone();
                self.phi("PERSON", &n);
            }
            "DR_SIG" => {
                let lead = *pick(
                    &mut self.rng,
                    &[
                        "Electronically signed by: ",
                        "Signed: ",
                        "-- ",
                        "Attending: ",
                        "Provider: ",
                        "e-signed by ",
                        "Thanks,\n",
                        "Sincerely,\n\n",
                    ],
                );
                self.lit(lead);
                let n = match self.rng.random_range(0..3) {
                    0 => self.p.dr.full(),
                    1 => format!("{} {}", self.p.dr.first, self.p.dr.last),
                    _ => self.p.dr.initials_last(),
                };
                self.phi("PERSON", &n);
                let cred = *pick(
                    &mut self.rng,
                    &[
                        ", MD", ", M.D.", ", DO", ", PMHNP", ", LCSW", ", PhD", " MD", "",
                    ],
                );
                self.lit(cred);
            }
            "REL" => self.name_mention(Who::Rel, Some(1)),
            "REL_FULL" => {
                let s = *pick(&mut self.rng, &[0u8, 9, 2, 5]);
                self.name_mention(Who::Rel, Some(s));
            }
            "REL_ROLE" => {
                let r = self.p.rel_role;
                self.lit(r);
            }
            "STAFF" => {
                let s = *pick(&mut self.rng, &[0u8, 9, 1, 4, 2]);
                self.name_mention(Who::Staff, Some(s));
            }
            "VISIT_DATE" => {
                let d = self.p.visit;
                let s = if self.chance(0.85) {
                    DateStyle::Full
                } else {
                    DateStyle::DateTime
                };
                self.date(d, s, false);
            }
            "ADMIT_DATE" => {
                let d = self.p.admit;
                self.date(d, DateStyle::Full, false);
            }
            "DISCHARGE_DATE" => {
                let d = self.p.discharge;
                self.date(d, DateStyle::Full, false);
            }
            "NEXT_DATE" => {
                let d = self.p.next;
                let s = if self.chance(0.6) {
                    DateStyle::Full
                } else {
                    DateStyle::DayMonth
                };
                self.date(d, s, false);
            }
            "CLINIC" => {
                let c = self.p.clinic.clone();
                self.phi("LOCATION", &c);
            }
            "CLINIC_PHONE" => {
                let v = self.p.clinic_phone.clone();
                self.phi_v("PHONE_NUMBER", &v);
            }
            "CLINIC_FAX" => {
                let v = self.p.clinic_fax.clone();
                self.phi_v("FAX_NUMBER", &v);
            }
            "CLINIC_ADDRESS" => {
                self.address(AddrWho::Clinic, self.noise.header_style.is_multiple_of(2))
            }
            other => {
                return Err(CorpusError::new(CorpusErrorKind::UnknownSlot {
                    slot: other.to_owned(),
                }))
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Who {
    Pt,
    Dr,
    Rel,
    Staff,
}

#[derive(Clone, Copy)]
enum AddrWho {
    Pt,
    Clinic,
}

/// Upper-cases every character whose upper case is one character of the
/// same UTF-8 length (so offsets inside the string stay valid).
fn caps_same_len(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut up = c.to_uppercase();
            match (up.next(), up.next()) {
                (Some(u), None) if u.len_utf8() == c.len_utf8() => u,
                _ => c,
            }
        })
        .collect()
}

/// The index of the `}` closing the `{` at `open`.
fn matching(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, &c) in b.iter().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// Splits at `|` outside nested braces (a `\|` is not a separator).
fn split_options(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (k, &c) in b.iter().enumerate() {
        match c {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'|' if depth == 0 && (k == 0 || b[k - 1] != b'\\') => {
                out.push(&s[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(note: &Note) {
        for a in note.phi.iter().chain(&note.keep) {
            assert!(note.text.get(a.start..a.end).is_some());
        }
    }

    #[test]
    fn every_slot_renders_and_annotates() {
        let f = ValueFormats::new();
        for s in slots() {
            for seed in 0..20 {
                let n = render_template(&format!("x {{{s}}} y"), seed, &f).unwrap();
                check(&n);
                assert!(n.text.starts_with("x ") && n.text.ends_with(" y"), "{s}");
                let silent = matches!(*s, "PT_SEX" | "PT_HE" | "PT_HIS" | "REL_ROLE");
                assert_eq!(n.phi.is_empty() && n.keep.is_empty(), silent, "{s}");
            }
        }
    }

    #[test]
    fn groups_and_escapes() {
        let f = ValueFormats::new();
        let n = render_template("{{lit}} {?a|b} {%x|y} {~z}|\\|", 5, &f).unwrap();
        assert!(n.text.starts_with("{lit} "), "{}", n.text);
        assert!(n.text.contains('x') && n.text.contains('y'));
        let e = render_template("oops {PERSON", 1, &f).unwrap_err();
        assert_eq!(e.kind(), &CorpusErrorKind::BadTemplate { offset: 5 });
        assert!(render_template("a } b", 1, &f).is_err());
    }

    #[test]
    fn literal_annotations() {
        let f = ValueFormats::new();
        let n = render_template("I {K:COMMON_WORD:hope} {P:PERSON:Will} comes", 1, &f).unwrap();
        assert_eq!(n.text, "I hope Will comes");
        assert_eq!((n.keep[0].start, n.keep[0].end), (2, 6));
        assert_eq!(
            (n.phi[0].start, n.phi[0].end, n.phi[0].entity.as_str()),
            (7, 11, "PERSON")
        );
        assert!(render_template("{K:nocolon}", 1, &f).is_err());
    }

    #[test]
    fn all_caps_keeps_offsets() {
        let f = ValueFormats::new();
        let mut noise = Noise::none();
        noise.all_caps = true;
        let mut ctx = Ctx::new(3, &f, noise);
        ctx.render("name {P:PERSON:Groß Núñez} ok", 0).unwrap();
        let n = ctx.finish("x".into(), "k".into());
        assert_eq!(n.text, "NAME GROß NÚÑEZ OK");
        assert_eq!(n.slice(&n.phi[0]), Some("GROß NÚÑEZ"));
    }

    #[test]
    fn deterministic_and_keeps() {
        let f = ValueFormats::new();
        let t = "{PT_FULL} ({PT_AGE}) from {STATE}; {MEDICATION}; {SCORE} {?since {YEAR}|{RELATIVE_DATE}}";
        let a = render_template(t, 11, &f).unwrap();
        let b = render_template(t, 11, &f).unwrap();
        assert_eq!(a, b);
        assert!(a.keep.iter().any(|k| k.entity == "US_STATE"));
        assert!(a.keep.iter().any(|k| k.entity == "MEDICATION"));
    }

    #[test]
    fn formats_apply_and_validate() {
        let mut f = ValueFormats::new();
        f.set("SSN", "###-##-####").unwrap();
        f.set("ID", "EMP-AA?#").unwrap();
        assert!(f.set("NOPE", "###").is_err());
        assert!(f.set("MRN", "----").is_err());
        let n = render_template("{SSN} {ID}", 2, &f).unwrap();
        let ssn = n.slice(&n.phi[0]).unwrap();
        assert!(ssn.len() == 11 && ssn.as_bytes()[3] == b'-');
        assert!(n.slice(&n.phi[1]).unwrap().starts_with("EMP-"));
    }
}
