//! The embedded gazetteers: cities (US and world), counties, US states and
//! countries. Built once per process.

use std::collections::HashMap;
use std::sync::OnceLock;

use phimask_core::document::fold_str;

static CITIES: &str = include_str!("../../data/locations/cities.tsv");
static COUNTIES: &str = include_str!("../../data/locations/counties.txt");

/// What the gazetteer knows about a city name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CityFlags {
    /// A US city or town.
    pub us: bool,
    /// A city outside the US.
    pub world: bool,
    /// Distinctive enough to be reported without context.
    pub standalone: bool,
    /// Also a common word, clinical word or first name: needs strong context.
    pub ambiguous: bool,
}

/// The US states, DC and territories: (postal code, name).
pub(crate) const STATES: &[(&str, &str)] = &[
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("PR", "Puerto Rico"),
    ("GU", "Guam"),
    ("VI", "U.S. Virgin Islands"),
    ("AS", "American Samoa"),
    ("MP", "Northern Mariana Islands"),
];

/// Other names of states used in notes ("Mass.", "Calif.", "Washington State").
pub(crate) const STATE_ALIASES: &[&str] = &[
    "Washington State",
    "Virgin Islands",
    "N.Y.",
    "N.J.",
    "D.C.",
    "Calif.",
    "Mass.",
    "Penn.",
    "Fla.",
    "Tex.",
    "Wash.",
    "Ariz.",
    "Colo.",
    "Conn.",
    "Mich.",
    "Minn.",
    "Tenn.",
    "Wis.",
    "Okla.",
    "Ore.",
];

/// State names that are also given names or common words: reported only
/// with place context ("in Virginia", "Richmond, Virginia").
pub(crate) const NAME_LIKE_STATES: &[&str] = &[
    "georgia",
    "virginia",
    "washington",
    "indiana",
    "florida",
    "montana",
    "nevada",
    "dakota",
    "carolina",
    "maine",
    "guam",
    "tennessee",
    "kansas",
    "missouri",
    "wash.",
    "mass.",
    "penn.",
    "ore.",
    "wis.",
    "tex.",
];

/// Postal codes that are also credentials or words ("Jane Doe, MD", "PA",
/// "ME", "IN", "OR", "MS"): taken as states only after a known city or
/// before a ZIP code.
pub(crate) const AMBIGUOUS_CODES: &[&str] = &[
    "MD", "PA", "ME", "MA", "MS", "IN", "OR", "OK", "DE", "CO", "HI", "OH", "LA", "AL", "NE", "ID",
    "MT", "SC", "ND", "SD", "DC", "GU", "AS", "MP", "VI", "PR", "NC",
];

/// Countries and common aliases (GeoNames country names plus the forms
/// notes use).
pub(crate) const COUNTRIES: &[&str] = &[
    "Afghanistan",
    "Albania",
    "Algeria",
    "Andorra",
    "Angola",
    "Antigua and Barbuda",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahamas",
    "The Bahamas",
    "Bahrain",
    "Bangladesh",
    "Barbados",
    "Belarus",
    "Belgium",
    "Belize",
    "Benin",
    "Bhutan",
    "Bolivia",
    "Bosnia and Herzegovina",
    "Bosnia",
    "Botswana",
    "Brazil",
    "Brunei",
    "Bulgaria",
    "Burkina Faso",
    "Burma",
    "Burundi",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Cape Verde",
    "Cabo Verde",
    "Central African Republic",
    "Chad",
    "Chile",
    "China",
    "Colombia",
    "Comoros",
    "Congo",
    "Democratic Republic of the Congo",
    "Republic of the Congo",
    "DRC",
    "Costa Rica",
    "Ivory Coast",
    "Côte d'Ivoire",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czech Republic",
    "Czechia",
    "Denmark",
    "Djibouti",
    "Dominica",
    "Dominican Republic",
    "East Timor",
    "Timor-Leste",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "Equatorial Guinea",
    "Eritrea",
    "Estonia",
    "Eswatini",
    "Swaziland",
    "Ethiopia",
    "Fiji",
    "Finland",
    "France",
    "Gabon",
    "Gambia",
    "The Gambia",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Grenada",
    "Guatemala",
    "Guinea",
    "Guinea-Bissau",
    "Guyana",
    "Haiti",
    "Honduras",
    "Hong Kong",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kiribati",
    "Kosovo",
    "Kuwait",
    "Kyrgyzstan",
    "Laos",
    "Latvia",
    "Lebanon",
    "Lesotho",
    "Liberia",
    "Libya",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Macau",
    "Madagascar",
    "Malawi",
    "Malaysia",
    "Maldives",
    "Mali",
    "Malta",
    "Marshall Islands",
    "Mauritania",
    "Mauritius",
    "Mexico",
    "Micronesia",
    "Moldova",
    "Monaco",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Namibia",
    "Nauru",
    "Nepal",
    "Netherlands",
    "The Netherlands",
    "Holland",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Korea",
    "North Macedonia",
    "Macedonia",
    "Norway",
    "Oman",
    "Pakistan",
    "Palau",
    "Palestine",
    "Panama",
    "Papua New Guinea",
    "Paraguay",
    "Peru",
    "Philippines",
    "the Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Russian Federation",
    "Rwanda",
    "Saint Kitts and Nevis",
    "Saint Lucia",
    "Saint Vincent and the Grenadines",
    "Samoa",
    "San Marino",
    "Sao Tome and Principe",
    "Saudi Arabia",
    "Senegal",
    "Serbia",
    "Seychelles",
    "Sierra Leone",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Solomon Islands",
    "Somalia",
    "South Africa",
    "South Korea",
    "Korea",
    "South Sudan",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Suriname",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tajikistan",
    "Tanzania",
    "Thailand",
    "Togo",
    "Tonga",
    "Trinidad and Tobago",
    "Trinidad",
    "Tunisia",
    "Turkey",
    "Türkiye",
    "Turkmenistan",
    "Tuvalu",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "UAE",
    "United Kingdom",
    "UK",
    "U.K.",
    "Great Britain",
    "Britain",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "United States",
    "United States of America",
    "USA",
    "U.S.A.",
    "U.S.",
    "America",
    "Uruguay",
    "Uzbekistan",
    "Vanuatu",
    "Vatican City",
    "Venezuela",
    "Vietnam",
    "Viet Nam",
    "Yemen",
    "Zambia",
    "Zimbabwe",
    "Greenland",
    "Bermuda",
    "Cayman Islands",
    "Aruba",
    "Curaçao",
    "Martinique",
    "Guadeloupe",
];

/// Countries that are also given names or common words ("Chad", "Jordan",
/// "Turkey", "China"): reported only with place context.
pub(crate) const AMBIGUOUS_COUNTRIES: &[&str] = &[
    "chad", "jordan", "georgia", "turkey", "china", "india", "israel", "kenya", "guinea", "niger",
    "chile", "mali", "malta", "oman", "peru", "cuba", "togo", "jamaica", "lebanon", "america",
    "samoa", "tonga", "wales", "holland", "korea", "trinidad", "congo", "sudan", "iran", "britain",
    "grenada", "dominica", "panama", "monaco", "macau", "nauru", "palau", "fiji",
];

/// The gazetteer.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    /// Folded city name → flags.
    pub cities: HashMap<String, CityFlags>,
    /// Folded county name ("kings county") present.
    pub counties: HashMap<String, ()>,
    /// Folded state name or alias → postal code.
    pub states: HashMap<String, &'static str>,
}

/// The process-wide gazetteer.
pub(crate) fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut cities = HashMap::with_capacity(60_000);
        for line in CITIES.lines() {
            let mut parts = line.split('\t');
            let (Some(name), Some(flags)) = (parts.next(), parts.next()) else {
                continue;
            };
            let f = CityFlags {
                us: flags.contains('U'),
                world: flags.contains('W'),
                standalone: flags.contains('S'),
                ambiguous: flags.contains('A'),
            };
            let e: &mut CityFlags = cities.entry(fold_str(name)).or_default();
            e.us |= f.us;
            e.world |= f.world;
            e.standalone |= f.standalone;
            e.ambiguous |= f.ambiguous;
        }
        let counties = COUNTIES
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| (fold_str(l.trim()), ()))
            .collect();
        let mut states = HashMap::new();
        for (code, name) in STATES {
            states.insert(fold_str(name), *code);
        }
        for alias in STATE_ALIASES {
            states.insert(fold_str(alias), "");
        }
        Gazetteer {
            cities,
            counties,
            states,
        }
    })
}

impl Gazetteer {
    /// The flags of a city name, any case.
    pub(crate) fn city(&self, name: &str) -> Option<CityFlags> {
        self.cities.get(&fold_str(name)).copied()
    }

    /// True for a county name such as "Kings County" (any case).
    pub(crate) fn county(&self, name: &str) -> bool {
        self.counties.contains_key(&fold_str(name))
    }

    /// True for a US state name or alias (any case).
    pub(crate) fn state(&self, name: &str) -> bool {
        self.states.contains_key(&fold_str(name))
    }

    /// The cities that may be reported without context (title-case names).
    pub(crate) fn standalone_cities(&self) -> impl Iterator<Item = &str> {
        self.cities
            .iter()
            .filter(|(_, f)| f.standalone && !f.ambiguous)
            .map(|(n, _)| n.as_str())
    }
}

/// True when `code` is a US postal state code.
pub(crate) fn is_state_code(code: &str) -> bool {
    STATES.iter().any(|(c, _)| *c == code)
}
