//! Cities, US states, countries and neighbourhoods: gazetteer look-ups
//! steered by address shapes ("Springfield, IL 62704") and by phrases such
//! as "lives in", "moved to", "resident of".

use phimask_core::document::Document;
use std::collections::HashSet;
use std::sync::Arc;

use phimask_core::document::fold_str;
use phimask_core::{
    Candidate, Context, DictionaryRecognizer, Entity, Error, Facts, PlaceKind, Recognizer, Span,
};
use regex::Regex;

use super::gazetteer::{self, Gazetteer};
use super::words::{cap_run, cap_run_before, is_capitalised, next_word, prev_word};
use crate::temporal::calendar::{is_month_name, is_weekday};

/// Words before a name-like state or country that make it a place.
const PLACE_PREPS: &[&str] = &[
    "birthplace",
    "nationality",
    "citizenship",
    "origin",
    "birth",
    "country",
    "in",
    "from",
    "to",
    "of",
    "near",
    "across",
    "outside",
    "throughout",
    "visiting",
    "visited",
    "born",
    "native",
    "citizen",
    "immigrated",
    "emigrated",
    "moved",
    "lives",
    "returned",
    "trip",
    "travel",
    "traveled",
    "travelled",
    "state",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "rural",
    "upstate",
    "downstate",
    "relocated",
    "resident",
    "left",
    "fled",
];

/// Words after a standalone city that make it an eponym or a heading
/// ("Addison's disease", "Lyme disease"): not a place.
const NOT_AFTER_CITY: &[&str] = &[
    "disease",
    "virus",
    "fever",
    "encephalitis",
    "sleepiness",
    "flu",
    "strain",
    "syndrome",
    "sign",
    "signs",
    "score",
    "scale",
    "criteria",
    "test",
    "palsy",
    "procedure",
    "maneuver",
    "classification",
    "protocol",
    "catheter",
    "s",
    "coma",
    "cognitive",
    "depression",
    "anxiety",
    "rating",
    "agitation",
    "postnatal",
    "postpartum",
    "inventory",
    "questionnaire",
    "assessment",
    "screen",
    "screening",
    "suicide",
    "severity",
    "model",
    "rule",
    "rules",
    "guidelines",
    "method",
    "technique",
    "type",
    "variant",
    "virus",
    "fever",
    "flu",
    "strain",
];

/// Capitalised words that may follow a city on its own (month and weekday
/// names too, from the calendar vocabulary).
const TIME_WORDS: &[&str] = &["area", "and", "or", "in", "on", "for", "to", "i"];

/// Capitalised words that never start a neighbourhood after "lives in".
const NOT_A_PLACE: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "section",
    "assisted",
    "independent",
    "group",
    "foster",
    "supportive",
    "transitional",
    "sober",
    "permanent",
    "public",
    "subsidized",
    "senior",
    "housing",
    "apartment",
    "apartments",
    "house",
    "home",
    "shelter",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "i",
    "he",
    "she",
    "they",
    "we",
    "it",
    "pt",
    "patient",
    "mom",
    "dad",
    "mother",
    "father",
    "parents",
    "family",
    "town",
    "city",
    "state",
    "country",
    "county",
    "area",
    "community",
    "residential",
    "nursing",
    "skilled",
    "long",
    "care",
    "medical",
    "hospital",
    "clinic",
    "unit",
    "ward",
    "jail",
    "prison",
    "treatment",
    "rehab",
    "recovery",
    "halfway",
    "boarding",
    "private",
    "own",
    "car",
    "tent",
    "motel",
    "hotel",
    "dorm",
    "dormitory",
    "campus",
    "college",
    "school",
    "university",
    "bed",
    "icu",
    "er",
    "ed",
    "snf",
    "alf",
    "cottage",
    "trailer",
    "basement",
    "room",
    "same",
    "new",
    "both",
    "one",
    "two",
    "all",
    "either",
    "another",
    "other",
    "several",
];

/// The strong phrases: a capitalised name after them is a place even when
/// the gazetteer does not know it (a neighbourhood).
const STRONG: &str = r"(?i:(?-u:\b)(?:(?:lives|living|lived|live|resides|residing|resided|reside|staying|stays|stayed|housed|homeless|located|based|settled)(?:[ \t]+(?:alone|independently|with[ \t]+(?:his|her|their|a|the|an)?[ \t]*\w+))?[ \t]+(?:in|at|near|around|outside(?:[ \t]+of)?)|(?:moved|moving|relocated|relocating|immigrated|emigrated|fled)(?:[ \t]+(?:here|back|out|away))?[ \t]+(?:to|from)|(?:resident|native|citizen)[ \t]+of|born(?:[ \t]+and[ \t]+raised)?[ \t]+in|raised[ \t]+in|grew[ \t]+up[ \t]+in|originally[ \t]+from|hometown(?:[ \t]+(?:of|is))?|(?:shelter|encampment|camp)[ \t]+(?:in|near)|(?:brought|biba|found|picked[ \t]+up)(?:[ \t]+(?:in|here))?[ \t]+from(?:[ \t]+a[ \t]+shelter[ \t]+in)?|in[ \t]+from|(?:city|town|birthplace|place[ \t]+of[ \t]+birth|hometown|city[ \t]+of[ \t]+residence)[ \t]*[:=]|home[ \t]+in|(?:city|town|village|borough|neighbou?rhood|suburb)[ \t]+of))[ \t]+";

/// The weak phrases: only a known, unambiguous city follows as a place.
const WEAK: &str = r"(?i:(?-u:\b)(?:from|in|to|near|visiting|visited|outside(?:[ \t]+of)?|trip[ \t]+to|travel(?:l?ed|s|ling|ing)?[ \t]+to|vacation(?:ed|ing)?[ \t]+in|flew[ \t]+to|drove[ \t]+to|went[ \t]+to|back[ \t]+to|transferred[ \t]+from|came[ \t]+from))[ \t]+";

/// Finds cities, US states, countries and neighbourhoods.
#[derive(Debug)]
pub struct PlaceRecognizer {
    strong: Regex,
    weak: Regex,
    comma_code: Regex,
    code_zip: Regex,
    comma_state: Regex,
    comma_country: Regex,
    labelled_state: Regex,
    /// Standalone city names, state names and country names in one
    /// automaton (one pass over the text).
    names: DictionaryRecognizer,
    /// Folded country names.
    country_set: HashSet<String>,
}

fn codes_alternation() -> String {
    gazetteer::STATES
        .iter()
        .map(|(c, _)| *c)
        .collect::<Vec<_>>()
        .join("|")
}

impl PlaceRecognizer {
    /// Builds the recognizer (the gazetteer is parsed once per process).
    ///
    /// # Errors
    /// When a built-in pattern or dictionary fails to build (a bug).
    pub fn new() -> Result<PlaceRecognizer, Error> {
        let g = gazetteer::get();
        let re = |s: &str| Regex::new(s).map_err(|e| Error::policy(format!("places pattern: {e}")));
        let codes = codes_alternation();
        let state_names = gazetteer::STATES
            .iter()
            .map(|(_, n)| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        let names = DictionaryRecognizer::builder("place_names", Entity::City)
            .terms(g.standalone_cities())
            .terms(gazetteer::STATES.iter().map(|(_, n)| *n))
            .terms(gazetteer::STATE_ALIASES)
            .terms(gazetteer::COUNTRIES)
            .build()?;
        let country_set = gazetteer::COUNTRIES.iter().map(|c| fold_str(c)).collect();
        Ok(PlaceRecognizer {
            strong: re(STRONG)?,
            weak: re(WEAK)?,
            comma_code: re(&format!(
                r",[ \t]*(?P<st>{codes})\.?(?:$|[^\w\-/])(?P<zip>[ \t]*\d{{5}}(?:-\d{{4}})?(?-u:\b))?"
            ))?,
            code_zip: re(&format!(
                r"(?:^|[ \t])(?P<st>{codes})[ \t]+\d{{5}}(?:-\d{{4}})?(?-u:\b)"
            ))?,
            comma_state: re(&format!(
                r"(?i),[ \t]*(?P<st>{state_names})(?-u:\b)(?P<zip>[ \t]*\d{{5}}(?:-\d{{4}})?(?-u:\b))?"
            ))?,
            labelled_state: re(&format!(
                r"(?i:(?-u:\b)state(?:[ \t]+of[ \t]+(?:residence|birth|origin))?|(?-u:\b)st)[ \t]*[:=#][ \t]*(?P<st>(?-i:{codes})(?-u:\b)|(?i:{state_names})(?-u:\b))"
            ))?,
            comma_country: re(&format!(
                r",[ \t]*(?P<c>{})(?-u:\b)",
                gazetteer::COUNTRIES
                    .iter()
                    .map(|c| regex::escape(c))
                    .collect::<Vec<_>>()
                    .join("|")
            ))?,
            names,
            country_set,
        })
    }

    /// The longest suffix (in words) of `run` that the gazetteer knows as a
    /// city, or `None`.
    fn city_suffix(g: &Gazetteer, text: &str, run: &[Span]) -> Option<Span> {
        let last = run.last()?;
        (0..run.len()).find_map(|i| {
            let span = Span::new(run[i].start, last.end);
            g.city(&text[span.range()]).map(|_| span)
        })
    }

    /// The longest prefix (in words) of `run` that the gazetteer knows.
    fn city_prefix(
        g: &Gazetteer,
        text: &str,
        run: &[Span],
    ) -> Option<(Span, gazetteer::CityFlags)> {
        let first = run.first()?;
        (0..run.len()).rev().find_map(|i| {
            let span = Span::new(first.start, run[i].end);
            g.city(&text[span.range()]).map(|f| (span, f))
        })
    }

    fn state_prefix(g: &Gazetteer, text: &str, run: &[Span]) -> Option<Span> {
        let first = run.first()?;
        (0..run.len()).rev().find_map(|i| {
            let span = Span::new(first.start, run[i].end);
            g.state(&text[span.range()]).then_some(span)
        })
    }

    fn country_prefix(text: &str, run: &[Span]) -> Option<Span> {
        let first = run.first()?;
        (0..run.len()).rev().find_map(|i| {
            let span = Span::new(first.start, run[i].end);
            let s = &text[span.range()];
            gazetteer::COUNTRIES
                .iter()
                .any(|c| c.eq_ignore_ascii_case(s))
                .then_some(span)
        })
    }

    /// "Springfield, IL 62704", "Boston, MA", "Austin, Texas".
    fn address_shapes(&self, g: &Gazetteer, text: &str, out: &mut Vec<Candidate>) {
        for caps in self.comma_code.captures_iter(text) {
            let (Some(whole), Some(st)) = (caps.get(0), caps.name("st")) else {
                continue;
            };
            let has_zip = caps.name("zip").is_some();
            let run = cap_run_before(text, whole.start(), 5);
            if after_title(text, &run) {
                continue;
            }
            // "Molina, ID 6G56R70": a label and a number, not a state.
            let after = next_word(text, st.end());
            if !has_zip && after.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let known = Self::city_suffix(g, text, &run)
                .filter(|k| g.city(&text[k.range()]).is_some_and(|f| f.us));
            let ambiguous_code = gazetteer::AMBIGUOUS_CODES.contains(&st.as_str());
            if known.is_none() && ambiguous_code && !has_zip {
                continue;
            }
            // "Jane Smith, MD": a credential, unless the city is a known,
            // distinctive one ("Towson, MD") or a ZIP code follows.
            if CREDENTIALS.contains(&st.as_str())
                && !has_zip
                && !known.is_some_and(|k| {
                    g.city(&text[k.range()])
                        .is_some_and(|f| f.standalone || !f.ambiguous && k.len() > 8)
                })
            {
                continue;
            }
            if run.is_empty() && !has_zip {
                continue;
            }
            out.push(state(Span::new(st.start(), st.end()), 0.9, "comma_code"));
            let city = known.map(|s| (s, 0.9)).or_else(|| {
                fallback_city(text, &run).map(|s| (s, if has_zip { 0.85 } else { 0.75 }))
            });
            if let Some((span, score)) = city {
                out.push(
                    Candidate::new(span, Entity::City, score).with_pattern("city_comma_state"),
                );
            }
        }
        for caps in self.code_zip.captures_iter(text) {
            let Some(st) = caps.name("st") else { continue };
            out.push(state(Span::new(st.start(), st.end()), 0.9, "code_zip"));
            let run = cap_run_before(text, st.start(), 5);
            if let Some(span) = Self::city_suffix(g, text, &run) {
                out.push(Candidate::new(span, Entity::City, 0.85).with_pattern("city_state_zip"));
            }
        }
        for caps in self.labelled_state.captures_iter(text) {
            if let Some(st) = caps.name("st") {
                out.push(state(
                    Span::new(st.start(), st.end()),
                    0.9,
                    "labelled_state",
                ));
            }
        }
        for caps in self.comma_state.captures_iter(text) {
            let (Some(whole), Some(st)) = (caps.get(0), caps.name("st")) else {
                continue;
            };
            let st_span = Span::new(st.start(), st.end());
            if !is_capitalised(text, st_span) {
                continue;
            }
            let run = cap_run_before(text, whole.start(), 5);
            let known = Self::city_suffix(g, text, &run);
            let has_zip = caps.name("zip").is_some();
            let name_like =
                gazetteer::NAME_LIKE_STATES.contains(&st.as_str().to_lowercase().as_str());
            if known.is_none() && !has_zip && name_like {
                continue;
            }
            if run.is_empty() {
                continue;
            }
            out.push(state(st_span, 0.9, "comma_state"));
            let city = known.map(|s| (s, 0.9)).or_else(|| {
                fallback_city(text, &run).map(|s| (s, if has_zip { 0.85 } else { 0.7 }))
            });
            if let Some((span, score)) = city {
                out.push(
                    Candidate::new(span, Entity::City, score).with_pattern("city_comma_state"),
                );
            }
        }
    }

    /// "Lagos, Nigeria", "Bath, England".
    fn comma_countries(&self, g: &Gazetteer, text: &str, out: &mut Vec<Candidate>) {
        for caps in self.comma_country.captures_iter(text) {
            let (Some(whole), Some(c)) = (caps.get(0), caps.name("c")) else {
                continue;
            };
            let run = cap_run_before(text, whole.start(), 4);
            if let Some(span) = Self::city_suffix(g, text, &run) {
                out.push(
                    Candidate::new(span, Entity::City, 0.85).with_pattern("city_comma_country"),
                );
                out.push(country(Span::new(c.start(), c.end()), 0.9, "comma_country"));
            }
        }
    }

    /// "lives in Harlem", "moved to Mobile", "from Lagos".
    fn phrases(&self, g: &Gazetteer, text: &str, out: &mut Vec<Candidate>) {
        for m in self.strong.find_iter(text) {
            let (at, the) = skip_the(text, m.end());
            let run = cap_run(text, at, 5);
            if run.is_empty() {
                continue;
            }
            if let Some(span) = Self::state_prefix(g, text, &run) {
                out.push(state(span, 0.9, "phrase_state"));
                continue;
            }
            if let Some(span) = Self::country_prefix(text, &run) {
                out.push(country(span, 0.9, "phrase_country"));
                continue;
            }
            let first = &text[run[0].range()];
            let lower = first.to_lowercase();
            let all_caps_short = first.len() <= 4 && !first.chars().any(char::is_lowercase);
            if NOT_A_PLACE.contains(&lower.trim_end_matches(['\'', '’', 's']))
                || NOT_A_PLACE.contains(&lower.as_str())
                || is_weekday(lower.trim_end_matches(['\'', '’', 's']))
                || is_month_name(lower.trim_end_matches(['\'', '’', 's']))
                || is_month_name(&lower)
            {
                continue;
            }
            if let Some((span, _)) = Self::city_prefix(g, text, &run) {
                out.push(Candidate::new(span, Entity::City, 0.85).with_pattern("phrase_city"));
                continue;
            }
            // A neighbourhood or place the gazetteer does not know.
            if all_caps_short {
                continue;
            }
            // Stop before a word that starts a facility or a person title.
            let mut end = run.len();
            for (i, w) in run.iter().enumerate().skip(1) {
                let lw = text[w.range()].to_lowercase();
                if NOT_A_PLACE.contains(&lw.as_str()) || is_weekday(&lw) || is_month_name(&lw) {
                    end = i;
                    break;
                }
            }
            // "the Tenderloin": the article is part of the name.
            let start = if the { m.end() } else { run[0].start };
            let span = Span::new(start, run[end - 1].end);
            out.push(
                Candidate::new(span, Entity::Location, 0.7).with_pattern("phrase_neighbourhood"),
            );
        }
        for m in self.weak.find_iter(text) {
            let (at, _) = skip_the(text, m.end());
            let run = cap_run(text, at, 5);
            if run.is_empty() {
                continue;
            }
            if let Some((span, f)) = Self::city_prefix(g, text, &run) {
                // A world city needs to be a large one ("to Molina" is an
                // insurer, "to Lagos" a city).
                if f.ambiguous || !(f.us || f.standalone) || g.state(&text[span.range()]) {
                    continue;
                }
                let score = if f.us { 0.75 } else { 0.7 };
                out.push(
                    Candidate::new(span, Entity::City, score).with_pattern("weak_phrase_city"),
                );
            }
        }
    }

    /// Distinctive city names on their own ("Springfield", "Albuquerque").
    fn standalone(g: &Gazetteer, text: &str, span: Span, out: &mut Vec<Candidate>) {
        {
            if !is_capitalised(text, span) {
                return;
            }
            let after = &text[span.end..];
            if after.starts_with("'s") || after.starts_with("’s") {
                return;
            }
            // "Montgomery-Åsberg": part of a hyphenated name.
            if after.starts_with('-') && after[1..].starts_with(char::is_alphabetic) {
                return;
            }
            let next_raw = next_word(text, span.end);
            let next = next_raw.to_lowercase();
            if NOT_AFTER_CITY.contains(&next.as_str()) {
                return;
            }
            // Part of a longer name ("Columbia Suicide Severity Rating
            // Scale", "Boston Red Sox"): not a place on its own.
            let spaced = after.starts_with(' ') && !after.starts_with("  ");
            if spaced
                && next_raw.starts_with(|c: char| c.is_uppercase())
                && !g.state(next_raw)
                && !gazetteer::is_state_code(next_raw)
                && !TIME_WORDS.contains(&next.as_str())
                && !is_weekday(&next)
                && !is_month_name(&next)
            {
                return;
            }
            out.push(Candidate::new(span, Entity::City, 0.65).with_pattern("city_standalone"));
        }
    }

    /// State names ("New York", "Ohio"); name-like ones ("Virginia",
    /// "Georgia") only with place context.
    fn state_name(g: &Gazetteer, text: &str, span: Span, out: &mut Vec<Candidate>) {
        {
            if !is_capitalised(text, span) {
                return;
            }
            let lower = text[span.range()].to_lowercase();
            if gazetteer::NAME_LIKE_STATES.contains(&lower.as_str())
                && !place_context(g, text, span)
            {
                return;
            }
            // "New York, NY": the city, not the state.
            if let Some(rest) = text[span.end..].strip_prefix(',') {
                let code = next_word(rest, 0);
                if code.len() == 2 && gazetteer::is_state_code(code) {
                    return;
                }
            }
            out.push(state(span, 0.9, "state_name"));
        }
    }

    /// Country names; name-like ones ("Chad", "Jordan") only with context.
    fn country_name(g: &Gazetteer, text: &str, span: Span, out: &mut Vec<Candidate>) {
        {
            let s = &text[span.range()];
            if !is_capitalised(text, span) {
                return;
            }
            // All-caps forms ("UK", "USA") must be all caps in the text.
            let canonical = gazetteer::COUNTRIES
                .iter()
                .find(|c| c.eq_ignore_ascii_case(s))
                .copied()
                .unwrap_or(s);
            if canonical
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                && !s
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
            {
                return;
            }
            let lower = s.to_lowercase();
            if gazetteer::AMBIGUOUS_COUNTRIES.contains(&lower.as_str())
                && !place_context(g, text, span)
            {
                return;
            }
            out.push(country(span, 0.9, "country_name"));
        }
    }

    /// One pass of the name automaton: each match is a state, a country
    /// and/or a distinctive city.
    fn names(&self, g: &Gazetteer, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        let text = doc.text();
        self.names.for_each_match(doc, |span| {
            let s = &text[span.range()];
            if g.state(s) {
                Self::state_name(g, text, span, out);
            }
            if self.country_set.contains(&fold_str(s)) {
                Self::country_name(g, text, span, out);
            }
            // A state name on its own ("Washington") is never a city here.
            if !g.state(s) && g.city(s).is_some_and(|f| f.standalone && !f.ambiguous) {
                Self::standalone(g, text, span, out);
            }
        });
    }
}

/// The city part of a word run before ", ST" when the gazetteer does not
/// know it: the last word, with a preceding "New", "San", "Fort" … kept.
fn fallback_city(text: &str, run: &[Span]) -> Option<Span> {
    const PREFIXES: &[&str] = &[
        "new", "san", "santa", "los", "las", "el", "la", "fort", "ft.", "saint", "st.", "st",
        "mount", "mt.", "port", "north", "south", "east", "west", "lake", "palm", "glen", "grand",
        "little", "big", "cedar", "du", "de", "des", "le", "point", "pine", "rock", "spring",
        "white", "red", "green", "blue", "black", "long", "royal", "park", "round", "bay", "twin",
        "falls",
    ];
    const NOT_CITY: &[&str] = &[
        "apt", "apt.", "suite", "ste", "ste.", "unit", "box", "st", "st.", "street", "ave", "ave.",
        "avenue", "rd", "rd.", "road", "blvd", "dr", "dr.", "drive", "ln", "lane", "ct", "court",
        "pl", "place", "way", "hwy", "pkwy", "cir", "ter", "floor", "fl", "room", "rm", "md", "do",
        "rn", "np", "pa", "phd", "lcsw", "dr", "mr", "mrs", "ms",
    ];
    let last = *run.last()?;
    let lw = text[last.range()].to_lowercase();
    if NOT_CITY.contains(&lw.as_str()) || lw.len() < 3 {
        return None;
    }
    if run.len() >= 2 {
        let prev = run[run.len() - 2];
        let pw = text[prev.range()].to_lowercase();
        if PREFIXES.contains(&pw.as_str()) {
            return Some(Span::new(prev.start, last.end));
        }
    }
    Some(last)
}

/// Skips "the " at `at` ("lives in the Bronx"); says whether it did.
fn skip_the(text: &str, at: usize) -> (usize, bool) {
    let rest = &text[at..];
    if rest
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("the "))
    {
        (at + 4, true)
    } else {
        (at, false)
    }
}

/// Postal codes that are also credentials after a name ("MD", "PA", "MA").
const CREDENTIALS: &[&str] = &["MD", "PA", "MA", "MS", "ME", "DO", "NP", "RN", "DE"];

/// True when the word before `run` is a title ("Dr. Smith, MD").
fn after_title(text: &str, run: &[Span]) -> bool {
    let Some(first) = run.first() else {
        return false;
    };
    let first_word = text[first.range()].trim_end_matches('.').to_lowercase();
    let (prev, comma) = prev_word(text, first.start);
    let title = |w: &str| matches!(w, "dr" | "mr" | "mrs" | "ms" | "miss" | "prof" | "doctor");
    title(&first_word) || (!comma && title(&prev))
}

/// Place context around a name-like state or country.
fn place_context(g: &Gazetteer, text: &str, span: Span) -> bool {
    let (prev, comma) = prev_word(text, span.start);
    if PLACE_PREPS.contains(&prev.as_str()) && !comma {
        return true;
    }
    if comma {
        // "Richmond, Virginia": the word run before the comma is a city.
        let before = text[..span.start].trim_end_matches([' ', '\t']);
        let before = before.strip_suffix(',').unwrap_or(before);
        let run = cap_run_before(text, before.len(), 4);
        if PlaceRecognizer::city_suffix(g, text, &run).is_some() {
            return true;
        }
    }
    let next = next_word(text, span.end);
    next.len() == 5 && next.bytes().all(|b| b.is_ascii_digit())
        || next.eq_ignore_ascii_case("state")
}

fn state(span: Span, score: f32, pattern: &'static str) -> Candidate {
    Candidate::new(span, Entity::UsState, score)
        .with_pattern(Arc::<str>::from(pattern))
        .with_facts(Facts::Place(PlaceKind::State))
}

fn country(span: Span, score: f32, pattern: &'static str) -> Candidate {
    Candidate::new(span, Entity::Country, score)
        .with_pattern(Arc::<str>::from(pattern))
        .with_facts(Facts::Place(PlaceKind::Country))
}

impl Recognizer for PlaceRecognizer {
    fn id(&self) -> &str {
        "places"
    }

    fn entities(&self) -> &[Entity] {
        &[
            Entity::City,
            Entity::UsState,
            Entity::Country,
            Entity::Location,
        ]
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
        self.address_shapes(g, text, out);
        self.comma_countries(g, text, out);
        self.phrases(g, text, out);
        self.names(g, doc, out);
        // Several shapes may find the same place: keep the best of each.
        let mut mine = out.split_off(from);
        mine.sort_by(|a, b| {
            (a.span, &a.entity)
                .cmp(&(b.span, &b.entity))
                .then(b.score.total_cmp(&a.score))
        });
        mine.dedup_by(|b, a| a.span == b.span && a.entity == b.entity);
        out.extend(mine);
        Ok(())
    }
}
