//! The word lists under `data/`, parsed once.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

const NAMES: &str = include_str!("../data/names.txt");
const WORD_NAMES: &str = include_str!("../data/word_names.txt");
const NICKNAMES: &str = include_str!("../data/nicknames.txt");
const SYLLABLES: &str = include_str!("../data/syllables.txt");
const PLACES: &str = include_str!("../data/places.txt");
const CLINICAL: &str = include_str!("../data/clinical.txt");

/// Given and family names of one origin.
#[derive(Debug, Default)]
pub(crate) struct NameList {
    pub(crate) given: Vec<&'static str>,
    pub(crate) family: Vec<&'static str>,
}

/// Streets, towns and regions of one country.
#[derive(Debug, Default)]
pub(crate) struct PlaceList {
    pub(crate) street: Vec<&'static str>,
    pub(crate) city: Vec<&'static str>,
    pub(crate) region: Vec<&'static str>,
}

/// Everything loaded from the data files.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub(crate) names: BTreeMap<&'static str, NameList>,
    pub(crate) word_names: NameList,
    /// `(origin of the formal name, formal, nickname)`.
    pub(crate) nicknames: Vec<(&'static str, &'static str, &'static str)>,
    pub(crate) onset: Vec<&'static str>,
    pub(crate) nucleus: Vec<&'static str>,
    pub(crate) coda: Vec<&'static str>,
    pub(crate) suffix: Vec<&'static str>,
    pub(crate) places: BTreeMap<&'static str, PlaceList>,
    /// Clinical keep vocabulary by kind: `med`, `eponym`, `icd10`, `cpt`,
    /// `loinc`, `snomed` (the last two as `code\tdisplay`).
    pub(crate) clinical: BTreeMap<&'static str, Vec<&'static str>>,
    /// Every listed name, lower-cased (invented names must avoid them).
    pub(crate) known: BTreeSet<String>,
}

fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn split1(l: &'static str) -> (&'static str, &'static str) {
    match l.split_once(' ') {
        Some((a, b)) => (a, b),
        None => (l, ""),
    }
}

fn load() -> Lexicon {
    let mut lx = Lexicon::default();
    for l in lines(NAMES) {
        let (origin, rest) = split1(l);
        let (gf, name) = split1(rest);
        let e = lx.names.entry(origin).or_default();
        if gf == "g" {
            e.given.push(name);
        } else {
            e.family.push(name);
        }
        lx.known.insert(name.to_lowercase());
    }
    for l in lines(WORD_NAMES) {
        let (gf, name) = split1(l);
        if gf == "g" {
            lx.word_names.given.push(name);
        } else {
            lx.word_names.family.push(name);
        }
        lx.known.insert(name.to_lowercase());
    }
    for l in lines(NICKNAMES) {
        let (origin, rest) = split1(l);
        let (formal, nick) = split1(rest);
        lx.nicknames.push((origin, formal, nick));
        lx.known.insert(formal.to_lowercase());
        lx.known.insert(nick.to_lowercase());
    }
    for l in SYLLABLES.lines().filter(|l| !l.starts_with('#')) {
        let (k, v) = split1(l.trim_end_matches('\r'));
        match k {
            "onset" => lx.onset.push(v),
            "nucleus" => lx.nucleus.push(v),
            "coda" => lx.coda.push(v),
            "suffix" => lx.suffix.push(v),
            _ => {}
        }
    }
    for l in lines(PLACES) {
        let (country, rest) = split1(l);
        let (k, v) = split1(rest);
        let e = lx.places.entry(country).or_default();
        match k {
            "street" => e.street.push(v),
            "city" => e.city.push(v),
            _ => e.region.push(v),
        }
    }
    for l in lines(CLINICAL) {
        let (k, v) = split1(l);
        lx.clinical.entry(k).or_default().push(v);
    }
    lx
}

/// The lexicon (parsed on first use).
pub(crate) fn lexicon() -> &'static Lexicon {
    static LX: OnceLock<Lexicon> = OnceLock::new();
    LX.get_or_init(load)
}
