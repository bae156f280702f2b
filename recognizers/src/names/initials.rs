//! Initials in positions that only a person fills (id `person_initials`).
//!
//! Initials alone say little ("BP", "RN", "NM" are abbreviations), so this
//! recognizer reports them only where the layout says they stand for a
//! person, whatever their letters and script:
//!
//! * the value of a reference or transcription label, initials joined by
//!   slashes ("Ref: hr/cm", "Transcribed by: ie/st", "Ref: SL/M.L.");
//! * the person of a verb of signing or checking through "by" ("verified
//!   by AA", "read back by jd at 2:50") — not a pronoun or a role ("by
//!   me", "by RN");
//! * a sign-off: bracketed initials alone on the line under a short
//!   signature line ("Thanks,\nRose\n(rf)");
//! * a speaker label whose initials follow the speaker's given name and
//!   start with its letter ("[nurse] mohammed mk: hi").
//!
//! The label, verb and exclusion words are data
//! (`data/names/initials_cues.txt`). Initials tied to a name found
//! elsewhere in the document ("Ann Carter (AC)", "AC = Ann Carter") are
//! the document consistency stage's, in the core crate.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use phimask_core::document::Document;
use phimask_core::{Candidate, Context, Entity, Error, Recognizer, Span};

const CUES: &str = include_str!("../../data/names/initials_cues.txt");

/// Score of initials in one of these positions.
const SCORE: f32 = 0.85;

/// The cue words of `initials_cues.txt`.
struct Cues {
    /// Line labels whose value is initials joined by "/", longest first.
    labels: Vec<String>,
    /// Line labels that also take one set of initials, longest first.
    labels_one: Vec<String>,
    /// Verbs before "by", longest first.
    verbs: Vec<String>,
    /// Words after "by" that are not initials.
    not: HashSet<String>,
}

fn cues() -> &'static Cues {
    static CELL: OnceLock<Cues> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut c = Cues {
            labels: Vec::new(),
            labels_one: Vec::new(),
            verbs: Vec::new(),
            not: HashSet::new(),
        };
        for line in CUES.lines() {
            let line = line.trim();
            if line.starts_with('#') {
                continue;
            }
            let Some((kind, items)) = line.split_once(':') else {
                continue;
            };
            let items = items
                .split(',')
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty());
            match kind.trim() {
                "label" => c.labels.extend(items),
                "label1" => c.labels_one.extend(items),
                "verb" => c.verbs.extend(items),
                "not" => c.not.extend(items),
                _ => {}
            }
        }
        c.labels.sort_by_key(|s| std::cmp::Reverse(s.len()));
        c.labels_one.sort_by_key(|s| std::cmp::Reverse(s.len()));
        c.verbs.sort_by_key(|s| std::cmp::Reverse(s.len()));
        c
    })
}

/// Finds initials in reference lines, after verbs of signing through
/// "by", in sign-offs and in speaker labels.
///
/// # Example
/// ```
/// use phimask_core::Analyzer;
/// use phimask_recognizers::names::InitialsRecognizer;
/// let analyzer = Analyzer::builder().add_recognizer(InitialsRecognizer::new()).build()?;
/// let text = "Ref: hr/cm\nPotassium verified by jd at 14:10; BP 120/80.";
/// let found: Vec<_> = analyzer.analyze(text)?.detections.iter()
///     .filter_map(|d| d.text(text)).collect();
/// assert_eq!(found, ["hr", "cm", "jd"]);
/// # Ok::<(), phimask_core::Error>(())
/// ```
pub struct InitialsRecognizer {
    entities: [Entity; 1],
    id: Arc<str>,
}

impl std::fmt::Debug for InitialsRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InitialsRecognizer")
            .field("id", &self.id)
            .finish()
    }
}

impl Default for InitialsRecognizer {
    fn default() -> Self {
        InitialsRecognizer::new()
    }
}

impl InitialsRecognizer {
    /// The recognizer with the built-in cue words.
    pub fn new() -> InitialsRecognizer {
        InitialsRecognizer {
            entities: [Entity::Person],
            id: Arc::from("person_initials_position"),
        }
    }
}

impl Recognizer for InitialsRecognizer {
    fn id(&self) -> &str {
        &self.id
    }

    fn entities(&self) -> &[Entity] {
        &self.entities
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let mut spans = Vec::new();
        find(doc.text(), &mut spans);
        for (span, pattern) in spans {
            let mut c = Candidate::new(span, Entity::Person, SCORE).with_pattern(pattern);
            c.context_applied = true;
            out.push(c);
        }
        Ok(())
    }
}

/// The lines of `text` as (start, line) pairs, split at any line break.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split(['\n', '\r']).map(move |l| {
        let start = at;
        at += l.len() + 1;
        (start, l)
    })
}

/// All spans found in `text`, with the rule that found each.
fn find(text: &str, out: &mut Vec<(Span, &'static str)>) {
    let cues = cues();
    let mut prev: Option<&str> = None;
    for (start, line) in lines(text) {
        label_value(cues, line, start, out);
        by_verb(cues, line, start, out);
        sign_off(line, prev, start, out);
        speaker(line, start, out);
        if !line.trim().is_empty() {
            prev = Some(line);
        }
    }
    out.sort_by_key(|&(s, _)| (s.start, s.end));
    out.dedup_by_key(|&mut (s, _)| s);
}

/// The byte length of initials at the start of `s`: two or three letters
/// of one case (or of a script without case) not followed by a letter
/// ("hr", "CM", "ов"), or one to three letters each closed by a period
/// ("M.L.", "g.u.", "ف.ا.").
fn initials_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices().peekable();
    // Dotted form.
    let mut n = 0;
    let mut end = 0;
    let mut cases = Vec::new();
    while let Some(&(i, c)) = chars.peek() {
        if !c.is_alphabetic() {
            break;
        }
        chars.next();
        match chars.peek() {
            Some(&(j, '.')) => {
                chars.next();
                n += 1;
                end = j + 1;
                cases.push(case_of(c));
            }
            _ => {
                let _ = i;
                n = 0;
                break;
            }
        }
        if n == 3 {
            break;
        }
    }
    if n >= 1 && one_case(&cases) && !s[end..].starts_with(char::is_alphabetic) {
        return Some(end);
    }
    // Plain form.
    let mut letters = 0;
    let mut end = 0;
    cases.clear();
    for (i, c) in s.char_indices() {
        if !c.is_alphabetic() {
            break;
        }
        letters += 1;
        end = i + c.len_utf8();
        cases.push(case_of(c));
        if letters > 3 {
            return None;
        }
    }
    ((2..=3).contains(&letters) && one_case(&cases)).then_some(end)
}

/// 1 upper, 2 lower, 0 no case.
fn case_of(c: char) -> u8 {
    if c.is_uppercase() {
        1
    } else if c.is_lowercase() {
        2
    } else {
        0
    }
}

fn one_case(cases: &[u8]) -> bool {
    cases.windows(2).all(|w| w[0] == w[1])
}

/// "Ref: hr/cm", "Our ref JS/kl/2024-113", "Transcribed by: ie/st",
/// "Initials: KS": a label from the cue list and initials joined by
/// slashes to the end of the line (reference numbers between them are
/// skipped); one set of initials after a colon for the labels that name
/// one person. And a line that is only "JS/kl" (author in capitals,
/// typist in lower case), the reference of a letter.
fn label_value(cues: &Cues, line: &str, start: usize, out: &mut Vec<(Span, &'static str)>) {
    let body = line.trim_start();
    let lead = start + line.len() - body.len();
    if let Some(found) = slash_initials(body, lead) {
        let differ = found.len() == 2 && {
            let case = |s: &Span| {
                let w = &line[s.start - start..s.end - start];
                w.chars().next().map(case_of)
            };
            let (a, b) = (case(&found[0].0), case(&found[1].0));
            a != b && a != Some(0) && b != Some(0)
        };
        if differ && found.iter().all(|f| f.1) {
            out.extend(found.into_iter().map(|s| (s.0, "initials_reference")));
        }
        return;
    }
    // ASCII folding keeps byte offsets (the cue words are ASCII).
    let lower = body.to_ascii_lowercase();
    let ends_label =
        |l: &str| lower.starts_with(l) && lower[l.len()..].starts_with([':', '.', ' ', '\t']);
    let (label, one) = match cues.labels.iter().find(|l| ends_label(l)) {
        Some(l) => (l, false),
        None => match cues.labels_one.iter().find(|l| ends_label(l)) {
            Some(l) => (l, true),
            None => return,
        },
    };
    let mut rest = &body[label.len()..];
    rest = rest.strip_prefix('.').unwrap_or(rest);
    let rest_t = rest.trim_start_matches([' ', '\t']);
    let (value, colon) = match rest_t.strip_prefix(':') {
        Some(v) => (v, true),
        None => (rest_t, false),
    };
    let Some(found) = slash_initials(value, lead + (body.len() - value.len())) else {
        return;
    };
    let initials = found.iter().filter(|f| f.1).count();
    if initials >= 2 || (one && colon && found.len() == 1 && initials == 1) {
        out.extend(
            found
                .into_iter()
                .filter(|f| f.1)
                .map(|s| (s.0, "initials_reference")),
        );
    }
}

/// The parts of `value` (at byte `at` of the text) if it is parts joined
/// by "/" to the end of the line, each initials (true) or a reference
/// number with a digit (false), with a period or comma at most after.
fn slash_initials(value: &str, mut at: usize) -> Option<Vec<(Span, bool)>> {
    let mut v = value;
    let mut found = Vec::new();
    loop {
        let t = v.trim_start_matches([' ', '\t']);
        at += v.len() - t.len();
        v = t;
        if let Some(n) = initials_len(v) {
            found.push((Span::new(at, at + n), true));
            at += n;
            v = &v[n..];
        } else {
            let n = v
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(v.len());
            if n == 0 || !v[..n].contains(|c: char| c.is_ascii_digit()) {
                return None;
            }
            found.push((Span::new(at, at + n), false));
            at += n;
            v = &v[n..];
        }
        let t = v.trim_start_matches([' ', '\t']);
        if let Some(r) = t.strip_prefix('/') {
            at += v.len() - r.len();
            v = r;
            continue;
        }
        if !t.trim_end_matches(['.', ',', ';', ' ', '\t']).is_empty() {
            return None;
        }
        return Some(found);
    }
}

/// "verified by AA;", "read back by jd at 2:50": initials after a verb of
/// signing or checking and "by", closing the clause.
fn by_verb(cues: &Cues, line: &str, start: usize, out: &mut Vec<(Span, &'static str)>) {
    let lower = line.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = lower[from..].find("by") {
        let at = from + k;
        from = at + 2;
        let before = &lower[..at];
        if !before.ends_with([' ', '\t']) {
            continue;
        }
        let before = before.trim_end();
        let verb_ok = cues.verbs.iter().any(|v| {
            before.ends_with(v.as_str())
                && !before[..before.len() - v.len()].ends_with(char::is_alphanumeric)
        });
        if !verb_ok {
            continue;
        }
        let after = &line[at + 2..];
        let after = after.strip_prefix(':').unwrap_or(after);
        let t = after.trim_start_matches([' ', '\t']);
        if t.len() == after.len() && !line[at + 2..].starts_with(':') {
            continue;
        }
        let s = line.len() - t.len();
        let Some(n) = initials_len(t) else {
            continue;
        };
        let word = t[..n].to_lowercase();
        let dotted = word.contains('.');
        let bare: String = word.chars().filter(|&c| c != '.').collect();
        // Pronouns, roles, routes and tests ("by RN", "by IV", "by ECG");
        // dotted initials ("by M.S.") are a person's.
        let test = bare.chars().count() == 3
            && (super::is_clinical_term(&bare) || super::is_drug_name(&bare));
        if cues.not.contains(bare.as_str()) || (!dotted && test) {
            continue;
        }
        if !closes_clause(&t[n..]) {
            continue;
        }
        out.push((Span::new(start + s, start + s + n), "initials_by"));
    }
}

/// True when what follows initials ends their clause: the end of the
/// line, a punctuation mark, or "at"/"on" and a number ("at 2:50").
fn closes_clause(rest: &str) -> bool {
    let r = rest.trim_start_matches([' ', '\t']);
    if r.is_empty() || r.starts_with([';', ',', ')', ']', '"', '.', '\\', '|', '^', '-']) {
        return true;
    }
    if r.len() == rest.len() {
        return false;
    }
    let lower = r.to_ascii_lowercase();
    ["at ", "on "].iter().any(|p| {
        lower
            .strip_prefix(p)
            .is_some_and(|x| x.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// "(rf)" alone on a line right under a short signature line.
fn sign_off(line: &str, prev: Option<&str>, start: usize, out: &mut Vec<(Span, &'static str)>) {
    let body = line.trim();
    let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) else {
        return;
    };
    if initials_len(inner) != Some(inner.len()) {
        return;
    }
    let Some(prev) = prev else { return };
    let p = prev.trim();
    let short = p.split_whitespace().count() <= 3
        && p.starts_with(char::is_alphabetic)
        && !p.contains(|c: char| c.is_ascii_digit() || matches!(c, ':' | '@' | '|'));
    if !short {
        return;
    }
    let s = start + (line.len() - line.trim_start().len()) + 1;
    out.push((Span::new(s, s + inner.len()), "initials_sign_off"));
}

/// "[nurse] mohammed mk: hi": in a speaker label, initials after the
/// speaker's one given name that start with the name's letter (a known
/// given name unless a bracketed role opens the line), and that name; and
/// "[nurse] lihua: ok", one word after a bracketed role word that is a
/// name or in no word list.
fn speaker(line: &str, start: usize, out: &mut Vec<(Span, &'static str)>) {
    use super::lexicon::{CLINICAL, COMMON, DRUG, FIRST, LABEL, LAST, RELATION, STOP, TITLE};
    let mut body = line.trim_start();
    let mut role = false;
    let bracketed = body.starts_with('[');
    if let Some(r) = body.strip_prefix('[') {
        let Some(close) = r.find(']') else { return };
        if close > 30 {
            return;
        }
        let inside = &r[..close];
        role = inside.chars().all(char::is_alphabetic)
            && super::flags_of(inside) & (LABEL | TITLE | RELATION) != 0;
        body = r[close + 1..].trim_start();
    }
    let Some(colon) = body.find(':') else { return };
    if colon > 40 {
        return;
    }
    let label = &body[..colon];
    let label_start = start + (line.len() - body.len());
    let mut words = label.split(' ');
    let (Some(name), second, None) = (words.next(), words.next(), words.next()) else {
        return;
    };
    if name.chars().count() < 2 || !name.chars().all(char::is_alphabetic) {
        return;
    }
    let name_span = Span::new(label_start, label_start + name.len());
    let Some(ini) = second else {
        let flags = super::flags_of(name);
        let not_name = STOP | CLINICAL | DRUG | LABEL | TITLE | RELATION;
        let namey = (flags & (FIRST | LAST) != 0 && flags & (COMMON | not_name) == 0) || flags == 0;
        if role && namey {
            out.push((name_span, "person_speaker"));
        }
        return;
    };
    if initials_len(ini) != Some(ini.len()) {
        return;
    }
    // Without a "[role]" the first word must be a given name, not a word
    // ("Insurance ID:").
    let given = super::is_given_name(name) && !super::is_common_word(name);
    if !bracketed && !given {
        return;
    }
    let same_letter = match (name.chars().next(), ini.chars().next()) {
        (Some(a), Some(b)) => a.to_lowercase().eq(b.to_lowercase()),
        _ => false,
    };
    if !same_letter {
        return;
    }
    let s = label_start + name.len() + 1;
    out.push((name_span, "person_speaker"));
    out.push((Span::new(s, s + ini.len()), "initials_speaker"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        find(text, &mut v);
        v.iter().map(|(s, _)| &text[s.range()]).collect()
    }

    #[test]
    fn reference_lines() {
        assert_eq!(found("Yours,\nRef: hr/cm\n"), ["hr", "cm"]);
        assert_eq!(found("Ref: SL/M.L."), ["SL", "M.L."]);
        assert_eq!(found("Transcribed by: ie/st\nD: 02/02/2025"), ["ie", "st"]);
        assert_eq!(found("Transcribed by: g.u./hn"), ["g.u.", "hn"]);
        assert_eq!(found("Typed by: KS"), ["KS"]);
        assert_eq!(
            found("Initials: KS\nOur ref JS/kl/2024-113"),
            ["KS", "JS", "kl"]
        );
        assert_eq!(found("Yours sincerely\n\nJS/kl\n"), ["JS", "kl"]);
        // Units and pairs of one case alone on a line are not a reference.
        assert!(found("mg/dL\nBP/HR\nhr/min\nb.i.d./p.r.n.\nRef: 2024/113").is_empty());
        // A reference that is a code, or a lone value after "Ref", is not.
        assert!(found("Ref: 12/3456\nRef: ABC\nRef: see notes/labs").is_empty());
        assert!(found("Reference range: mg/dL").is_empty());
    }

    #[test]
    fn by_verbs() {
        assert_eq!(found("Repeat drawn, verified by IS; pain 10/10."), ["IS"]);
        assert_eq!(
            found("Called to H. Liu read back by an at 2:50 AM."),
            ["an"]
        );
        assert_eq!(found("read back by ف.ا. at 2310"), ["ف.ا."]);
        assert_eq!(found("read back by ов at 1730"), ["ов"]);
        // Case folding that changes byte lengths elsewhere on the line.
        assert_eq!(found("İlkay Şahin: verified by AM; ok"), ["AM"]);
        // Pronouns, roles and words that go on are not initials.
        assert!(found("verified by me. checked by RN; verified by an attending").is_empty());
        assert!(found("Verified by badge 93249. caused by HSV.").is_empty());
        assert!(found("signed by MD at 10").is_empty());
        assert!(found("confirmed by ECG; confirmed by CT. checked by CXR, by LPN").is_empty());
        assert_eq!(
            found("verified by M.S.; verified by NA; verified by DC."),
            ["M.S.", "NA", "DC"]
        );
    }

    #[test]
    fn sign_offs_and_speakers() {
        assert_eq!(found("Thanks,\nRose\n(rf)\nPatient Access"), ["rf"]);
        assert_eq!(found("Thanks,\nImran\n(I.B.)\n"), ["I.B."]);
        assert!(found("BP 120/80\n(BP)\nSee plan (R)").is_empty());
        assert_eq!(found("[nurse] mohammed mk: hi destiny"), ["mohammed", "mk"]);
        assert_eq!(found("[nurse] thanh t.c.: hi"), ["thanh", "t.c."]);
        assert_eq!(found("[nurse] lihua: ok. dob is 12/07/1980"), ["lihua"]);
        // A role, a word or a time stamp in the label is not a name.
        assert!(
            found("[patient] reply: ok\n[00:03:13] CLINICIAN: Yes\n[nurse] note: x").is_empty()
        );
        assert!(found("[nurse] BP ok: fine\nPain NRS: 4\nInsurance ID: 123").is_empty());
        assert_eq!(found("Mohammed MK: seen"), ["Mohammed", "MK"]);
    }
}
