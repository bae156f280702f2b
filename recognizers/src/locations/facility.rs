//! Facilities tied to a place: "Mercy Hospital", "St. Mary's Medical
//! Center", "Lakeside Elementary School", "University of Michigan",
//! "Kaiser Permanente Oakland". Generic phrases ("the hospital", "Mental
//! Health Clinic", "ER", "ICU") are not identifiers and are not reported.

use phimask_core::document::Document;
use phimask_core::{Candidate, Context, DictionaryRecognizer, Entity, Error, Recognizer, Span};
use regex::Regex;

use super::gazetteer;
use super::words::{cap_run, cap_run_before, extend_particles, is_capitalised};

/// Words that end a facility name.
const KEYWORDS: &str = "Cent(?:er|re)[ \\t]+for[ \\t]+(?:Nursing|Rehabilitation|Behavioral[ \\t]+Health|Mental[ \\t]+Health|Health(?:[ \\t]+and[ \\t]+Rehabilitation)?)(?:[ \\t]+(?:and|&)[ \\t]+Rehabilitation)?|Senior[ \\t]+Living|Living[ \\t]+Cent(?:er|re)|Skilled[ \\t]+Nursing(?:[ \\t]+Facility)?|Memory[ \\t]+Care|Hospitals?|Counseling[ \\t]+(?:Associates|Services|Group)|Associates|Nursing[ \\t]+(?:and|&)[ \\t]+Rehabilitation(?:[ \\t]+Cent(?:er|re))?|Recovery[ \\t]+Center|Behavioral[ \\t]+Health[ \\t]+Cent(?:er|re)|Medical[ \\t]+Cent(?:er|re)|Med[ \\t]+Ctr|Health[ \\t]+Cent(?:er|re)|Health[ \\t]+System|Healthcare|Health[ \\t]+Care[ \\t]+Center|Clinics?|Nursing[ \\t]+Home|Nursing[ \\t]+Facility|Nursing[ \\t]+and[ \\t]+Rehabilitation[ \\t]+Center|Rehab(?:ilitation)?[ \\t]+(?:Center|Hospital|Facility)|Rehab|Care[ \\t]+Center|Treatment[ \\t]+Center|Recovery[ \\t]+Center|Behavioral[ \\t]+Health|Psychiatric[ \\t]+(?:Center|Institute)|Mental[ \\t]+Health[ \\t]+Center|Counseling[ \\t]+Center|Hospice|Infirmary|Sanatorium|Sanitarium|(?:Elementary|Middle|High|Junior[ \\t]+High|Primary|Secondary|Charter|Grammar|Preparatory|Prep)[ \\t]+School|School|Academy|University|College|Church|Temple|Synagogue|Mosque|Cathedral|Jail|Prison|Correctional[ \\t]+(?:Facility|Center|Institution)|Detention[ \\t]+Center|Penitentiary|Shelter|Medical[ \\t]+Group|Family[ \\t]+Practice|Medical[ \\t]+Practice|General[ \\t]+Practice|Group[ \\t]+Practice|(?:NHS[ \\t]+)?(?:Foundation[ \\t]+)?Trust|(?:District[ \\t]+)?Health[ \\t]+Board|Local[ \\t]+Health[ \\t]+District|Health[ \\t]+Service|Primary[ \\t]+Health[ \\t]+Organi[sz]ation|Pediatrics|Institute|Pavilion|Senior[ \\t]+Center|Assisted[ \\t]+Living|Retirement[ \\t]+(?:Home|Community)|Group[ \\t]+Home|Dialysis[ \\t]+Center|Surgery[ \\t]+Center|Urgent[ \\t]+Care|Y\\.?M\\.?C\\.?A|Library|Airport";

/// Capitalised words that do not make a facility name specific ("Brief
/// Hospital Course", "Psychiatric Hospital", "Community Mental Health
/// Clinic"): a facility needs at least one word outside this list.
const GENERIC: &[&str] = &[
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
    "its",
    "same",
    "another",
    "any",
    "each",
    "every",
    "no",
    "at",
    "in",
    "to",
    "from",
    "of",
    "on",
    "for",
    "with",
    "by",
    "per",
    "via",
    "and",
    "or",
    "&",
    "follow",
    "up",
    "seen",
    "admitted",
    "discharged",
    "transferred",
    "returned",
    "presented",
    "referred",
    "attends",
    "attending",
    "attended",
    "visit",
    "visited",
    "called",
    "went",
    "go",
    "going",
    "back",
    "plan",
    "assessment",
    "note",
    "notes",
    "pt",
    "patient",
    "patient's",
    "client",
    "ed",
    "er",
    "icu",
    "emergency",
    "department",
    "unit",
    "floor",
    "ward",
    "service",
    "services",
    "program",
    "clinic",
    "center",
    "centre",
    "office",
    "practice",
    "specialty",
    "surgery",
    "surgical",
    "psychiatry",
    "psychiatric",
    "medicine",
    "internal",
    "neurology",
    "cardiology",
    "oncology",
    "ob",
    "gyn",
    "ob/gyn",
    "orthopedic",
    "orthopaedic",
    "addiction",
    "substance",
    "abuse",
    "use",
    "disorder",
    "counseling",
    "therapy",
    "social",
    "work",
    "wellness",
    "recovery",
    "life",
    "health",
    "mental",
    "behavioral",
    "behavioural",
    "medical",
    "general",
    "community",
    "regional",
    "state",
    "county",
    "city",
    "local",
    "outside",
    "other",
    "previous",
    "prior",
    "current",
    "new",
    "old",
    "private",
    "public",
    "primary",
    "urgent",
    "care",
    "family",
    "dental",
    "eye",
    "pain",
    "sleep",
    "methadone",
    "dialysis",
    "cancer",
    "heart",
    "women's",
    "children's",
    "childrens",
    "pediatric",
    "teaching",
    "academic",
    "university",
    "elementary",
    "middle",
    "high",
    "junior",
    "senior",
    "nursing",
    "rehab",
    "rehabilitation",
    "treatment",
    "residential",
    "day",
    "partial",
    "intensive",
    "crisis",
    "detox",
    "sober",
    "group",
    "free",
    "walk-in",
    "memorial",
    "brief",
    "course",
    "hospital",
    "hospitals",
    "admission",
    "discharge",
    "inpatient",
    "outpatient",
    "local",
    "area",
    "nearby",
    "closest",
    "nearest",
    "affiliated",
    "home",
    "school",
    "college",
    "jail",
    "prison",
    "shelter",
    "homeless",
    "women",
    "men",
    "veterans",
    "va",
    "v.a.",
    "federal",
    "national",
    "main",
    "north",
    "south",
    "east",
    "west",
    "central",
    "upper",
    "lower",
    "satellite",
    "specialty",
    "specialist",
    "primary-care",
    "telehealth",
    "virtual",
    "online",
    "covid",
    "covid-19",
    "vaccine",
    "vaccination",
    "testing",
    "lab",
    "laboratory",
    "imaging",
    "radiology",
    "x-ray",
    "mri",
    "ct",
    "infusion",
    "transplant",
    "trauma",
    "burn",
    "stroke",
    "spine",
    "sports",
    "diabetes",
    "endocrine",
    "kidney",
    "liver",
    "lung",
    "gi",
    "wound",
    "geriatric",
    "adolescent",
    "adult",
    "child",
    "youth",
    "teen",
    "maternity",
    "birth",
    "birthing",
    "fertility",
    "family-planning",
    "planned",
    "parenthood",
    "student",
    "employee",
    "occupational",
    "travel",
    "acute",
    "chronic",
    "long-term",
    "short-term",
    "skilled",
    "assisted",
    "living",
    "retirement",
    "care-center",
    "institute",
    "clinics",
    "medical-center",
    "law",
    "medical-school",
    "graduate",
    "community-college",
    "technical",
    "vocational",
    "bible",
    "sunday",
    "catholic",
    "baptist",
    "methodist",
    "lutheran",
    "presbyterian",
    "episcopal",
    "evangelical",
    "pentecostal",
    "christian",
    "jewish",
    "islamic",
    "muslim",
    "orthodox",
    "reform",
    "first",
    "second",
    "third",
    "sex",
    "offender",
    "juvenile",
    "county's",
    "i",
    "ii",
    "iii",
    "he",
    "she",
    "they",
    "we",
    "pt's",
    "appt",
    "appointment",
    "today",
    "tomorrow",
    "yesterday",
    "would",
    "should",
    "can",
    "could",
    "may",
    "must",
    "has",
    "had",
    "have",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "not",
    "also",
    "then",
    "when",
    "where",
    "while",
    "after",
    "before",
    "during",
    "since",
    "until",
    "about",
    "over",
    "under",
    "into",
    "onto",
    "upon",
    "out",
    "off",
    "both",
    "all",
    "some",
    "several",
    "many",
    "most",
    "hx",
    "dx",
    "tx",
    "rx",
    "f/u",
    "fu",
    "s/p",
    "w/",
    "h/o",
    "admit",
    "admits",
    "report",
    "reports",
    "reported",
    "states",
    "stated",
    "denies",
    "endorses",
    "per",
    "pcp",
    "psych",
    "med",
    "meds",
    "medication",
    "medications",
    "next",
    "last",
    "this",
    "week",
    "month",
    "year",
    "mercy's",
];

/// Well-known health systems and places that identify a location without
/// a keyword; a city right after extends the match ("Kaiser Permanente
/// Oakland").
const KNOWN: &[&str] = &[
    "Mount Sinai",
    "Mt. Sinai",
    "Mt Sinai",
    "Bellevue",
    "Kaiser Permanente",
    "Cedars-Sinai",
    "Cedars Sinai",
    "Johns Hopkins",
    "NYU Langone",
    "Mass General",
    "Massachusetts General",
    "Brigham and Women's",
    "Memorial Sloan Kettering",
    "Sloan Kettering",
    "MD Anderson",
    "Cleveland Clinic",
    "Mayo Clinic",
    "Rikers Island",
    "Rikers",
    "Montefiore",
    "Lenox Hill",
    "Beth Israel",
    "Beth Israel Deaconess",
    "NewYork-Presbyterian",
    "New York-Presbyterian",
    "Columbia Presbyterian",
    "Weill Cornell",
    "Northwell",
    "Hackensack Meridian",
    "Intermountain",
    "Geisinger",
    "Ochsner",
    "Sutter Health",
    "Stanford Health Care",
    "UCSF",
    "UCLA Health",
    "Ronald Reagan UCLA",
    "Dana-Farber",
    "Dana Farber",
    "Yale New Haven",
    "Penn Medicine",
    "UPMC",
    "Henry Ford",
    "Spectrum Health",
    "Baylor Scott & White",
    "Parkland",
    "Grady",
    "Jackson Memorial",
    "Kings County",
    "Jacobi",
    "Elmhurst Hospital",
    "Harborview",
    "Zuckerberg San Francisco General",
    "Bellevue Hospital",
    "McLean",
    "Butler Hospital",
    "Sheppard Pratt",
    "Menninger",
    "Silver Hill",
    "Austen Riggs",
    "Walter Reed",
];

/// Finds facility names.
#[derive(Debug)]
pub struct FacilityRecognizer {
    keyword: Regex,
    of_form: Regex,
    saint: Regex,
    known: DictionaryRecognizer,
}

impl FacilityRecognizer {
    /// Builds the recognizer.
    ///
    /// # Errors
    /// When a built-in pattern fails to compile (a bug).
    pub fn new() -> Result<FacilityRecognizer, Error> {
        let re =
            |s: &str| Regex::new(s).map_err(|e| Error::policy(format!("facility pattern: {e}")));
        Ok(FacilityRecognizer {
            keyword: re(&format!(r"(?i)(?-u:\b)(?:{KEYWORDS})(?-u:\b)"))?,
            of_form: re(
                r"(?-u:\b)(?:Hospital|University|College|Medical[ \t]+Center|Clinic|Church|School|Institute|Academy|Health[ \t]+System|Hospitals)[ \t]+(?:of|for|at)[ \t]+(?:the[ \t]+)?",
            )?,
            saint: re(
                r"(?i:(?-u:\b)(?:at|to|from|in|of|via)[ \t]+)(?P<name>(?:St\.?|Saint|ST\.?|SAINT)[ \t]+\p{Lu}[\p{L}\-]+(?:'s|’s|'S|s'|S')(?:[ \t]+\p{Lu}[\p{L}\-]+)?)",
            )?,
            known: DictionaryRecognizer::builder("known_facilities", Entity::Location)
                .terms(KNOWN)
                .score(0.85)
                .build()?,
        })
    }
}

fn is_generic(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches('.');
    GENERIC.contains(&lower)
}

/// Words dropped from the front of a facility name.
const TRIM_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "at",
    "in",
    "to",
    "from",
    "of",
    "on",
    "for",
    "with",
    "by",
    "per",
    "via",
    "and",
    "or",
    "follow",
    "up",
    "seen",
    "admitted",
    "discharged",
    "transferred",
    "returned",
    "presented",
    "referred",
    "attends",
    "attending",
    "attended",
    "visit",
    "visited",
    "called",
    "went",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "this",
    "that",
    "pt",
    "patient",
    "client",
    "i",
    "he",
    "she",
    "they",
    "we",
    "plan",
    "note",
    "brief",
    "course",
    "admission",
    "discharge",
    "hx",
    "dx",
    "f/u",
    "completed",
    "finished",
    "graduated",
    "enrolled",
    "dropped",
    "quit",
    "left",
    "started",
    "resident",
    "widow",
    "widower",
    "old",
    "former",
    "staff",
    "nurse",
    "counselor",
    "therapist",
    "teacher",
    "student",
    "hospitalized",
    "treated",
    "lives",
    "living",
    "works",
    "working",
    "employed",
];

/// Abbreviations that never start a facility name.
const TRIM_ABBREVIATIONS: &[&str] = &[
    "ER", "ED", "ICU", "OR", "PT", "MD", "RN", "NP", "PA", "DR", "CCU", "NICU", "PICU", "PACU",
    "SNF", "ALF", "LTC", "PCP", "OB", "GI", "VA", "IOP", "PHP", "CMHC", "BH", "F/U", "FU", "HX",
    "DX",
];

/// Drops leading generic words of a run ("Seen At Mercy" → "Mercy"), but
/// keeps "St." / "Saint" and the name after it.
fn trim_leading(text: &str, run: &[Span]) -> usize {
    // Everything up to a preposition inside the run goes ("HOSPITALIZED AT
    // QUEENS REGIONAL MEDICAL CENTER", "RESIDENT OF ST. LUKE'S").
    let mut i = run
        .iter()
        .rposition(|w| {
            let t = &text[w.range()];
            matches!(
                t.to_lowercase().as_str(),
                "at" | "in" | "to" | "from" | "by" | "with" | "via" | "per" | "into"
            ) || t == "OF"
        })
        .map_or(0, |p| p + 1);
    while i < run.len() {
        let w = &text[run[i].range()];
        let lw = w.to_lowercase();
        if TRIM_WORDS.contains(&lw.as_str()) || TRIM_ABBREVIATIONS.contains(&w) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

impl Recognizer for FacilityRecognizer {
    fn id(&self) -> &str {
        "facility"
    }

    fn entities(&self) -> &[Entity] {
        &[Entity::Location]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        let g = gazetteer::get();
        // "<Name words> Hospital".
        for m in self.keyword.find_iter(text) {
            // Title case or capitals only: "follow up in clinic" is no name.
            if !m.as_str().starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            let run = cap_run_before(text, m.start(), 5);
            let skip = trim_leading(text, &run);
            let run = &run[skip..];
            if !run.iter().any(|w| !is_generic(&text[w.range()])) {
                continue;
            }
            let Some(first) = run.first() else { continue };
            let start = extend_particles(text, first.start);
            let mut end = m.end();
            // "Kings County Hospital Center", "Mercy Hospital of Springfield".
            let rest = &text[end..];
            if let Some(more) = rest.strip_prefix(' ') {
                for kw in ["Center", "Centre", "Campus", "System"] {
                    if more.starts_with(kw) {
                        end += 1 + kw.len();
                        break;
                    }
                }
            }
            out.push(
                Candidate::new(Span::new(start, end), Entity::Location, 0.85)
                    .with_pattern("facility_keyword"),
            );
        }
        // "University of Michigan", "Hospital for Special Surgery".
        for m in self.of_form.find_iter(text) {
            let run = cap_run(text, m.end(), 4);
            if !run.iter().any(|w| !is_generic(&text[w.range()])) {
                continue;
            }
            let Some(last) = run.last() else { continue };
            // Include a name in front ("Children's Hospital of Philadelphia").
            let before = cap_run_before(text, m.start(), 4);
            let skip = trim_leading(text, &before);
            let start = before.get(skip).map_or(m.start(), |w| w.start);
            out.push(
                Candidate::new(Span::new(start, last.end), Entity::Location, 0.85)
                    .with_pattern("facility_of"),
            );
        }
        // "transferred to St. Mary's" (not "St. John's wort", "St.
        // Patrick's Day").
        for caps in self.saint.captures_iter(text) {
            let Some(name) = caps.name("name") else {
                continue;
            };
            let mut span = Span::new(name.start(), name.end());
            let last = name.as_str().rsplit([' ', '\t']).next().unwrap_or_default();
            if !last.contains(['\'', '’']) {
                // A second word: keep it only when it is a keyword-free name
                // part ("St. Mary's Mercy"), never an eponym's noun.
                let lw = last.to_lowercase();
                if matches!(
                    lw.as_str(),
                    "wort" | "day" | "eve" | "fire" | "dance" | "cross"
                ) {
                    continue;
                }
                span = Span::new(name.start(), name.end() - last.len());
                let trimmed = text[span.range()].trim_end();
                span = Span::new(span.start, span.start + trimmed.len());
            }
            let next = super::words::next_word(text, span.end).to_lowercase();
            if matches!(
                next.as_str(),
                "wort" | "day" | "eve" | "fire" | "dance" | "cross"
            ) {
                continue;
            }
            out.push(Candidate::new(span, Entity::Location, 0.8).with_pattern("saint_facility"));
        }
        // Known systems, plus a city after them.
        self.known.for_each_match(doc, |span| {
            if !is_capitalised(text, span) && !text[span.range()].starts_with("UCLA") {
                return;
            }
            let mut end = span.end;
            if text[end..].starts_with(' ') {
                let run = cap_run(text, end + 1, 3);
                if let Some(i) = (0..run.len()).rev().find(|&i| {
                    g.city(&text[Span::new(run[0].start, run[i].end).range()])
                        .is_some_and(|f| !f.ambiguous || f.standalone)
                }) {
                    end = run[i].end;
                }
            }
            out.push(
                Candidate::new(Span::new(span.start, end), Entity::Location, 0.85)
                    .with_pattern("known_facility"),
            );
        });
        Ok(())
    }
}
