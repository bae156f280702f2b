//! Street addresses, PO boxes, ZIP codes and counties.

use phimask_core::document::{is_word_char, Document};
use std::sync::Arc;

use phimask_core::{Candidate, Context, Entity, Error, PatternRecognizer, Recognizer, Span};
use regex::Regex;

use super::gazetteer;
use super::words::{cap_run, cap_run_before, next_word};

/// USPS street suffixes (full and standard abbreviations) that end a street
/// name. Riskier words ("Run", "Walk", "Green") are left out.
pub(crate) const SUFFIXES: &str = "Street|St|Str|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Drive|Dr|Drv|Lane|Ln|Court|Ct|Place|Pl|Terrace|Ter|Terr|Way|Wy|Highway|Hwy|Parkway|Pkwy|Pky|Circle|Cir|Square|Sq|Trail|Trl|Loop|Plaza|Plz|Alley|Aly|Crescent|Cres|Pike|Turnpike|Tpke|Expressway|Expy|Freeway|Fwy|Heights|Hts|Grove|Grv|Glen|Cove|Ridge|Rdg|Crossing|Xing|Hollow|Commons|Gardens|Estates|Park|Point|Row|Path|Bend|Landing|Meadows|Manor|Mews";

/// Unit designators that may follow a street ("Apt 5B", "Suite 1200", "#3").
const UNIT: &str = r"(?:,?[ \t]*(?:(?i:Apt|Apartment|Suite|Ste|Unit|Rm|Room|Fl|Floor|Bldg|Building|Lot|Trlr|Trailer|Spc|Space|Dept|Box)\.?[ \t]*\#?|\#[ \t]*)[A-Za-z0-9][A-Za-z0-9\-]{0,6}(?-u:\b))";

/// Finds street addresses: "1432 Elm St Apt 5B", "400 W. 59th St., Suite
/// 1200", "221B Baker Street", "1234 County Road 45", and street names
/// with a full suffix word and no number ("lives on Maple Avenue").
#[derive(Debug)]
pub struct StreetRecognizer {
    numbered: Regex,
    route: Regex,
    named: Regex,
    broadway: Regex,
    prefixed: Regex,
    lower: Regex,
}

impl StreetRecognizer {
    /// Builds the recognizer.
    ///
    /// # Errors
    /// When a built-in pattern fails to compile (a bug).
    pub fn new() -> Result<StreetRecognizer, Error> {
        let re = |s: &str| Regex::new(s).map_err(|e| Error::policy(format!("street pattern: {e}")));
        let dir = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|Northeast|Northwest|Southeast|Southwest)\.?";
        let word = r"(?:\p{Lu}[\p{L}'’\-]*\.?|\d{1,3}(?:st|nd|rd|th)|de|la|del|los|las|el|du|van|von|der|of|the)";
        let numbered = format!(
            r"(?-u:\b)(?P<num>\d{{1,6}}[A-Za-z]?(?:-\d{{1,4}}|[ \t]1/2)?)[ \t]+(?:{dir}[ \t]+)?(?P<name>(?:{word}[ \t]+){{1,5}})(?P<suf>(?i:{SUFFIXES}))(?-u:\b)(?P<dot>\.)?(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW)(?-u:\b)\.?)?(?P<unit>{UNIT})?"
        );
        let route = format!(
            r"(?i)(?-u:\b)\d{{1,6}}[ \t]+(?:(?:State|County|US|U\.S\.|Interstate|Farm[ \t]+to[ \t]+Market|Old|Rural)[ \t]+)?(?:Highway|Hwy|Route|Rte|Road|Rd|CR|SR|FM)[ \t]+\d{{1,4}}[A-Za-z]?(?-u:\b)(?:[ \t]+(?:N|S|E|W)(?-u:\b))?{UNIT}?"
        );
        // Without a house number: a full street type ("Sesame Street"), or
        // an abbreviated one after a preposition ("lives on Birch Rd").
        // No Unicode `\b` (it keeps the regex off its fast DFA): the start
        // of the first branch is checked for a word boundary in code.
        let named = r"(?P<name>(?:\p{Lu}[\p{L}'’\-]*[ \t]+){1,3})(?:Street|Avenue|Boulevard|Road|Lane|Parkway|Terrace)(?-u:\b)|(?i:(?-u:\b)(?:on|off|along|near)[ \t]+)(?P<name2>(?:\p{Lu}[\p{L}'’\-]*[ \t]+){1,3})(?P<abbr>(?:St|Rd|Ave|Blvd|Dr|Ln|Ct|Pl|Hwy|Pkwy|Ter|Cir)\.?)(?-u:\b)";
        let broadway =
            format!(r"(?-u:\b)\d{{1,6}}[ \t]+(?:(?:{dir})[ \t]+)?Broadway(?-u:\b){UNIT}?");
        // Street types written first ("455 Avenida de la Paz", "1251
        // Avenue of the Americas", "12 Rue St. Louis").
        let prefixed = format!(
            r"(?-u:\b)\d{{1,6}}[A-Za-z]?[ \t]+(?:{dir}[ \t]+)?(?:Avenida|Calle|Camino|Paseo|Via|Rue|Avenue|Boulevard|Calzada|Carretera|Rua|Strada|Plaza)[ \t]+(?:(?:de|del|la|las|los|el|of|the|do|da|des|du)[ \t]+){{0,3}}\p{{Lu}}[\p{{L}}'’.\-]*(?:[ \t]+\p{{Lu}}[\p{{L}}'’\-]*){{0,2}}{UNIT}?"
        );
        // Lower-case addresses in messages ("i live at 45 oak st").
        let lower = format!(
            r"(?-u:\b)\d{{2,6}}[ \t]+(?:(?:n|s|e|w|north|south|east|west)\.?[ \t]+)?(?:[a-z][a-z'\-]+[ \t]+){{1,3}}(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|place|pl|terrace|way|parkway|pkwy|circle|cir|highway|hwy)(?-u:\b)\.?{UNIT}?"
        );
        Ok(StreetRecognizer {
            prefixed: re(&prefixed)?,
            lower: re(&lower)?,
            numbered: re(&numbered)?,
            route: re(&route)?,
            named: re(named)?,
            broadway: re(&broadway)?,
        })
    }
}

/// Words that cannot start a street name without a number ("The Street",
/// "Main Road" stays, "Sesame Street" stays).
const NOT_STREET_START: &[&str] = &[
    "The", "A", "An", "This", "That", "On", "In", "At", "To", "From", "Of", "Off", "Side", "Down",
    "Up", "Cross",
];

impl Recognizer for StreetRecognizer {
    fn id(&self) -> &str {
        "street_address"
    }

    fn entities(&self) -> &[Entity] {
        &[Entity::StreetAddress]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        let g = gazetteer::get();
        let from = out.len();
        self.streets(text, g, out);
        // The next part of the address is its town: "12 Barrington Street,
        // Winnipeg", "772 Barrington Street\nVancouver QC".
        let towns: Vec<Candidate> = out[from..]
            .iter()
            .filter_map(|c| town_after(g, text, c.span.end))
            .map(|span| Candidate::new(span, Entity::City, 0.8).with_pattern("town_after_street"))
            .collect();
        out.extend(towns);
        Ok(())
    }
}

/// The known town that opens the next part of an address ending at `end`:
/// after a comma, or at the start of the next line.
fn town_after(g: &gazetteer::Gazetteer, text: &str, end: usize) -> Option<Span> {
    let rest = text.get(end..)?;
    let (gap, rest) = match rest.strip_prefix(',') {
        Some(r) => (1, r),
        None => {
            let r = rest.strip_prefix('\r').unwrap_or(rest);
            (rest.len() - r.len() + 1, r.strip_prefix('\n')?)
        }
    };
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let at = end + gap + spaces;
    let run = cap_run(text, at, 3);
    (1..=run.len()).rev().find_map(|n| {
        let span = Span::new(run[0].start, run[n - 1].end);
        let name = &text[span.range()];
        let known = g.city(name).is_some_and(|f| !f.ambiguous) && !g.state(name);
        known.then_some(span)
    })
}

impl StreetRecognizer {
    fn streets(&self, text: &str, g: &gazetteer::Gazetteer, out: &mut Vec<Candidate>) {
        for caps in self.numbered.captures_iter(text) {
            let (Some(whole), Some(suf)) = (caps.get(0), caps.name("suf")) else {
                continue;
            };
            let mut end = whole.end();
            let has_unit = caps.name("unit").is_some();
            // A suffix in lower case never counts ("2 Tabs bid").
            if !suf.as_str().starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            // Part of a date or a range ("09-09-2026 WITH DR").
            if text[..whole.start()].ends_with(['-', '/', '.', ':']) {
                continue;
            }
            let first_name_word = caps
                .name("name")
                .and_then(|n| n.as_str().split_whitespace().next())
                .unwrap_or_default();
            let stop = |w: &str| {
                matches!(
                    w.to_lowercase().as_str(),
                    "with"
                        | "and"
                        | "to"
                        | "at"
                        | "for"
                        | "in"
                        | "on"
                        | "by"
                        | "from"
                        | "per"
                        | "or"
                        | "weeks"
                        | "days"
                        | "months"
                        | "years"
                        | "times"
                        | "hours"
                        | "resident"
                        | "tabs"
                        | "tablets"
                        | "mg"
                ) || w == "OF"
                    || w == "THE"
            };
            let name_words = caps.name("name").map_or("", |n| n.as_str());
            if first_name_word.starts_with(char::is_lowercase)
                || first_name_word.eq_ignore_ascii_case("the")
                || first_name_word.eq_ignore_ascii_case("of")
                || name_words.split_whitespace().any(stop)
            {
                continue;
            }
            // "12 Oak Dr. Smith said": "Dr" before a capitalised word that
            // is neither a unit, a city nor a state is a title.
            let short_number = caps.name("num").is_some_and(|n| n.as_str().len() <= 2);
            if matches!(suf.as_str(), "Dr" | "St" | "DR" | "ST") && !has_unit && short_number {
                let after_suf = caps.name("dot").map_or(suf.end(), |d| d.end());
                let next = next_word(text, after_suf);
                let between = &text[after_suf..];
                let capital = next.starts_with(|c: char| c.is_uppercase());
                if capital && !between.starts_with(',') && !between.starts_with('\n') {
                    let known =
                        g.city(next).is_some() || g.state(next) || gazetteer::is_state_code(next);
                    if !known {
                        continue;
                    }
                }
            }
            // Keep the final period of an abbreviation out of the span
            // only when a sentence ends there.
            if caps.name("unit").is_none() && caps.name("dot").is_some() {
                let rest = &text[end..];
                if rest.is_empty()
                    || rest.starts_with(['\n', ' '])
                        && rest.trim_start().starts_with(|c: char| c.is_uppercase())
                {
                    end -= 1;
                }
            }
            let score = if has_unit { 0.95 } else { 0.9 };
            out.push(
                Candidate::new(Span::new(whole.start(), end), Entity::StreetAddress, score)
                    .with_pattern("numbered_street"),
            );
        }
        for m in self.route.find_iter(text) {
            out.push(
                Candidate::new(Span::new(m.start(), m.end()), Entity::StreetAddress, 0.95)
                    .with_pattern("route"),
            );
        }
        for m in self.prefixed.find_iter(text) {
            // A sentence's period is not part of the name ("… de la Paz.").
            let body = m.as_str();
            let last = body.rsplit([' ', '\t']).next().unwrap_or_default();
            let end = if body.ends_with('.') && last.len() > 3 {
                m.end() - 1
            } else {
                m.end()
            };
            out.push(
                Candidate::new(Span::new(m.start(), end), Entity::StreetAddress, 0.85)
                    .with_pattern("street_type_first"),
            );
        }
        for m in self.lower.find_iter(text) {
            const STOP: &[&str] = &[
                "with", "and", "to", "at", "for", "in", "on", "by", "from", "per", "or", "the",
                "of", "a", "an", "mg", "mcg", "ml", "tabs", "tablets", "pills", "times", "days",
                "weeks", "months", "years", "hours", "minutes", "min", "blocks", "miles", "mi",
                "feet", "ft", "yards", "steps", "units", "his", "her", "their", "my", "our",
                "your", "its", "this", "that", "down", "up", "across", "over", "past", "into",
                "onto", "off", "out", "around", "near", "then", "than", "very", "more", "less",
            ];
            let body = m.as_str();
            if body.split_whitespace().skip(1).any(|w| STOP.contains(&w)) {
                continue;
            }
            if text[..m.start()].ends_with(['-', '/', '.', ':']) {
                continue;
            }
            let end = if body.ends_with('.') {
                m.end() - 1
            } else {
                m.end()
            };
            out.push(
                Candidate::new(Span::new(m.start(), end), Entity::StreetAddress, 0.6)
                    .with_pattern("lower_case_street"),
            );
        }
        for m in self.broadway.find_iter(text) {
            out.push(
                Candidate::new(Span::new(m.start(), m.end()), Entity::StreetAddress, 0.9)
                    .with_pattern("broadway"),
            );
        }
        for caps in self.named.captures_iter(text) {
            let Some(name) = caps.name("name").or(caps.name("name2")) else {
                continue;
            };
            // After a preposition the street starts at its name.
            let whole = match caps.name("abbr") {
                Some(abbr) => Span::new(name.start(), abbr.end()),
                None => match caps.get(0) {
                    Some(m) => Span::new(m.start(), m.end()),
                    None => continue,
                },
            };
            if caps.name("name").is_some()
                && text[..name.start()]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char)
            {
                continue;
            }
            let first = name.as_str().split_whitespace().next().unwrap_or_default();
            if NOT_STREET_START.contains(&first) {
                continue;
            }
            // A number in front is the numbered pattern's business.
            let before = text[..whole.start].trim_end();
            if before.ends_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            out.push(
                Candidate::new(whole, Entity::StreetAddress, 0.6).with_pattern("named_street"),
            );
        }
    }
}

/// PO boxes and rural routes: "PO Box 88", "P.O. Box 88", "Post Office
/// Box 88", "Rural Route 2 Box 15", "RR 2, Box 15", "HC 1 Box 5".
///
/// # Errors
/// When a built-in pattern fails to compile (a bug).
pub fn po_box() -> Result<PatternRecognizer, Error> {
    PatternRecognizer::builder("po_box", Entity::StreetAddress)
        .pattern(
            "po_box",
            r"(?i)(?-u:\b)(?:P\.?[ \t]?O\.?[ \t]*|Post[ \t]+Office[ \t]+)(?:Box|Drawer)[ \t]*\#?[ \t]*\d{1,6}(?-u:\b)",
            0.95,
        )
        .pattern(
            "rural_route",
            r"(?i)(?-u:\b)(?:Rural[ \t]+Route|R\.?R\.?|H\.?C\.?|Star[ \t]+Route)[ \t]*\#?[ \t]*\d{1,4},?[ \t]+Box[ \t]*\#?[ \t]*\d{1,6}(?-u:\b)",
            0.95,
        )
        .build()
}

/// ZIP and ZIP+4 codes: after a state ("NY 10027", "Illinois 62704"),
/// labelled ("ZIP: 10027", "zip code 10027"), ZIP+4 on their own, and bare
/// five-digit numbers only with a nearby context word.
///
/// # Errors
/// When a built-in pattern fails to compile (a bug).
pub fn zip_code() -> Result<PatternRecognizer, Error> {
    let codes = gazetteer::STATES
        .iter()
        .map(|(c, _)| *c)
        .collect::<Vec<_>>()
        .join("|");
    let names = gazetteer::STATES
        .iter()
        .map(|(_, n)| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|");
    let zip = r"(?P<phi>\d{5}(?:-\d{4})?)(?-u:\b)";
    PatternRecognizer::builder("zip_code", Entity::ZipCode)
        .pattern(
            "after_state_code",
            format!(r"(?-u:\b)(?:{codes})\.?,?(?:[ \t]+|[ \t]*\r?\n[ \t]*){zip}(?:$|[^\-/\d])"),
            0.95,
        )
        .pattern(
            "after_state_name",
            format!(r"(?i:(?-u:\b)(?:{names})),?(?:[ \t]+|[ \t]*\r?\n[ \t]*){zip}(?:$|[^\-/\d])"),
            0.95,
        )
        .pattern(
            "labelled",
            format!(r"(?i)(?-u:\b)(?:zip|zip[ \t]*code|zipcode|postal[ \t]*code|post[ \t]*code)s?[ \t]*(?:\#|:|is|-|=|no\.?)?[ \t]*{zip}"),
            0.95,
        )
        .pattern("zip_plus_four", r"(?:^|[^\w\-/.])(?P<phi>\d{5}-\d{4})(?:$|[^\w\-/])", 0.6)
        .pattern("five_digits", r"(?:^|[^\w\-/.:+])(?P<phi>\d{5})(?:$|[^\w\-/.:])", 0.3)
        .context(["zip", "zipcode", "zip code", "postal", "mailing address", "address", "zip+4"])
        .build()
}

/// Counties and parishes: "Kings County", "Orleans Parish", "county of
/// Suffolk".
#[derive(Debug)]
pub struct CountyRecognizer {
    suffix: Regex,
    of: Regex,
}

impl CountyRecognizer {
    /// Builds the recognizer.
    ///
    /// # Errors
    /// When a built-in pattern fails to compile (a bug).
    pub fn new() -> Result<CountyRecognizer, Error> {
        let re = |s: &str| Regex::new(s).map_err(|e| Error::policy(format!("county pattern: {e}")));
        Ok(CountyRecognizer {
            suffix: re(
                r"(?-u:\b)(?:County|Parish|Borough|COUNTY|PARISH|BOROUGH)(?-u:\b)|(?-u:\b)(?P<abbr>Co|CO|Cnty|CNTY)\.",
            )?,
            of: re(
                r"(?i:(?-u:\b)(?:county|parish)[ \t]+of)[ \t]+(?P<name>\p{Lu}[\p{L}'’.\-]*(?:[ \t]+\p{Lu}[\p{L}'’.\-]*)?)",
            )?,
        })
    }
}

const NOT_COUNTY: &[&str] = &[
    "the",
    "a",
    "this",
    "that",
    "our",
    "same",
    "home",
    "local",
    "neighboring",
    "neighbouring",
    "adjacent",
    "each",
    "every",
    "any",
    "which",
    "what",
    "rural",
    "urban",
    "his",
    "her",
    "their",
    "in",
    "of",
    "from",
    "to",
    "at",
    "and",
    "or",
];

impl Recognizer for CountyRecognizer {
    fn id(&self) -> &str {
        "county"
    }

    fn entities(&self) -> &[Entity] {
        &[Entity::County]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        let g = gazetteer::get();
        for caps in self.suffix.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            let abbr = caps.name("abbr").is_some();
            let run = cap_run_before(text, m.start(), 4);
            // Drop leading words that are not part of a name.
            let mut run: &[Span] = &run;
            while let Some(first) = run.first() {
                if NOT_COUNTY.contains(&text[first.range()].to_lowercase().as_str()) {
                    run = &run[1..];
                } else {
                    break;
                }
            }
            let Some(last) = run.last() else { continue };
            let known = (0..run.len()).find(|&i| {
                let name = &text[Span::new(run[i].start, last.end).range()];
                g.county(&format!("{name} County")) || g.county(&format!("{name} Parish"))
            });
            // "Cook Co." only when the gazetteer knows the county.
            if abbr && known.is_none() {
                continue;
            }
            let (start, score) = match known {
                Some(i) => (run[i].start, 0.9),
                None => {
                    let lw = text[last.range()].to_lowercase();
                    if NOT_COUNTY.contains(&lw.as_str()) {
                        continue;
                    }
                    let start = if run.len() >= 2 {
                        let pw = text[run[run.len() - 2].range()].to_lowercase();
                        if matches!(
                            pw.as_str(),
                            "st."
                                | "st"
                                | "saint"
                                | "san"
                                | "santa"
                                | "los"
                                | "la"
                                | "de"
                                | "el"
                                | "new"
                                | "prince"
                                | "fond"
                                | "du"
                                | "des"
                                | "le"
                        ) {
                            run[run.len() - 2].start
                        } else {
                            last.start
                        }
                    } else {
                        last.start
                    };
                    (start, 0.8)
                }
            };
            out.push(
                Candidate::new(Span::new(start, m.end()), Entity::County, score)
                    .with_pattern(Arc::<str>::from("county_suffix")),
            );
        }
        for caps in self.of.captures_iter(text) {
            let (Some(whole), Some(name)) = (caps.get(0), caps.name("name")) else {
                continue;
            };
            let first = name.as_str().split_whitespace().next().unwrap_or_default();
            if NOT_COUNTY.contains(&first.to_lowercase().as_str()) {
                continue;
            }
            out.push(
                Candidate::new(Span::new(whole.start(), name.end()), Entity::County, 0.85)
                    .with_pattern("county_of"),
            );
        }
        Ok(())
    }
}
