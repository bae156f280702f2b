//! People: a name with its origin, and the forms it is written in.

use crate::data::lexicon;
use crate::values::Gen;

/// The name origins a corpus records (the `origin` of PERSON spans).
pub const ORIGINS: &[&str] = &[
    "hispanic",
    "west_african",
    "south_asian",
    "east_asian",
    "cjk",
    "cyrillic",
    "greek",
    "arabic",
    "arabic_script",
    "european",
    "anglo",
    "word",
    "invented",
    "nickname",
    "initials",
];

/// One person of a document.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub(crate) given: String,
    pub(crate) family: String,
    pub(crate) middle: Option<char>,
    pub(crate) given_origin: &'static str,
    pub(crate) family_origin: &'static str,
    pub(crate) nick: Option<String>,
    /// Written family name first without a space (Chinese, Japanese, Korean script).
    pub(crate) eastern: bool,
    pub(crate) title: &'static str,
}

/// A name form with the origin it is recorded under.
#[derive(Clone, Debug)]
pub(crate) struct Form {
    pub(crate) text: String,
    pub(crate) origin: &'static str,
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A name built from syllables that is in none of the lists.
pub(crate) fn invented_name(g: &mut Gen) -> String {
    let lx = lexicon();
    loop {
        let n = g.int(1, 3);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(g.one(&lx.onset));
            s.push_str(g.one(&lx.nucleus));
        }
        s.push_str(g.one(&lx.coda));
        if g.chance(0.35) {
            s.push_str(g.one(&lx.suffix));
        }
        let len = s.chars().count();
        if (4..=12).contains(&len) && !lx.known.contains(&s) {
            return capitalise(&s);
        }
    }
}

/// Locale origins that have lists (everything but word/invented/nickname/initials).
const LOCALES: &[&str] = &[
    "hispanic",
    "west_african",
    "south_asian",
    "east_asian",
    "cjk",
    "cyrillic",
    "greek",
    "arabic",
    "arabic_script",
    "european",
    "anglo",
];

fn is_script(origin: &str) -> bool {
    matches!(origin, "cjk" | "cyrillic" | "greek" | "arabic_script")
}

impl Person {
    /// A random person: about 15% invented, 12% word-names, 8% with a
    /// nickname, the rest spread over the locales.
    pub(crate) fn random(g: &mut Gen) -> Person {
        Person::random_latin(g, true)
    }

    /// A random person; `scripts` allows names in CJK, Cyrillic, Greek or
    /// Arabic script.
    pub(crate) fn random_latin(g: &mut Gen, scripts: bool) -> Person {
        let lx = lexicon();
        let roll = g.int(0, 99);
        let title_f = g.one(&["Ms", "Mrs", "Miss", "Mx"]);
        let title_m = "Mr";
        let title = if g.chance(0.5) { title_f } else { title_m };
        let middle = if g.chance(0.3) {
            Some(char::from(b'A' + g.int(0, 25) as u8))
        } else {
            None
        };
        let base = |given: String, family: String, go, fo| Person {
            given,
            family,
            middle,
            given_origin: go,
            family_origin: fo,
            nick: None,
            eastern: false,
            title,
        };
        if roll < 15 {
            let given = if g.chance(0.6) {
                invented_name(g)
            } else {
                let o = g.one(&["anglo", "hispanic", "west_african", "south_asian"]);
                g.pick(&lx.names[o].given).to_string()
            };
            let go = if lx.known.contains(&given.to_lowercase()) {
                // A listed given name with an invented family name.
                let o = ["anglo", "hispanic", "west_african", "south_asian"]
                    .into_iter()
                    .find(|o| lx.names[o].given.iter().any(|n| *n == given))
                    .unwrap_or("anglo");
                o
            } else {
                "invented"
            };
            return base(given, invented_name(g), go, "invented");
        }
        if roll < 27 {
            let wg = g.chance(0.7);
            let given = if wg {
                g.pick(&lx.word_names.given).to_string()
            } else {
                g.pick(&lx.names["anglo"].given).to_string()
            };
            let wf = !wg || g.chance(0.4);
            let family = if wf {
                g.pick(&lx.word_names.family).to_string()
            } else {
                g.pick(&lx.names["anglo"].family).to_string()
            };
            return base(
                given,
                family,
                if wg { "word" } else { "anglo" },
                if wf { "word" } else { "anglo" },
            );
        }
        if roll < 35 {
            let (o, formal, nick) = *g.pick(&lx.nicknames);
            let fam_origin = if lx.names.contains_key(o) { o } else { "anglo" };
            let family = g.pick(&lx.names[fam_origin].family).to_string();
            let mut p = base(formal.to_owned(), family, o, fam_origin);
            p.nick = Some(nick.to_owned());
            return p;
        }
        let locales: Vec<&str> = LOCALES
            .iter()
            .copied()
            .filter(|o| scripts || !is_script(o))
            .collect();
        let o = *g.pick(&locales);
        let l = &lx.names[o];
        let mut p = base(
            g.pick(&l.given).to_string(),
            g.pick(&l.family).to_string(),
            o,
            o,
        );
        if is_script(o) {
            p.middle = None;
        }
        p.eastern = o == "cjk";
        p
    }

    fn combined_origin(&self) -> &'static str {
        for special in ["invented", "word"] {
            if self.given_origin == special || self.family_origin == special {
                return special;
            }
        }
        self.family_origin
    }

    /// "Given Family" (CJK script: family then given, no space).
    pub(crate) fn full(&self) -> Form {
        let text = if self.eastern {
            format!("{}{}", self.family, self.given)
        } else {
            format!("{} {}", self.given, self.family)
        };
        Form {
            text,
            origin: self.combined_origin(),
        }
    }

    /// "Given M. Family" when there is a middle initial, else the full name.
    pub(crate) fn full_middle(&self) -> Form {
        match self.middle {
            Some(m) if !self.eastern => Form {
                text: format!("{} {m}. {}", self.given, self.family),
                origin: self.combined_origin(),
            },
            _ => self.full(),
        }
    }

    /// "FAMILY, GIVEN M" (Latin script) or the full name.
    pub(crate) fn last_first_caps(&self) -> Form {
        if self.eastern {
            return self.full();
        }
        let m = self.middle.map(|c| format!(" {c}")).unwrap_or_default();
        Form {
            text: format!(
                "{}, {}{m}",
                self.family.to_uppercase(),
                self.given.to_uppercase()
            ),
            origin: self.combined_origin(),
        }
    }

    /// "Family, Given".
    pub(crate) fn last_first(&self) -> Form {
        if self.eastern {
            return self.full();
        }
        Form {
            text: format!("{}, {}", self.family, self.given),
            origin: self.combined_origin(),
        }
    }

    /// The given name alone (or the nickname, when there is one, half the time).
    pub(crate) fn given_form(&self, g: &mut Gen) -> Form {
        if let Some(n) = &self.nick {
            if g.chance(0.6) {
                return Form {
                    text: n.clone(),
                    origin: "nickname",
                };
            }
        }
        Form {
            text: self.given.clone(),
            origin: self.given_origin,
        }
    }

    /// The family name alone.
    pub(crate) fn family_form(&self) -> Form {
        Form {
            text: self.family.clone(),
            origin: self.family_origin,
        }
    }

    /// "J. Family".
    pub(crate) fn initial_family(&self) -> Form {
        if self.eastern {
            return self.family_form();
        }
        let i: String = self.given.chars().take(1).collect();
        Form {
            text: format!("{i}. {}", self.family),
            origin: self.family_origin,
        }
    }

    /// Initials ("KT", "K.T.", "kt").
    pub(crate) fn initials(&self, g: &mut Gen) -> Form {
        let gi = self.given.chars().next().unwrap_or('X');
        let fi = self
            .family
            .split([' ', '-'])
            .filter_map(|w| w.chars().next())
            .next_back()
            .unwrap_or('X');
        let text = match g.below(4) {
            0 => format!("{gi}.{fi}."),
            1 => format!("{gi}{fi}").to_lowercase(),
            _ => format!("{gi}{fi}"),
        };
        Form {
            text,
            origin: "initials",
        }
    }

    /// The name in the components of an HL7 XPN: `FAMILY^GIVEN^M`.
    pub(crate) fn hl7_parts(&self, upper: bool) -> (String, String, String) {
        let f = |s: &str| {
            if upper {
                s.to_uppercase()
            } else {
                s.to_owned()
            }
        };
        (
            f(&self.family),
            f(&self.given),
            self.middle.map(|c| c.to_string()).unwrap_or_default(),
        )
    }

    /// An e-mail address made from the name, or a handle when the name is
    /// not in Latin script.
    pub(crate) fn email_local(&self, g: &mut Gen) -> String {
        let ascii = |s: &str| -> String {
            s.chars()
                .filter_map(|c| {
                    let c = match c {
                        'á' | 'à' | 'ä' | 'â' | 'ą' => 'a',
                        'é' | 'è' | 'ë' | 'ê' | 'ę' => 'e',
                        'í' | 'ï' => 'i',
                        'ó' | 'ö' | 'ø' | 'ô' => 'o',
                        'ú' | 'ü' => 'u',
                        'ñ' | 'ń' => 'n',
                        'ç' => 'c',
                        'ł' => 'l',
                        'ś' => 's',
                        'ż' | 'ź' => 'z',
                        c => c,
                    };
                    c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase())
                })
                .collect()
        };
        let (gv, fv) = (ascii(&self.given), ascii(&self.family));
        if gv.is_empty() || fv.is_empty() {
            return format!("user{}", g.digits(5));
        }
        match g.below(4) {
            0 => format!("{gv}.{fv}"),
            1 => format!("{}{fv}{}", &gv[..1], g.int(1, 99)),
            2 => format!("{fv}_{gv}"),
            _ => format!("{gv}{}", g.int(1950, 2005)),
        }
    }
}

/// A clinician: a person with "Dr" and a role.
pub(crate) fn clinician(g: &mut Gen) -> Person {
    let mut p = Person::random_latin(g, false);
    p.title = "Dr";
    p
}

impl Form {
    /// The form in capitals.
    pub(crate) fn upper(&self) -> Form {
        Form {
            text: self.text.to_uppercase(),
            origin: self.origin,
        }
    }
}

impl Form {
    /// The form with its first letter in lower case ("maria"), as typed in chat.
    pub(crate) fn lower_first(&self) -> Form {
        Form {
            text: self.text.to_lowercase(),
            origin: self.origin,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invented_names_are_in_no_list() {
        let mut g = Gen::new(9);
        let lx = lexicon();
        for _ in 0..2000 {
            let n = invented_name(&mut g);
            assert!(!lx.known.contains(&n.to_lowercase()), "{n}");
            assert!(n.chars().next().is_some_and(char::is_uppercase));
        }
    }

    #[test]
    fn about_fifteen_percent_invented_and_some_word_names() {
        let mut g = Gen::new(4);
        let n = 20_000;
        let (mut inv, mut word, mut nick) = (0, 0, 0);
        for _ in 0..n {
            let p = Person::random(&mut g);
            if p.family_origin == "invented" {
                inv += 1;
            }
            if p.given_origin == "word" || p.family_origin == "word" {
                word += 1;
            }
            if p.nick.is_some() {
                nick += 1;
            }
        }
        let f = |c: i32| f64::from(c) / f64::from(n);
        assert!((0.13..0.17).contains(&f(inv)), "{}", f(inv));
        assert!((0.09..0.15).contains(&f(word)), "{}", f(word));
        assert!((0.06..0.10).contains(&f(nick)), "{}", f(nick));
    }

    #[test]
    fn forms_and_origins() {
        let p = Person {
            given: "Kenji".into(),
            family: "Owusu-Ansah".into(),
            middle: Some('R'),
            given_origin: "east_asian",
            family_origin: "west_african",
            nick: None,
            eastern: false,
            title: "Mr",
        };
        assert_eq!(p.full().text, "Kenji Owusu-Ansah");
        assert_eq!(p.full_middle().text, "Kenji R. Owusu-Ansah");
        assert_eq!(p.last_first_caps().text, "OWUSU-ANSAH, KENJI R");
        assert_eq!(p.initial_family().text, "K. Owusu-Ansah");
        assert_eq!(p.given_form(&mut Gen::new(1)).origin, "east_asian");
        let mut g = Gen::new(2);
        for _ in 0..20 {
            let i = p.initials(&mut g);
            assert_eq!(i.origin, "initials");
            assert_eq!(i.text.replace('.', "").to_uppercase(), "KA");
        }
        let cjk = Person {
            given: "太郎".into(),
            family: "山田".into(),
            middle: None,
            given_origin: "cjk",
            family_origin: "cjk",
            nick: None,
            eastern: true,
            title: "Mr",
        };
        assert_eq!(cjk.full().text, "山田太郎");
        assert!(cjk.email_local(&mut g).starts_with("user"));
    }
}
