//! Value generators for every Safe Harbor category, in many surface forms,
//! and for the clinical content that must stay.
//!
//! Every function takes any [`rand::Rng`] and is deterministic for a seeded
//! generator. Functions returning [`Value`] also say which parts of the value
//! may stay or go (a date's year, the "-year-old" after an age); the
//! `String` functions are for injecting identifiers into text in tests.
//!
//! The name lists are our own (diverse origins, including invented surnames
//! that appear in no census list, to exercise context-based detection).
//!
//! # Example
//! ```
//! use rand::SeedableRng;
//! let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
//! let ssn = phimask_corpora::values::ssn(&mut rng);
//! assert_eq!(ssn.len(), 11);
//! ```

use rand::Rng;

/// A generated value and the byte ranges within it (relative to the value)
/// that may stay or go.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Value {
    /// The text.
    pub text: String,
    /// Optional sub-ranges `[start, end)` relative to `text`.
    pub optional: Vec<[usize; 2]>,
}

impl Value {
    /// A value with no optional part.
    pub fn plain(text: impl Into<String>) -> Value {
        Value {
            text: text.into(),
            optional: Vec::new(),
        }
    }
}

/// Picks one element of a non-empty constant list.
pub fn pick<'a, T, R: Rng + ?Sized>(rng: &mut R, list: &'a [T]) -> &'a T {
    &list[rng.random_range(0..list.len())]
}

/// Picks one string of a non-empty constant list.
pub fn pick_str<R: Rng + ?Sized>(rng: &mut R, list: &[&'static str]) -> &'static str {
    list[rng.random_range(0..list.len())]
}

fn chance<R: Rng + ?Sized>(rng: &mut R, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

fn digits<R: Rng + ?Sized>(rng: &mut R, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect()
}

fn upper<R: Rng + ?Sized>(rng: &mut R, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'A' + rng.random_range(0..26u8)))
        .collect()
}

// ---------------------------------------------------------------- names

/// Given names: many origins, including names that are also English words.
pub const FIRST_NAMES: &[&str] = &[
    "James",
    "Maria",
    "John",
    "Aisha",
    "Wei",
    "Priya",
    "Mohammed",
    "Olga",
    "Carlos",
    "Fatima",
    "Hiroshi",
    "Ngozi",
    "Sven",
    "Ana",
    "José",
    "Zoë",
    "Chloé",
    "Łukasz",
    "Øyvind",
    "Søren",
    "Björn",
    "Renée",
    "Anaïs",
    "Joaquín",
    "Inés",
    "Thảo",
    "Bảo",
    "Minh",
    "Nguyệt",
    "Dmitri",
    "Svetlana",
    "Kwame",
    "Chiamaka",
    "Oluwaseun",
    "Tendai",
    "Amara",
    "Siobhán",
    "Aoife",
    "Niamh",
    "Seán",
    "Kamala",
    "Rahul",
    "Anjali",
    "Deepika",
    "Arjun",
    "Mei",
    "Xiaoling",
    "Jun",
    "Haruka",
    "Yuki",
    "Min-jun",
    "Ji-woo",
    "Seo-yeon",
    "Ayşe",
    "Mehmet",
    "Emre",
    "Yusuf",
    "Layla",
    "Omar",
    "Noor",
    "Dalia",
    "Tomasz",
    "Agnieszka",
    "Zdeněk",
    "Jiří",
    "Miloš",
    "Dragana",
    "Kalani",
    "Keanu",
    "Leilani",
    "Tahnee",
    "Dakota",
    "Cheyenne",
    "Ximena",
    "Guadalupe",
    "Itzel",
    "Mateo",
    "Santiago",
    "Valentina",
    "Camila",
    "Luca",
    "Giulia",
    "Francesca",
    "Pierre",
    "Élodie",
    "François",
    "Hélène",
    "Jürgen",
    "Günther",
    "Anneliese",
    "Mikael",
    "Ingrid",
    "Astrid",
    "Eamon",
    "Declan",
    "Bridget",
    "Maeve",
    "Robert",
    "Linda",
    "Michael",
    "Patricia",
    "David",
    "Jennifer",
    "William",
    "Elizabeth",
    "Richard",
    "Barbara",
    "Joseph",
    "Susan",
    "Thomas",
    "Jessica",
    "Charles",
    "Sarah",
    "Christopher",
    "Karen",
    "Daniel",
    "Nancy",
    "Matthew",
    "Lisa",
    "Anthony",
    "Betty",
    "Mark",
    "Dorothy",
    "Donald",
    "Sandra",
    "Steven",
    "Ashley",
    "Paul",
    "Kimberly",
    "Andrew",
    "Emily",
    "Joshua",
    "Donna",
    "Kenneth",
    "Michelle",
    "Kevin",
    "Carol",
    "Brian",
    "Amanda",
    "George",
    "Melissa",
    "Timothy",
    "Deborah",
    "Ronald",
    "Stephanie",
    "Rose",
    "Hope",
    "Grant",
    "Will",
    "Faith",
    "Joy",
    "June",
    "April",
    "May",
    "Summer",
    "Dawn",
    "Iris",
    "Ivy",
    "Pearl",
    "Amber",
    "Crystal",
    "Destiny",
    "Patience",
    "Chase",
    "Hunter",
    "Wade",
    "Bill",
    "Frank",
    "Guy",
    "Art",
    "Sunny",
    "Autumn",
    "Harmony",
    "Precious",
    "Major",
    "King",
    "Prince",
    "Royal",
    "Trinity",
    "Shanice",
    "DeShawn",
    "Tyrone",
    "Lakisha",
    "Jamal",
    "Imani",
    "Darnell",
    "Ebony",
    "Marquis",
    "Keisha",
    "Tavian",
    "Jaylen",
    "Aaliyah",
    "Zaid",
    "Hamza",
    "Ibrahim",
    "Khadija",
    "Tariq",
    "Parisa",
    "Dariush",
    "Shirin",
    "Avraham",
    "Shira",
    "Moshe",
    "Yael",
    "Esther",
    "Mordecai",
    "Kiri",
    "Aroha",
    "Tāne",
];

/// Surnames: many origins, with hyphens, apostrophes, particles, non-ASCII
/// letters, names that are also words, and invented names.
pub const LAST_NAMES: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Garcia",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Nguyen",
    "Tran",
    "Trần",
    "Phạm",
    "Lê",
    "Okonkwo",
    "Adeyemi",
    "Mensah",
    "Boateng",
    "Diallo",
    "Mwangi",
    "Otieno",
    "Nakamura",
    "Takahashi",
    "Yamamoto",
    "Kim",
    "Park",
    "Choi",
    "Chen",
    "Wang",
    "Zhang",
    "Liu",
    "Huang",
    "Patel",
    "Shah",
    "Iyer",
    "Reddy",
    "Chatterjee",
    "Banerjee",
    "Khan",
    "Haddad",
    "Nasser",
    "Al-Masri",
    "Abdullah",
    "Cohen",
    "Levi",
    "Rosenberg",
    "Friedman",
    "Kowalski",
    "Kowalczyk",
    "Wiśniewski",
    "Nowak",
    "Dvořák",
    "Blažek",
    "Novotná",
    "Horvát",
    "Petrović",
    "Jovanović",
    "Ivanova",
    "Smirnov",
    "Kuznetsov",
    "Müller",
    "Schröder",
    "Groß",
    "Weiß",
    "Becker",
    "Jensen",
    "Sørensen",
    "Ødegård",
    "Lindqvist",
    "Åberg",
    "Virtanen",
    "Mäkinen",
    "Núñez",
    "Peña",
    "Muñoz",
    "Ibáñez",
    "Córdova-Aparicio",
    "López-García",
    "Fernández",
    "Díaz",
    "Álvarez",
    "Gutiérrez",
    "Da Silva",
    "Gonçalves",
    "Conceição",
    "O'Toole",
    "O'Neil",
    "O'Brien",
    "D'Angelo",
    "D'Souza",
    "McAllister",
    "MacDonald",
    "Fitzgerald",
    "van der Berg",
    "de la Cruz",
    "DeLuca",
    "LaFleur",
    "St. Clair",
    "Smith-Jones",
    "Ashworth-Bennett",
    "Rose",
    "Hope",
    "Grant",
    "Will",
    "Brown",
    "Green",
    "Young",
    "King",
    "Hall",
    "Wood",
    "Rich",
    "Baker",
    "Cook",
    "Mason",
    "Short",
    "Long",
    "Bird",
    "Fox",
    "Street",
    "Moody",
    "Sharp",
    "Love",
    "Bell",
    "Banks",
    "Frost",
    "Little",
    "Church",
    "Hill",
    "Stone",
    "Rivers",
    "Snow",
    "Winter",
    "Black",
    "Gray",
    "Strong",
    "Quenneville-Ostrander",
    "Vrtiška",
    "Zabaleta",
    "Ndukwe-Akpan",
    "Trzebiatowski",
    "Okereke",
    "Xylander",
    "Brastow",
    "Fennimore-Ruiz",
    "Quarshie",
    "Thistlewood",
    "Yarborough-Nakai",
    "Pelletier",
    "Tsosie",
    "Begay",
    "Yazzie",
    "Kealoha",
    "Kahananui",
    "Tuilagi",
    "Faleolo",
    "Oyelaran",
    "Szczepański",
    "Giannopoulos",
    "Papadakis",
    "Karagiannis",
    "Öztürk",
    "Yılmaz",
    "Çelik",
    "Şahin",
    "Bjørnstad",
    "Þórsdóttir",
    "Guðmundsson",
    "Ó Súilleabháin",
];

const MIDDLE_INITIALS: &[&str] = &[
    "A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "T", "W",
];

const SYLLABLES_A: &[&str] = &[
    "Kel", "Var", "Dro", "Mif", "Quo", "Tazz", "Brel", "Osk", "Yun", "Fel", "Grav", "Ulm", "Zeph",
    "Hask", "Wim", "Pry", "Lask", "Nev", "Cor", "Rath",
];
const SYLLABLES_B: &[&str] = &[
    "ar", "en", "ov", "im", "ul", "ess", "ith", "ab", "or", "ey", "ag", "iz",
];
const SYLLABLES_C: &[&str] = &[
    "ski", "son", "ley", "ford", "berg", "ani", "etti", "ova", "quist", "wick", "mund", "ault",
    "aker", "ridge", "ey", "ou",
];

/// An invented surname (appears in no name list), e.g. "Kelarski".
pub fn invented_surname<R: Rng + ?Sized>(rng: &mut R) -> String {
    let mut s = String::new();
    s.push_str(pick_str(rng, SYLLABLES_A));
    s.push_str(pick_str(rng, SYLLABLES_B));
    s.push_str(pick_str(rng, SYLLABLES_C));
    s
}

/// A given name.
pub fn first_name<R: Rng + ?Sized>(rng: &mut R) -> String {
    (*pick(rng, FIRST_NAMES)).to_owned()
}

/// A surname (one in eight invented).
pub fn last_name<R: Rng + ?Sized>(rng: &mut R) -> String {
    if chance(rng, 0.125) {
        invented_surname(rng)
    } else {
        (*pick(rng, LAST_NAMES)).to_owned()
    }
}

/// A person: given name, optional middle initial, surname, sex.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Given name.
    pub first: String,
    /// Middle initial, if any.
    pub middle: Option<String>,
    /// Surname.
    pub last: String,
    /// True for a woman (chooses Ms./Mrs. and pronouns).
    pub female: bool,
}

impl Person {
    /// A random person.
    pub fn random<R: Rng + ?Sized>(rng: &mut R) -> Person {
        Person {
            first: first_name(rng),
            middle: chance(rng, 0.4).then(|| (*pick(rng, MIDDLE_INITIALS)).to_owned()),
            last: last_name(rng),
            female: chance(rng, 0.55),
        }
    }

    /// "Mr." or "Ms."/"Mrs."
    pub fn title<R: Rng + ?Sized>(&self, rng: &mut R) -> &'static str {
        if self.female {
            pick_str(rng, &["Ms.", "Mrs.", "Ms", "Miss"])
        } else {
            pick_str(rng, &["Mr.", "Mr"])
        }
    }

    /// "First Last" or "First M. Last".
    pub fn full(&self) -> String {
        match &self.middle {
            Some(m) => format!("{} {}. {}", self.first, m, self.last),
            None => format!("{} {}", self.first, self.last),
        }
    }

    /// "LAST, FIRST M" (upper-cased) or "Last, First".
    pub fn last_first(&self, caps: bool) -> String {
        let s = match &self.middle {
            Some(m) => format!("{}, {} {}", self.last, self.first, m),
            None => format!("{}, {}", self.last, self.first),
        };
        if caps {
            s.to_uppercase()
        } else {
            s
        }
    }

    /// "J. Smith" or "J.M. Smith" style.
    pub fn initials_last(&self) -> String {
        let i: String = self.first.chars().take(1).collect();
        match &self.middle {
            Some(m) => format!("{i}.{m}. {}", self.last),
            None => format!("{i}. {}", self.last),
        }
    }

    /// Pronoun ("she"/"he").
    pub fn pronoun(&self) -> &'static str {
        if self.female {
            "she"
        } else {
            "he"
        }
    }

    /// Possessive pronoun ("her"/"his").
    pub fn possessive(&self) -> &'static str {
        if self.female {
            "her"
        } else {
            "his"
        }
    }
}

/// A person's name in a random surface form (full, "LAST, FIRST M",
/// initials, lower case, upper case), as one PHI value.
pub fn person_name<R: Rng + ?Sized>(rng: &mut R) -> String {
    let p = Person::random(rng);
    match rng.random_range(0..8) {
        0 => p.last_first(true),
        1 => p.last_first(false),
        2 => p.initials_last(),
        3 => p.full().to_lowercase(),
        4 => p.full().to_uppercase(),
        _ => p.full(),
    }
}

// ---------------------------------------------------------------- dates

/// A calendar date (proleptic Gregorian, valid by construction).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ymd {
    /// Year.
    pub y: i32,
    /// Month 1–12.
    pub m: u32,
    /// Day 1–31.
    pub d: u32,
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MON3: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn ordinal(d: u32) -> String {
    let suf = match (d % 10, d % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{d}{suf}")
}

fn days_in(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Ymd {
    /// A random date in `[y0, y1]`.
    pub fn random<R: Rng + ?Sized>(rng: &mut R, y0: i32, y1: i32) -> Ymd {
        let y = rng.random_range(y0..=y1);
        let m = rng.random_range(1..=12);
        let d = rng.random_range(1..=days_in(y, m));
        Ymd { y, m, d }
    }

    /// This date plus `days` (may be negative).
    pub fn add_days(self, days: i64) -> Ymd {
        let mut z = self.to_days() + days;
        // Civil-from-days (Howard Hinnant's algorithm).
        z += 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Ymd { y, m, d }
    }

    fn to_days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Day of the week name.
    pub fn weekday(self) -> &'static str {
        // 1970-01-01 was a Thursday (index 3).
        WEEKDAYS[((self.to_days() + 3).rem_euclid(7)) as usize]
    }

    /// Whole years of age on `on` for someone born on `self`.
    pub fn age_on(self, on: Ymd) -> i32 {
        let mut a = on.y - self.y;
        if (on.m, on.d) < (self.m, self.d) {
            a -= 1;
        }
        a
    }
}

/// The reference date the corpus is written against (ages and birth years).
pub const REFERENCE: Ymd = Ymd {
    y: 2026,
    m: 11,
    d: 22,
};

/// Surface forms of a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// Day, month and year in one of many forms.
    Full,
    /// Day and month only ("March 14", "3/14", "the 14th of March").
    DayMonth,
    /// Month and year ("March 2024", "03/2024", "Mar '24").
    MonthYear,
    /// Date and time ("2024-03-14 10:22").
    DateTime,
}

/// Formats a date. The year is marked optional unless `year_required` (a
/// birth date revealing an age of 90 or more).
pub fn format_date<R: Rng + ?Sized>(
    rng: &mut R,
    d: Ymd,
    style: DateStyle,
    year_required: bool,
) -> Value {
    let (y, m, dd) = (d.y, d.m, d.d);
    let mi = (m - 1) as usize;
    let yy = format!("{:02}", y.rem_euclid(100));
    // Pieces: (text, is_year).
    let parts: Vec<(String, bool)> = match style {
        DateStyle::Full => match rng.random_range(0..20) {
            0 => vec![(format!("{m:02}/{dd:02}/"), false), (y.to_string(), true)],
            1 => vec![(format!("{m}/{dd}/"), false), (yy, true)],
            2 => vec![(y.to_string(), true), (format!("-{m:02}-{dd:02}"), false)],
            3 => vec![
                (format!("{} {dd}, ", MONTHS[mi]), false),
                (y.to_string(), true),
            ],
            4 => vec![
                (format!("{dd} {} ", MON3[mi]), false),
                (y.to_string(), true),
            ],
            5 => vec![(format!("{m}/{dd}/"), false), (y.to_string(), true)],
            6 => vec![
                (format!("{dd:02}-{}-", MON3[mi]), false),
                (y.to_string(), true),
            ],
            7 => vec![(format!("{m:02}-{dd:02}-"), false), (y.to_string(), true)],
            8 => vec![
                (format!("{} {}, ", MON3[mi], ordinal(dd)), false),
                (y.to_string(), true),
            ],
            9 => vec![
                (format!("{}. {dd}, ", MON3[mi]), false),
                (y.to_string(), true),
            ],
            10 => vec![(format!("{m:02}.{dd:02}."), false), (y.to_string(), true)],
            11 => vec![
                (format!("{dd} {} ", MONTHS[mi]), false),
                (y.to_string(), true),
            ],
            12 => vec![
                (format!("{}, {} {dd}, ", d.weekday(), MONTHS[mi]), false),
                (y.to_string(), true),
            ],
            13 => vec![
                (format!("{} {dd}, ", MONTHS[mi].to_uppercase()), false),
                (y.to_string(), true),
            ],
            14 => vec![
                (format!("the {} of {}, ", ordinal(dd), MONTHS[mi]), false),
                (y.to_string(), true),
            ],
            15 => vec![(y.to_string(), true), (format!("/{m:02}/{dd:02}"), false)],
            16 => vec![(format!("{m:02}/{dd:02}/"), false), (yy, true)],
            17 => vec![
                (format!("{}-{dd:02}-", MON3[mi].to_uppercase()), false),
                (y.to_string(), true),
            ],
            18 => vec![
                (format!("{} {dd} ", MON3[mi]), false),
                (y.to_string(), true),
            ],
            _ => vec![(format!("{m}-{dd}-"), false), (yy, true)],
        },
        DateStyle::DayMonth => match rng.random_range(0..8) {
            0 => vec![(format!("{m}/{dd}"), false)],
            1 => vec![(format!("{} {dd}", MONTHS[mi]), false)],
            2 => vec![(format!("the {} of {}", ordinal(dd), MONTHS[mi]), false)],
            3 => vec![(format!("{dd} {}", MON3[mi]), false)],
            4 => vec![(format!("{} {}", MON3[mi], ordinal(dd)), false)],
            5 => vec![(format!("{m:02}/{dd:02}"), false)],
            6 => vec![(format!("{}. {dd}", MON3[mi]), false)],
            _ => vec![(format!("{} {}", MONTHS[mi], ordinal(dd)), false)],
        },
        DateStyle::MonthYear => match rng.random_range(0..6) {
            0 => vec![(format!("{} ", MONTHS[mi]), false), (y.to_string(), true)],
            1 => vec![(format!("{m:02}/"), false), (y.to_string(), true)],
            2 => vec![(format!("{} '", MON3[mi]), false), (yy, true)],
            3 => vec![(format!("{} ", MON3[mi]), false), (y.to_string(), true)],
            4 => vec![(format!("{m}/"), false), (y.to_string(), true)],
            _ => vec![(format!("{}, ", MONTHS[mi]), false), (y.to_string(), true)],
        },
        DateStyle::DateTime => {
            let h = rng.random_range(0..24);
            let mn = rng.random_range(0..60);
            match rng.random_range(0..4) {
                0 => vec![
                    (y.to_string(), true),
                    (format!("-{m:02}-{dd:02} {h:02}:{mn:02}"), false),
                ],
                1 => vec![
                    (format!("{m:02}/{dd:02}/"), false),
                    (y.to_string(), true),
                    (format!(" {h:02}{mn:02}"), false),
                ],
                2 => vec![
                    (y.to_string(), true),
                    (format!("-{m:02}-{dd:02}T{h:02}:{mn:02}:00"), false),
                ],
                _ => vec![
                    (format!("{m}/{dd}/"), false),
                    (y.to_string(), true),
                    (
                        format!(
                            " {}:{mn:02} {}",
                            if h % 12 == 0 { 12 } else { h % 12 },
                            if h < 12 { "AM" } else { "PM" }
                        ),
                        false,
                    ),
                ],
            }
        }
    };
    let mut v = Value::default();
    for (t, is_year) in parts {
        let s = v.text.len();
        v.text.push_str(&t);
        if is_year && !year_required {
            v.optional.push([s, v.text.len()]);
        }
    }
    // Times after a date are not PHI on their own: make them optional too.
    if style == DateStyle::DateTime {
        if let Some(pos) = v.text.find([' ', 'T']).filter(|&p| p >= 8) {
            v.optional.push([pos, v.text.len()]);
        }
    }
    v
}

/// A random date as one PHI string (any style).
pub fn date<R: Rng + ?Sized>(rng: &mut R) -> String {
    let d = Ymd::random(rng, 2015, 2026);
    let style = *pick(
        rng,
        &[
            DateStyle::Full,
            DateStyle::Full,
            DateStyle::Full,
            DateStyle::DayMonth,
            DateStyle::MonthYear,
            DateStyle::DateTime,
        ],
    );
    format_date(rng, d, style, false).text
}

// ---------------------------------------------------------------- ages

const NUM_WORDS: &[&str] = &[
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

fn age_words(a: u32) -> Option<String> {
    let tens = match a / 10 {
        9 => "ninety",
        10 => return (a == 100).then(|| "one hundred".to_owned()),
        _ => return None,
    };
    Some(if a.is_multiple_of(10) {
        tens.to_owned()
    } else {
        format!("{tens}-{}", NUM_WORDS[(a % 10) as usize])
    })
}

/// An age phrase ("92-year-old", "age 95", "aged 101", "a 90 y/o", "93yo",
/// "94 years old", "ninety-two-year-old"). The age number is required, the
/// rest ("-year-old", "years", "y/o") optional. Returns the value and the
/// literal prefix to put before it ("aged ", "a ", …) which is not PHI.
pub fn age_phrase<R: Rng + ?Sized>(rng: &mut R, age: u32) -> (String, Value) {
    let n = age.to_string();
    let (prefix, num, suffix): (&str, String, &str) = match rng.random_range(0..13) {
        0 => ("a ", n, "-year-old"),
        1 => ("age ", n, ""),
        2 => ("aged ", n, ""),
        3 => ("a ", n, " y/o"),
        4 => ("", n, "yo"),
        5 => ("", n, " years old"),
        6 => ("Age: ", n, ""),
        7 => ("", n, " y.o."),
        8 => ("a ", n, " year old"),
        9 => ("", n, "-yo"),
        10 => ("", n, " yrs"),
        11 => match age_words(age) {
            Some(w) => ("a ", w, "-year-old"),
            None => ("a ", n, "-year-old"),
        },
        _ => ("", n, " YO"),
    };
    let mut v = Value::plain(format!("{num}{suffix}"));
    if !suffix.is_empty() {
        v.optional.push([num.len(), v.text.len()]);
    }
    (prefix.to_owned(), v)
}

// ---------------------------------------------------------------- contact

/// A NANP phone number in one of many forms.
pub fn phone<R: Rng + ?Sized>(rng: &mut R) -> String {
    phone_value(rng).text
}

/// A phone number; an "ext."/"x" label inside it is optional.
pub fn phone_value<R: Rng + ?Sized>(rng: &mut R) -> Value {
    let a = format!("{}{}", rng.random_range(2..10), digits(rng, 2));
    let b = format!("{}{}", rng.random_range(2..10), digits(rng, 2));
    let c = digits(rng, 4);
    let base = match rng.random_range(0..11) {
        0 => format!("({a}) {b}-{c}"),
        1 => format!("{a}.{b}.{c}"),
        2 => format!("+1 {a} {b} {c}"),
        3 => format!("{a}-{b}-{c}"),
        4 => format!("{a}{b}{c}"),
        5 => format!("1-{a}-{b}-{c}"),
        6 => format!("({a}){b}-{c}"),
        7 => format!("{a} {b} {c}"),
        8 => format!("+1 ({a}) {b}-{c}"),
        9 => format!("+1-{a}-{b}-{c}"),
        _ => format!("{a}-{b}-{c}"),
    };
    let mut v = Value::plain(base);
    if chance(rng, 0.12) {
        let label = *pick(rng, &[" ext. ", " x", " ext ", " Ext. "]);
        let s = v.text.len();
        v.text.push_str(label);
        let e = v.text.len();
        v.optional.push([s, e]);
        let n = rng.random_range(2..5);
        v.text.push_str(&digits(rng, n));
    }
    v
}

const EMAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "icloud.com",
    "aol.com",
    "protonmail.com",
    "comcast.net",
    "verizon.net",
    "riversidehealth.org",
    "mercy-clinic.org",
    "stlukes-med.org",
    "uhealth.edu",
    "partners.org",
    "kp.org",
    "mail.hopewellbh.com",
];

fn ascii_fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = match c {
                'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' | 'ā' => 'a',
                'é' | 'è' | 'ë' | 'ê' | 'ệ' => 'e',
                'í' | 'ì' | 'ï' | 'î' | 'ı' => 'i',
                'ó' | 'ò' | 'ö' | 'ô' | 'õ' | 'ø' | 'ő' => 'o',
                'ú' | 'ù' | 'ü' | 'û' => 'u',
                'ñ' => 'n',
                'ç' | 'č' => 'c',
                'š' | 'ś' | 'ş' => 's',
                'ž' | 'ż' => 'z',
                'ł' => 'l',
                'ř' => 'r',
                'ě' => 'e',
                'ğ' => 'g',
                'ý' => 'y',
                'ð' => 'd',
                'þ' => 't',
                'ả' | 'ạ' => 'a',
                'ầ' => 'a',
                'ß' => 's',
                c if c.is_ascii_alphanumeric() => c,
                _ => return None,
            };
            Some(c.to_ascii_lowercase())
        })
        .collect()
}

/// An e-mail address, usually built from a name.
pub fn email<R: Rng + ?Sized>(rng: &mut R) -> String {
    let p = Person::random(rng);
    email_for(rng, &p)
}

/// An e-mail address for a person.
pub fn email_for<R: Rng + ?Sized>(rng: &mut R, p: &Person) -> String {
    let f = ascii_fold(&p.first.to_lowercase());
    let l = ascii_fold(&p.last.to_lowercase());
    let f = if f.is_empty() { "pt".to_owned() } else { f };
    let l = if l.is_empty() { "x".to_owned() } else { l };
    let local = match rng.random_range(0..8) {
        0 => format!("{f}.{l}"),
        1 => format!("{}{l}{}", &f[..1], digits(rng, 2)),
        2 => format!("{f}_{l}"),
        3 => format!("{l}{f}"),
        4 => format!("{f}.{l}+portal"),
        5 => format!("{f}{}", rng.random_range(1950..2010)),
        6 => format!("{}.{}", f.to_uppercase(), l.to_uppercase()),
        _ => format!("{f}{l}{}", digits(rng, 3)),
    };
    format!("{local}@{}", pick(rng, EMAIL_DOMAINS))
}

/// A web URL, with or without a scheme.
pub fn url<R: Rng + ?Sized>(rng: &mut R) -> String {
    let p = Person::random(rng);
    let l = ascii_fold(&p.last.to_lowercase());
    let l = if l.is_empty() { "pt".to_owned() } else { l };
    match rng.random_range(0..9) {
        0 => format!(
            "https://www.facebook.com/{}.{l}.{}",
            ascii_fold(&p.first.to_lowercase()),
            digits(rng, 3)
        ),
        1 => format!("http://www.{l}family.net"),
        2 => format!(
            "https://mychart.{}.org/patient/{}",
            pick(rng, &["riversidehealth", "mercyhealth", "valleymed"]),
            digits(rng, 6)
        ),
        3 => format!("www.gofundme.com/f/help-{l}-recover"),
        4 => format!("https://instagram.com/{l}_{}", digits(rng, 2)),
        5 => format!("{l}photography.com"),
        6 => format!(
            "https://portal.{}.org/records?id={}",
            pick(rng, &["stjude-clinic", "northshore", "hopewell"]),
            digits(rng, 7)
        ),
        7 => format!(
            "https://www.linkedin.com/in/{l}-{}",
            upper(rng, 3).to_lowercase()
        ),
        _ => format!("http://{l}.blogspot.com/2024/05/my-journey.html"),
    }
}

/// An IPv4 or IPv6 address.
pub fn ip<R: Rng + ?Sized>(rng: &mut R) -> String {
    if chance(rng, 0.25) {
        let groups: Vec<String> = (0..8)
            .map(|_| format!("{:x}", rng.random_range(0..0x10000u32)))
            .collect();
        if chance(rng, 0.5) {
            format!("{}:{}:{}::{}", groups[0], groups[1], groups[2], groups[7])
        } else {
            groups.join(":")
        }
    } else {
        let first = *pick(rng, &[10u32, 172, 192, 73, 98, 66, 24, 203, 151]);
        format!(
            "{first}.{}.{}.{}",
            rng.random_range(0..256),
            rng.random_range(0..256),
            rng.random_range(1..255)
        )
    }
}

// ---------------------------------------------------------------- identifiers

/// A valid-format SSN in one of several forms ("123-45-6789",
/// "123 45 6789", "123456789").
pub fn ssn<R: Rng + ?Sized>(rng: &mut R) -> String {
    let area = loop {
        let a = rng.random_range(1..900);
        if a != 666 {
            break a;
        }
    };
    let group = rng.random_range(1..100);
    let serial = rng.random_range(1..10000);
    match rng.random_range(0..5) {
        0 => format!("{area:03} {group:02} {serial:04}"),
        1 => format!("{area:03}{group:02}{serial:04}"),
        _ => format!("{area:03}-{group:02}-{serial:04}"),
    }
}

/// A last-four SSN form ("xxx-xx-6789", "***-**-6789", "XXX-XX-6789"); the
/// masked part is optional.
pub fn ssn_last4<R: Rng + ?Sized>(rng: &mut R) -> Value {
    let prefix = *pick(rng, &["xxx-xx-", "XXX-XX-", "***-**-", "###-##-"]);
    let mut v = Value::plain(format!("{prefix}{}", digits(rng, 4)));
    v.optional.push([0, prefix.len()]);
    v
}

/// A medical record number in one of many shapes.
pub fn mrn<R: Rng + ?Sized>(rng: &mut R) -> String {
    match rng.random_range(0..9) {
        0 => digits(rng, 8),
        1 => format!("{}-{}-{}", digits(rng, 2), digits(rng, 3), digits(rng, 2)),
        2 => digits(rng, 7),
        3 => format!("A-{}", digits(rng, 5)),
        4 => format!("E{}", digits(rng, 7)),
        5 => format!("{}-{}", digits(rng, 4), digits(rng, 4)),
        6 => format!("MR{}", digits(rng, 6)),
        7 => format!("{}{}", upper(rng, 2), digits(rng, 6)),
        _ => digits(rng, 10),
    }
}

const MBI_LETTERS: &[u8] = b"ACDEFGHJKMNPQRTUVWXY";

/// A health plan id: member/subscriber numbers, Medicaid ids, Medicare MBIs.
pub fn health_plan_id<R: Rng + ?Sized>(rng: &mut R) -> String {
    let l = |rng: &mut R| char::from(MBI_LETTERS[rng.random_range(0..MBI_LETTERS.len())]);
    match rng.random_range(0..6) {
        0 => {
            // MBI: C A AN N A AN N A A N N
            let an = |rng: &mut R| {
                if chance(rng, 0.5) {
                    l(rng)
                } else {
                    char::from(b'0' + rng.random_range(0..10u8))
                }
            };
            let s: String = [
                char::from(b'1' + rng.random_range(0..9u8)),
                l(rng),
                an(rng),
                char::from(b'0' + rng.random_range(0..10u8)),
                l(rng),
                an(rng),
                char::from(b'0' + rng.random_range(0..10u8)),
                l(rng),
                l(rng),
                char::from(b'0' + rng.random_range(0..10u8)),
                char::from(b'0' + rng.random_range(0..10u8)),
            ]
            .iter()
            .collect();
            if chance(rng, 0.5) {
                format!("{}-{}-{}", &s[..4], &s[4..7], &s[7..])
            } else {
                s
            }
        }
        1 => format!("{}{}", upper(rng, 3), digits(rng, 9)),
        2 => format!("W{}", digits(rng, 9)),
        3 => format!("{}{}{}", upper(rng, 2), digits(rng, 5), upper(rng, 1)),
        4 => format!("{}-{}", digits(rng, 6), digits(rng, 2)),
        _ => format!("ZGP{}", digits(rng, 8)),
    }
}

fn luhn_digit(body: &str) -> u32 {
    // Check digit for `body` (digits only) so that body+check passes Luhn.
    let mut sum = 0;
    for (i, c) in body.chars().rev().enumerate() {
        let mut d = c.to_digit(10).unwrap_or(0);
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    (10 - sum % 10) % 10
}

/// An account, billing or claim number (or a Luhn-valid card number).
pub fn account<R: Rng + ?Sized>(rng: &mut R) -> String {
    match rng.random_range(0..6) {
        0 => digits(rng, 9),
        1 => format!("{}-{}-{}", digits(rng, 4), digits(rng, 3), digits(rng, 2)),
        2 => format!("CLM-{}", digits(rng, 9)),
        3 => {
            let body = format!("4{}", digits(rng, 14));
            let d = luhn_digit(&body);
            let s = format!("{body}{d}");
            if chance(rng, 0.5) {
                format!("{} {} {} {}", &s[..4], &s[4..8], &s[8..12], &s[12..])
            } else {
                s
            }
        }
        4 => format!("ACCT{}", digits(rng, 7)),
        _ => format!("{}{}", digits(rng, 3), digits(rng, 8)),
    }
}

/// An NPI (10 digits, Luhn-valid with the 80840 prefix).
pub fn npi<R: Rng + ?Sized>(rng: &mut R) -> String {
    let body = format!("{}{}", *pick(rng, &["1", "2"]), digits(rng, 8));
    let d = luhn_digit(&format!("80840{body}"));
    format!("{body}{d}")
}

/// A DEA registration number with a valid check digit, for a prescriber
/// whose surname starts with `initial`.
pub fn dea<R: Rng + ?Sized>(rng: &mut R, initial: char) -> String {
    let first = *pick(rng, &['A', 'B', 'F', 'M']);
    let second = if initial.is_ascii_alphabetic() {
        initial.to_ascii_uppercase()
    } else {
        'X'
    };
    let d: Vec<u32> = (0..6).map(|_| rng.random_range(0..10)).collect();
    let check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
    let ds: String = d.iter().map(|x| char::from(b'0' + *x as u8)).collect();
    format!("{first}{second}{ds}{check}")
}

/// A driver's licence, medical licence, or certificate number.
pub fn license<R: Rng + ?Sized>(rng: &mut R) -> String {
    match rng.random_range(0..8) {
        0 => format!("{}{}", upper(rng, 1), digits(rng, 7)),
        1 => format!(
            "{}{}-{}-{}-{}-{}",
            upper(rng, 1),
            digits(rng, 3),
            digits(rng, 3),
            digits(rng, 2),
            digits(rng, 3),
            digits(rng, 1)
        ),
        2 => format!("MD{}", digits(rng, 6)),
        3 => format!("G{}", digits(rng, 5)),
        4 => digits(rng, 9),
        5 => format!("LCSW-{}", digits(rng, 5)),
        6 => format!("{}-{}", upper(rng, 2), digits(rng, 6)),
        _ => format!("{} {} {}", digits(rng, 3), digits(rng, 3), digits(rng, 3)),
    }
}

const VIN_CHARS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

/// A 17-character VIN with a valid check digit.
pub fn vin<R: Rng + ?Sized>(rng: &mut R) -> String {
    let mut c: Vec<u8> = (0..17)
        .map(|_| VIN_CHARS[rng.random_range(0..VIN_CHARS.len())])
        .collect();
    let val = |b: u8| -> u32 {
        match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'H' => u32::from(b - b'A') + 1,
            b'J'..=b'N' => u32::from(b - b'J') + 1,
            b'P' => 7,
            b'R' => 9,
            b'S'..=b'Z' => u32::from(b - b'S') + 2,
            _ => 0,
        }
    };
    const W: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let sum: u32 = c.iter().zip(W).map(|(b, w)| val(*b) * w).sum();
    let r = sum % 11;
    c[8] = if r == 10 { b'X' } else { b'0' + r as u8 };
    String::from_utf8_lossy(&c).into_owned()
}

/// A licence plate.
pub fn plate<R: Rng + ?Sized>(rng: &mut R) -> String {
    match rng.random_range(0..4) {
        0 => format!(
            "{}{}{}",
            rng.random_range(1..10),
            upper(rng, 3),
            digits(rng, 3)
        ),
        1 => format!("{}-{}", upper(rng, 3), digits(rng, 4)),
        2 => format!("{} {}", upper(rng, 3), digits(rng, 3)),
        _ => format!("{}{}", digits(rng, 3), upper(rng, 3)),
    }
}

/// A vehicle identifier: VIN or plate.
pub fn vehicle_id<R: Rng + ?Sized>(rng: &mut R) -> String {
    if chance(rng, 0.6) {
        vin(rng)
    } else {
        plate(rng)
    }
}

/// A device serial number or UDI string.
pub fn device_id<R: Rng + ?Sized>(rng: &mut R) -> String {
    match rng.random_range(0..6) {
        0 => format!("{}{}{}", upper(rng, 3), digits(rng, 6), upper(rng, 1)),
        1 => format!(
            "(01){}(17){}(21){}",
            digits(rng, 14),
            digits(rng, 6),
            format_args!("{}{}", digits(rng, 2), upper(rng, 1))
        ),
        2 => format!("{}{}-{}", digits(rng, 1), upper(rng, 1), digits(rng, 5)),
        3 => digits(rng, 8),
        4 => format!("SN-{}-{}", upper(rng, 2), digits(rng, 6)),
        _ => format!("01{}10{}", digits(rng, 14), upper(rng, 4)),
    }
}

/// A German-format IBAN with valid check digits, grouped in fours or not.
pub fn iban<R: Rng + ?Sized>(rng: &mut R) -> String {
    let bban = digits(rng, 18);
    // Move "DE00" to the end, letters to numbers (D=13, E=14), mod 97.
    let rearranged = format!("{bban}131400");
    let rem = rearranged
        .bytes()
        .fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97);
    let s = format!("DE{:02}{bban}", 98 - rem);
    if chance(rng, 0.6) {
        let chunks: Vec<String> = s
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        chunks.join(" ")
    } else {
        s
    }
}

/// A passport number (9 digits, or a letter and 8 digits).
pub fn passport<R: Rng + ?Sized>(rng: &mut R) -> String {
    if chance(rng, 0.5) {
        format!("{}{}", rng.random_range(1..10), digits(rng, 8))
    } else {
        format!("{}{}", upper(rng, 1), digits(rng, 8))
    }
}

/// A neighbourhood or district ("Harlem", "the South Side").
pub fn neighborhood<R: Rng + ?Sized>(rng: &mut R) -> String {
    pick_str(
        rng,
        &[
            "Harlem",
            "Washington Heights",
            "the South Side",
            "Little Havana",
            "Dorchester",
            "Fishtown",
            "Englewood",
            "Boyle Heights",
            "Five Points",
            "the Tenderloin",
            "Overtown",
            "Pilsen",
            "East Liberty",
            "Mattapan",
            "Koreatown",
            "the Ironbound",
        ],
    )
    .to_owned()
}

/// Any other labelled identifier: study, employee, badge, case numbers.
pub fn id_number<R: Rng + ?Sized>(rng: &mut R) -> String {
    match rng.random_range(0..6) {
        0 => format!("STUDY-{}-{}", digits(rng, 4), digits(rng, 2)),
        1 => format!("E{}", digits(rng, 6)),
        2 => digits(rng, 6),
        3 => format!("{}-{}", digits(rng, 2), digits(rng, 5)),
        4 => format!("CASE{}", digits(rng, 7)),
        _ => format!("{}{}", upper(rng, 2), digits(rng, 5)),
    }
}

// ---------------------------------------------------------------- places

const STREET_NAMES: &[&str] = &[
    "Elm",
    "Maple",
    "Oak",
    "Main",
    "Washington",
    "Lincoln",
    "Park",
    "Cedar",
    "Pine",
    "Lake",
    "Hill",
    "Sunset",
    "Riverside",
    "Highland",
    "Jefferson",
    "Madison",
    "Franklin",
    "Church",
    "Mill",
    "Spring",
    "Martin Luther King Jr",
    "Cesar Chavez",
    "Peachtree",
    "Magnolia",
    "Bayou",
    "Kamehameha",
    "El Camino Real",
    "Avenida de la Paz",
    "Rue St. Louis",
    "Old Mill",
    "Quarry Ridge",
    "Tuckahoe",
    "Wissahickon",
    "Skokie Valley",
    "Holloway",
    "Fairmount",
];
const STREET_SUFFIXES: &[&str] = &[
    "St", "St.", "Street", "Ave", "Ave.", "Avenue", "Rd", "Road", "Blvd", "Blvd.", "Dr", "Drive",
    "Ln", "Lane", "Ct", "Court", "Pl", "Way", "Terrace", "Pkwy", "Hwy", "Cir",
];

/// A street address ("1432 Elm St Apt 5B", "PO Box 88", "77 N. Main Street,
/// Unit 3").
pub fn street_address<R: Rng + ?Sized>(rng: &mut R) -> String {
    if chance(rng, 0.1) {
        return format!(
            "{} {}",
            pick(rng, &["PO Box", "P.O. Box", "P. O. Box", "Post Office Box"]),
            rng.random_range(1..9999)
        );
    }
    let mut s = format!("{}", rng.random_range(1..20000));
    if chance(rng, 0.2) {
        s.push(' ');
        s.push_str(pick_str(rng, &["N", "S", "E", "W", "N.", "NW", "SE"]));
    }
    s.push(' ');
    s.push_str(pick_str(rng, STREET_NAMES));
    s.push(' ');
    s.push_str(pick_str(rng, STREET_SUFFIXES));
    if chance(rng, 0.3) {
        let unit = match rng.random_range(0..4) {
            0 => format!(
                "Apt {}{}",
                rng.random_range(1..30),
                pick(rng, &["", "A", "B", "C"])
            ),
            1 => format!("#{}", rng.random_range(1..999)),
            2 => format!("Unit {}", rng.random_range(1..300)),
            _ => format!("Suite {}", rng.random_range(100..900)),
        };
        s.push_str(pick_str(rng, &[" ", ", "]));
        s.push_str(&unit);
    }
    s
}

/// US cities and towns (some with non-ASCII letters).
pub const CITIES: &[&str] = &[
    "Springfield",
    "Albany",
    "Brooklyn",
    "Queens",
    "Yonkers",
    "Newark",
    "Camden",
    "Trenton",
    "Scranton",
    "Allentown",
    "Pittsburgh",
    "Cleveland",
    "Toledo",
    "Dayton",
    "Akron",
    "Fort Wayne",
    "Gary",
    "Kalamazoo",
    "Flint",
    "Madison",
    "Green Bay",
    "Duluth",
    "Fargo",
    "Sioux Falls",
    "Omaha",
    "Wichita",
    "Tulsa",
    "Amarillo",
    "El Paso",
    "Laredo",
    "San Antonio",
    "Corpus Christi",
    "Baton Rouge",
    "Shreveport",
    "Biloxi",
    "Mobile",
    "Huntsville",
    "Chattanooga",
    "Knoxville",
    "Asheville",
    "Durham",
    "Charleston",
    "Savannah",
    "Macon",
    "Gainesville",
    "Tallahassee",
    "Boca Raton",
    "Hialeah",
    "San José",
    "Española",
    "Cañon City",
    "Santa Fe",
    "Las Cruces",
    "Flagstaff",
    "Tucson",
    "Yuma",
    "Provo",
    "Ogden",
    "Boise",
    "Spokane",
    "Tacoma",
    "Eugene",
    "Salem",
    "Fresno",
    "Bakersfield",
    "Oxnard",
    "Chula Vista",
    "Modesto",
    "Redding",
    "Hilo",
    "Kahului",
    "Anchorage",
    "Juneau",
    "Burlington",
    "Bangor",
    "Nashua",
    "Worcester",
    "Lowell",
    "Providence",
    "Stamford",
    "New Haven",
    "Poughkeepsie",
    "Ithaca",
    "Utica",
    "Paterson",
    "Hoboken",
    "Wilmington",
    "Frederick",
    "Roanoke",
    "Lynchburg",
    "Morgantown",
    "Lexington",
    "Bowling Green",
    "Peoria",
    "Joliet",
    "Rockford",
    "Cedar Rapids",
    "Dubuque",
    "Hope",
    "Liberty",
    "Independence",
    "Eureka",
    "Paradise",
    "Plainview",
    "Truth or Consequences",
    "Kearny",
    "Coeur d'Alene",
    "Winston-Salem",
    "Wilkes-Barre",
    "Pawtucket",
    "Muskogee",
    "Natchitoches",
    "Tahlequah",
];

/// A city or town.
pub fn city<R: Rng + ?Sized>(rng: &mut R) -> String {
    (*pick(rng, CITIES)).to_owned()
}

const COUNTY_NAMES: &[&str] = &[
    "Kings",
    "Cook",
    "Harris",
    "Maricopa",
    "Cuyahoga",
    "Wayne",
    "Fulton",
    "Dade",
    "Travis",
    "Alameda",
    "Hennepin",
    "Allegheny",
    "Suffolk",
    "Erie",
    "Pima",
    "Bexar",
    "Marion",
    "Jefferson",
    "Lancaster",
    "Chautauqua",
    "Tippecanoe",
    "Kanawha",
    "Yakima",
    "Coconino",
];

/// A county or parish ("Kings County", "Orleans Parish").
pub fn county<R: Rng + ?Sized>(rng: &mut R) -> String {
    if chance(rng, 0.1) {
        format!(
            "{} Parish",
            pick(rng, &["Orleans", "Jefferson", "Caddo", "Calcasieu"])
        )
    } else {
        format!(
            "{} {}",
            pick(rng, COUNTY_NAMES),
            pick(rng, &["County", "County", "Co."])
        )
    }
}

/// A ZIP or ZIP+4 code.
pub fn zip<R: Rng + ?Sized>(rng: &mut R) -> String {
    let z = format!("{:05}", rng.random_range(1001..99951));
    if chance(rng, 0.2) {
        format!("{z}-{}", digits(rng, 4))
    } else {
        z
    }
}

/// A facility or neighbourhood tied to a place ("Riverside Community
/// Hospital", "St. Mary's Medical Center", "Hopewell Behavioral Health").
pub fn facility<R: Rng + ?Sized>(rng: &mut R) -> String {
    let place = match rng.random_range(0..4) {
        0 => city(rng),
        1 => (*pick(
            rng,
            &[
                "Riverside",
                "Lakeview",
                "Mercy",
                "Hopewell",
                "Cedar Ridge",
                "Brookdale",
                "Northshore",
                "Valley View",
                "Pinecrest",
                "Bayside",
            ],
        ))
        .to_owned(),
        2 => format!(
            "St. {}'s",
            pick(
                rng,
                &["Mary", "Luke", "Jude", "Vincent", "Francis", "Anne", "Joseph"]
            )
        ),
        _ => last_name(rng),
    };
    let kind = *pick(
        rng,
        &[
            "Community Hospital",
            "Medical Center",
            "Behavioral Health Center",
            "Psychiatric Hospital",
            "Clinic",
            "Family Health Center",
            "Memorial Hospital",
            "Regional Medical Center",
            "Recovery Center",
            "Counseling Associates",
            "Urgent Care",
            "Nursing and Rehabilitation",
        ],
    );
    format!("{place} {kind}")
}

/// US state names and postal abbreviations (kept by Safe Harbor).
pub const STATES: &[&str] = &[
    "Alabama",
    "Alaska",
    "Arizona",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
    "Puerto Rico",
];
/// Postal abbreviations.
pub const STATE_ABBR: &[&str] = &[
    "AL", "AK", "AZ", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IA", "KS", "KY", "LA",
    "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
    "OK", "PA", "RI", "SC", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
];

/// A US state name or abbreviation.
pub fn state<R: Rng + ?Sized>(rng: &mut R) -> String {
    if chance(rng, 0.5) {
        (*pick(rng, STATES)).to_owned()
    } else {
        (*pick(rng, STATE_ABBR)).to_owned()
    }
}

/// Countries (kept by Safe Harbor).
pub const COUNTRIES: &[&str] = &[
    "Mexico",
    "Guatemala",
    "El Salvador",
    "Honduras",
    "Vietnam",
    "China",
    "India",
    "Pakistan",
    "Nigeria",
    "Ghana",
    "Kenya",
    "Ethiopia",
    "Somalia",
    "Haiti",
    "Jamaica",
    "Dominican Republic",
    "Puerto Rico",
    "Colombia",
    "Venezuela",
    "Brazil",
    "Peru",
    "Ukraine",
    "Russia",
    "Poland",
    "Germany",
    "Ireland",
    "the Philippines",
    "South Korea",
    "Japan",
    "Iran",
    "Iraq",
    "Syria",
    "Afghanistan",
    "Bangladesh",
    "Nepal",
    "Cuba",
    "Canada",
    "Norway",
    "Turkey",
    "Egypt",
];

/// A country name.
pub fn country<R: Rng + ?Sized>(rng: &mut R) -> String {
    (*pick(rng, COUNTRIES)).to_owned()
}

// ---------------------------------------------------------------- keep content

const DRUGS: &[(&str, &[&str])] = &[
    (
        "sertraline",
        &["25 mg", "50 mg", "100 mg", "150 mg", "200 mg"],
    ),
    ("Zoloft", &["50mg", "100 mg"]),
    ("fluoxetine", &["10 mg", "20 mg", "40 mg"]),
    ("escitalopram", &["5 mg", "10 mg", "20 mg"]),
    ("Lexapro", &["10mg", "20 mg"]),
    ("bupropion XL", &["150 mg", "300 mg"]),
    ("Wellbutrin SR", &["150 mg BID"]),
    ("venlafaxine ER", &["75 mg", "150 mg", "225 mg"]),
    ("duloxetine", &["30 mg", "60 mg"]),
    ("mirtazapine", &["7.5 mg qHS", "15 mg", "30 mg"]),
    ("Trintellix", &["10 mg", "20 mg"]),
    ("lithium carbonate", &["300 mg TID", "450 mg BID", "900 mg"]),
    ("lamotrigine", &["25 mg", "100 mg", "200 mg"]),
    ("Lamictal", &["100 mg"]),
    ("divalproex", &["500 mg BID", "750 mg"]),
    ("quetiapine", &["25 mg qHS", "100 mg", "300 mg"]),
    ("Seroquel XR", &["200 mg"]),
    ("aripiprazole", &["2 mg", "5 mg", "10 mg", "15 mg"]),
    ("Abilify Maintena", &["400 mg IM monthly"]),
    ("olanzapine", &["5 mg", "10 mg", "20 mg"]),
    ("risperidone", &["0.5 mg", "1 mg BID", "2 mg"]),
    ("haloperidol", &["5 mg IM", "2 mg PO"]),
    ("clozapine", &["100 mg", "300 mg"]),
    ("lurasidone", &["40 mg", "80 mg"]),
    ("buspirone", &["10 mg TID", "15 mg BID"]),
    ("hydroxyzine", &["25 mg PRN", "50 mg"]),
    ("lorazepam", &["0.5 mg", "1 mg PRN", "2 mg IM"]),
    ("clonazepam", &["0.5 mg BID", "1 mg"]),
    ("trazodone", &["50 mg qHS", "100 mg"]),
    ("prazosin", &["1 mg", "2 mg qHS"]),
    ("methylphenidate ER", &["36 mg", "54 mg"]),
    ("Adderall XR", &["20 mg"]),
    ("atomoxetine", &["40 mg", "80 mg"]),
    ("naltrexone", &["50 mg", "380 mg IM"]),
    ("buprenorphine-naloxone", &["8-2 mg", "16-4 mg"]),
    ("Suboxone", &["8 mg/2 mg"]),
    ("methadone", &["80 mg", "100 mg daily"]),
    ("gabapentin", &["300 mg TID", "600 mg"]),
    ("propranolol", &["10 mg", "20 mg BID"]),
    ("levothyroxine", &["50 mcg", "88 mcg", "112 mcg"]),
    ("metformin", &["500 mg BID", "1000 mg"]),
    ("lisinopril", &["10 mg", "20 mg"]),
    ("atorvastatin", &["40 mg"]),
    ("omeprazole", &["20 mg"]),
    ("melatonin", &["3 mg", "5 mg"]),
    ("nicotine patch", &["21 mg/24 hr", "14 mg"]),
];

/// A drug with a dose ("sertraline 50 mg").
pub fn medication<R: Rng + ?Sized>(rng: &mut R) -> String {
    let (d, doses) = pick(rng, DRUGS);
    format!("{d} {}", pick(rng, doses))
}

/// A vital sign ("BP 128/82", "HR 72", "T 98.6 F", "SpO2 97%").
pub fn vital<R: Rng + ?Sized>(rng: &mut R) -> String {
    match rng.random_range(0..8) {
        0 => format!(
            "BP {}/{}",
            rng.random_range(95..170),
            rng.random_range(55..105)
        ),
        1 => format!("HR {}", rng.random_range(50..130)),
        2 => format!(
            "T {}.{} F",
            rng.random_range(97..102),
            rng.random_range(0..10)
        ),
        3 => format!("SpO2 {}%", rng.random_range(88..101)),
        4 => format!("RR {}", rng.random_range(10..28)),
        5 => format!("Wt {} lb", rng.random_range(90..320)),
        6 => format!(
            "BMI {}.{}",
            rng.random_range(16..45),
            rng.random_range(0..10)
        ),
        _ => format!("pulse {} bpm", rng.random_range(50..120)),
    }
}

/// A lab value ("Li 0.8 mEq/L", "TSH 2.1", "A1c 6.4%").
pub fn lab<R: Rng + ?Sized>(rng: &mut R) -> String {
    match rng.random_range(0..7) {
        0 => format!("lithium level 0.{}", rng.random_range(4..13)),
        1 => format!("TSH {}.{}", rng.random_range(0..6), rng.random_range(0..10)),
        2 => format!(
            "A1c {}.{}%",
            rng.random_range(5..11),
            rng.random_range(0..10)
        ),
        3 => format!("Na {}", rng.random_range(128..146)),
        4 => format!(
            "WBC {}.{}",
            rng.random_range(3..15),
            rng.random_range(0..10)
        ),
        5 => format!("creatinine 0.{}", rng.random_range(6..13)),
        _ => format!("ANC {}", rng.random_range(900..6000)),
    }
}

/// A scale score ("PHQ-9: 14", "GAD-7 11", "YMRS 30", "mood 3/10").
pub fn scale_score<R: Rng + ?Sized>(rng: &mut R) -> String {
    match rng.random_range(0..10) {
        0 => format!("PHQ-9: {}", rng.random_range(0..28)),
        1 => format!("GAD-7 {}", rng.random_range(0..22)),
        2 => format!("YMRS {}", rng.random_range(0..45)),
        3 => format!("mood {}/10", rng.random_range(1..11)),
        4 => format!("MoCA {}/30", rng.random_range(14..31)),
        5 => format!("PCL-5 score {}", rng.random_range(10..70)),
        6 => format!("AUDIT-C {}", rng.random_range(0..13)),
        7 => format!(
            "C-SSRS: {}",
            pick(rng, &["low risk", "moderate risk", "negative"])
        ),
        8 => format!("MADRS {}", rng.random_range(4..50)),
        _ => format!("PHQ-2 = {}", rng.random_range(0..7)),
    }
}

/// An ICD-10 code.
pub fn icd10<R: Rng + ?Sized>(rng: &mut R) -> String {
    (*pick(
        rng,
        &[
            "F33.1", "F32.9", "F41.1", "F43.10", "F31.81", "F20.9", "F25.0", "F90.0", "F10.20",
            "F11.20", "F42.2", "F50.00", "F60.3", "G47.00", "E11.9", "I10", "Z91.19", "F41.0",
            "F43.22", "R45.851",
        ],
    ))
    .to_owned()
}

/// A CPT code.
pub fn cpt<R: Rng + ?Sized>(rng: &mut R) -> String {
    (*pick(
        rng,
        &[
            "90837", "90834", "90832", "90791", "90792", "99213", "99214", "90853", "96127",
            "90847", "99204",
        ],
    ))
    .to_owned()
}

/// An eponym that names a disease or test, not a person.
pub fn eponym<R: Rng + ?Sized>(rng: &mut R) -> String {
    (*pick(
        rng,
        &[
            "Hodgkin lymphoma",
            "Parkinson's disease",
            "Alzheimer's",
            "Tourette syndrome",
            "Crohn's",
            "Cushing's",
            "Graves' disease",
            "Asperger's",
            "Apgar score",
            "Hashimoto's thyroiditis",
            "Wernicke encephalopathy",
            "Korsakoff syndrome",
            "Bell's palsy",
            "Down syndrome",
            "Huntington's disease",
            "Addison's disease",
            "Guillain-Barré syndrome",
            "Raynaud's",
            "Sjögren's syndrome",
            "Babinski sign",
        ],
    ))
    .to_owned()
}

/// A relative or vague time ("last week", "3 months ago", "over the
/// weekend", "Friday", "at 3 pm").
pub fn relative_time<R: Rng + ?Sized>(rng: &mut R) -> String {
    match rng.random_range(0..24) {
        0 => "last week".into(),
        1 => "yesterday".into(),
        2 => "this morning".into(),
        3 => format!("{} months ago", rng.random_range(2..12)),
        4 => "in childhood".into(),
        5 => (*pick(rng, WEEKDAYS)).to_owned(),
        6 => "over the weekend".into(),
        7 => format!("for {} weeks", rng.random_range(2..9)),
        8 => format!("at {} pm", rng.random_range(1..12)),
        9 => "last night".into(),
        10 => format!("{} days ago", rng.random_range(2..10)),
        11 => "two weeks ago".into(),
        12 => "last month".into(),
        13 => "next week".into(),
        14 => "in 4 weeks".into(),
        15 => "tomorrow".into(),
        16 => "since adolescence".into(),
        17 => "earlier today".into(),
        18 => format!("{} years ago", rng.random_range(2..30)),
        19 => "in the spring".into(),
        20 => "this afternoon".into(),
        21 => format!("last {}", pick(rng, WEEKDAYS)),
        22 => "at bedtime".into(),
        _ => format!("x{} days", rng.random_range(2..15)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn checksums_validate() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(9);
        for _ in 0..50 {
            let n = npi(&mut rng);
            assert_eq!(n.len(), 10);
            let full = format!("80840{n}");
            let sum: u32 = full
                .chars()
                .rev()
                .enumerate()
                .map(|(i, c)| {
                    let d = c.to_digit(10).unwrap();
                    if i % 2 == 1 {
                        let x = d * 2;
                        if x > 9 {
                            x - 9
                        } else {
                            x
                        }
                    } else {
                        d
                    }
                })
                .sum();
            assert_eq!(sum % 10, 0);
            let v = vin(&mut rng);
            assert_eq!(v.len(), 17);
            assert!(!v.contains(['I', 'O', 'Q']));
            let d = dea(&mut rng, 'S');
            let ds: Vec<u32> = d[2..].chars().map(|c| c.to_digit(10).unwrap()).collect();
            assert_eq!(
                (ds[0] + ds[2] + ds[4] + 2 * (ds[1] + ds[3] + ds[5])) % 10,
                ds[6]
            );
        }
    }

    #[test]
    fn iban_checks() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(4);
        for _ in 0..50 {
            let s: String = iban(&mut rng).chars().filter(|c| *c != ' ').collect();
            assert_eq!(s.len(), 22);
            let moved = format!("{}{}", &s[4..], &s[..4]);
            let rem = moved.chars().fold(0u64, |acc, c| {
                let v = c.to_digit(36).unwrap() as u64;
                if v >= 10 {
                    (acc * 100 + v) % 97
                } else {
                    (acc * 10 + v) % 97
                }
            });
            assert_eq!(rem, 1, "{s}");
        }
    }

    #[test]
    fn dates_are_consistent() {
        let d = Ymd {
            y: 2024,
            m: 3,
            d: 14,
        };
        assert_eq!(d.weekday(), "Thursday");
        assert_eq!(
            d.add_days(18),
            Ymd {
                y: 2024,
                m: 4,
                d: 1
            }
        );
        assert_eq!(
            d.add_days(-14),
            Ymd {
                y: 2024,
                m: 2,
                d: 29
            }
        );
        assert_eq!(
            Ymd {
                y: 1936,
                m: 11,
                d: 23
            }
            .age_on(REFERENCE),
            89
        );
        assert_eq!(
            Ymd {
                y: 1936,
                m: 11,
                d: 22
            }
            .age_on(REFERENCE),
            90
        );
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        for _ in 0..200 {
            let v = format_date(&mut rng, d, DateStyle::Full, false);
            assert_eq!(v.optional.len(), 1, "{}", v.text);
            let [s, e] = v.optional[0];
            assert!(
                v.text[s..e] == *"2024" || v.text[s..e] == *"24",
                "{}",
                v.text
            );
            let r = format_date(&mut rng, d, DateStyle::Full, true);
            assert!(r.optional.is_empty());
        }
    }

    #[test]
    fn age_words_and_phrases() {
        assert_eq!(age_words(92).as_deref(), Some("ninety-two"));
        assert_eq!(age_words(90).as_deref(), Some("ninety"));
        assert_eq!(age_words(45), None);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2);
        for _ in 0..100 {
            let (_, v) = age_phrase(&mut rng, 93);
            let req: String = match v.optional.first() {
                Some([s, _]) => v.text[..*s].to_owned(),
                None => v.text.clone(),
            };
            assert!(req == "93" || req == "ninety-three", "{}", v.text);
        }
    }
}
