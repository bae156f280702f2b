//! Street address lines in British, Irish, Commonwealth and European
//! forms, which the US street grammar misses:
//!
//! * a flat, unit, apartment, suite, level or floor designator before the
//!   number, with or without a building name: "Flat 3, 12 Baker Street",
//!   "Apartment 36, Kingsley House, Mill Lane", "Apt 712, 4185 Barrington
//!   Street";
//! * the Australian and New Zealand slash form: "Unit 4/22 Smith St",
//!   "12/34 George Street";
//! * a designator after the street: "12 Baker Street, Flat 3";
//! * British street types the US list leaves out ("Close", "Walk",
//!   "Approach", "Mews", "Parade", "-way", "-gate");
//! * a street type before the name, with the number after ("Rua das
//!   Flores 46", "ul. Długa 85", "Calle Hidalgo 236/34", "Οδός Αιόλου 32"),
//!   the French "40 rue des Tilleuls", and German compounds
//!   ("Schillerweg 13").

use std::sync::Arc;

use phimask_core::document::Document;
use phimask_core::{Candidate, Context, Entity, Error, Recognizer, Span};
use regex::Regex;

/// Street types that end a street name (any case).
const TYPES: &str = "street|st|road|rd|avenue|ave|lane|ln|close|cl|crescent|cres|drive|way|walk|approach|place|pl|court|ct|terrace|tce|terr|grove|gr|gardens|gdns|square|sq|parade|pde|highway|hwy|boulevard|blvd|row|mews|rise|green|circle|cir|esplanade|esp|quay|wharf|hill|vale|view|park|crest|circuit|cct|mall|strand";

/// Designators of a dwelling inside a building.
const DESIGNATORS: &str =
    "flat|apartment|apt|unit|suite|ste|level|lvl|floor|fl|room|rm|studio|shop|villa|maisonette";

/// Finds non-US street address lines.
#[derive(Debug)]
pub struct IntlAddressRecognizer {
    designated: Regex,
    slash: Regex,
    numbered: Regex,
    prefixed: Regex,
    french: Regex,
    german: Regex,
}

impl IntlAddressRecognizer {
    /// Builds the recognizer.
    ///
    /// # Errors
    /// When a built-in pattern fails to compile (a bug).
    pub fn new() -> Result<IntlAddressRecognizer, Error> {
        let re = |s: String| {
            Regex::new(&s).map_err(|e| Error::recognizer("intl_address", format!("pattern: {e}")))
        };
        // A capitalised (or upper-case) name word; "de", "of", "the" join.
        let word = r"(?:\p{Lu}[\p{L}'’\-]*\.?|of|the|de|la|del|des|du)";
        let street = format!(r"(?:{word}[ ]){{1,4}}(?i:{TYPES})(?-u:\b)");
        let single = r"\p{Lu}\p{Ll}+(?:way|gate)(?-u:\b)";
        let number = r"\d{1,5}[A-Za-z]?(?:[\-]\d{1,5}[A-Za-z]?)?";
        let designator = format!(r"(?i:{DESIGNATORS})\.?[ ]?\#?\d{{1,5}}[A-Za-z]?");
        let building = format!(
            r"(?:{word}[ ]){{1,3}}(?i:house|court|building|tower|towers|lodge|mansions|apartments|centre|center|hall|block|heights|chambers)"
        );
        Ok(IntlAddressRecognizer {
            designated: re(format!(
                r"(?-u:\b){designator}(?:,[ ]?|[ ])(?:{building},[ ]?)?(?:(?:{number}[ ])?(?:{street}|{single})|{building})"
            ))?,
            slash: re(format!(
                r"(?:(?-u:\b)(?i:{DESIGNATORS})\.?[ ])?(?-u:\b)\d{{1,5}}[A-Za-z]?/\d{{1,5}}[A-Za-z]?[ ](?:{street}|{single})"
            ))?,
            numbered: re(format!(
                r"(?-u:\b){number}[ ](?:{street}|{single})(?:,?[ ](?:{designator}))?"
            ))?,
            prefixed: re(
                r"(?x)(?:(?-u:\b)(?:ul\.|al\.|pl\.|Rua|Avenida|Av\.|Calle|Carrer|Carretera|Paseo|Via|Viale|Corso|Piazza|Largo|Travessa|Rodovia|Alameda)|Οδός|Λεωφόρος|вул\.|ул\.|пр\.|просп\.|проспект|улица)
                  [\ ](?:[\p{L}\d'’.\-]+[\ ]){0,4}\d{1,5}[A-Za-z]?(?:/\d{1,5}[A-Za-z]?)?(?-u:\b)"
                    .to_string(),
            )?,
            french: re(format!(
                r"(?:(?-u:\b){designator},?[ ])?(?-u:\b){number}(?:[ ]?(?:bis|ter))?,?[ ](?:[Rr]ue|[Aa]venue|[Bb]oulevard|bd|[Aa]llée|[Cc]hemin|[Pp]lace|[Ii]mpasse|[Qq]uai|[Rr]oute|[Cc]ours|[Cc]ôte|[Rr]ang)[ ](?:(?:de|des|du|de la|d'|l')[ ]?)?\p{{Lu}}[\p{{L}}'’\-]*(?:[ ]\p{{Lu}}[\p{{L}}'’\-]*){{0,3}}"
            ))?,
            german: re(
                r"(?-u:\b)\p{Lu}\p{Ll}+(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|steig|pfad)[ ]\d{1,4}[a-z]?(?:/\d{1,4})?(?-u:\b)"
                    .to_string(),
            )?,
        })
    }
}

impl Recognizer for IntlAddressRecognizer {
    fn id(&self) -> &str {
        "intl_address"
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
        let forms: [(&Regex, &'static str, f32); 6] = [
            (&self.designated, "designated", 0.85),
            (&self.slash, "unit_slash", 0.85),
            (&self.numbered, "numbered", 0.75),
            (&self.prefixed, "type_first", 0.75),
            (&self.french, "french", 0.8),
            (&self.german, "german", 0.75),
        ];
        for (re, kind, score) in forms {
            for m in re.find_iter(text) {
                let s = m.as_str().trim_end_matches([',', ' ']);
                // A date or a dose is never a house number ("12/34" is a
                // slash form only before a street).
                let span = Span::new(m.start(), m.start() + s.len());
                if text[..span.start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | ':'))
                {
                    continue;
                }
                out.push(
                    Candidate::new(span, Entity::StreetAddress, score)
                        .with_pattern(Arc::<str>::from(kind)),
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use phimask_core::Entity;

    use super::IntlAddressRecognizer;
    use crate::testutil::{analyzer_over, detections};

    fn found(text: &str) -> Vec<String> {
        let r = IntlAddressRecognizer::new().expect("builds");
        detections(&analyzer_over(vec![Arc::new(r)], &[]), text)
            .into_iter()
            .map(|(e, s)| {
                assert_eq!(e, Entity::StreetAddress);
                s
            })
            .collect()
    }

    #[test]
    fn designators_before_and_after_the_number() {
        for (text, want) in [
            ("Flat 3, 12 Baker Street\nLondon", "Flat 3, 12 Baker Street"),
            (
                "Apartment 36, Kingsley House, Mill Lane\nBT11 1ER",
                "Apartment 36, Kingsley House, Mill Lane",
            ),
            (
                "Flat 26, Wycliffe House, Victoria Road",
                "Flat 26, Wycliffe House, Victoria Road",
            ),
            (
                "Apt 712, 4185 Barrington Street",
                "Apt 712, 4185 Barrington Street",
            ),
            (
                "APARTMENT 3, KINGSLEY HOUSE, MILL LANE^^LEEDS",
                "APARTMENT 3, KINGSLEY HOUSE, MILL LANE",
            ),
            ("12 Baker Street, Flat 3", "12 Baker Street, Flat 3"),
            ("Unit 4/22 Smith St\nFitzroy VIC 3065", "Unit 4/22 Smith St"),
            ("12/34 George Street", "12/34 George Street"),
            ("299 Church Walk", "299 Church Walk"),
            ("145 Kingsway, Bristol", "145 Kingsway"),
            ("housing at 8682 Oak Way. Vitals", "8682 Oak Way"),
        ] {
            assert_eq!(found(text), vec![want.to_string()], "in {text:?}");
        }
    }

    #[test]
    fn type_first_french_and_german_streets() {
        for (text, want) in [
            ("Address: Rua das Flores 46, 01310-100", "Rua das Flores 46"),
            ("ul. Długa 85, 00-950 Łódź", "ul. Długa 85"),
            ("Calle Hidalgo 236/34, Puebla", "Calle Hidalgo 236/34"),
            ("Οδός Αιόλου 32, Αθήνα", "Οδός Αιόλου 32"),
            ("Home: 40 rue des Tilleuls, Nantes", "40 rue des Tilleuls"),
            (
                "Apt 1328, 4061 Rue Saint-Denis\nMontréal",
                "Apt 1328, 4061 Rue Saint-Denis",
            ),
            (
                "lives at 1612-450 Rue Saint-Denis since",
                "1612-450 Rue Saint-Denis",
            ),
            (
                "The new address is Calle 5 de Mayo 144, Guadalajara",
                "Calle 5 de Mayo 144",
            ),
            ("Schillerweg 13, 80331 München", "Schillerweg 13"),
        ] {
            assert_eq!(found(text), vec![want.to_string()], "in {text:?}");
        }
    }

    #[test]
    fn clinical_text_stays() {
        for text in [
            "BP 120/80, seen 12/03/2024 by the team",
            "3 Way catheter placed",
            "Level 2 trauma; room 4 is free",
            "Take 2 tablets daily",
            "Dr Smith reviewed on 12/34 ward",
            "Glasgow Coma Scale 15",
            "RTC ON 09-09-2026 WITH DR. RICH",
        ] {
            assert!(
                found(text).is_empty(),
                "fired in {text:?}: {:?}",
                found(text)
            );
        }
    }
}
