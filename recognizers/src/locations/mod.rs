//! Built-in recognizers: locations (Safe Harbor B, geographic units
//! smaller than a state, plus the states and countries it lets stay).
//!
//! * [`StreetRecognizer`] and [`address::po_box`]: street addresses with
//!   directionals, USPS suffixes and unit designators; PO boxes and rural
//!   routes.
//! * [`address::zip_code`]: ZIP and ZIP+4 codes after a state or a label;
//!   bare five-digit numbers only with a context word.
//! * [`CountyRecognizer`]: "Kings County", "Orleans Parish", "county of
//!   Suffolk".
//! * [`PlaceRecognizer`]: cities from an embedded GeoNames gazetteer (see
//!   `data/locations/README.md`) in address shapes ("Springfield, IL"),
//!   after phrases ("lives in", "moved to"), or on their own when the name
//!   is distinctive; neighbourhoods after strong phrases ("lives in
//!   Harlem"); US states (`US_STATE`) and countries (`COUNTRY`), which the
//!   Safe Harbor scope keeps, so a state such as "New York" also keeps the
//!   weaker candidates inside it.
//! * [`FacilityRecognizer`]: hospitals, clinics, schools, shelters, jails
//!   and other facilities with a specific name (`LOCATION`); generic
//!   phrases ("the hospital", "ER", "inpatient unit") are left alone.

use std::sync::Arc;

use phimask_core::{Error, Recognizer};

pub mod address;
mod facility;
pub(crate) mod gazetteer;
mod places;
mod words;

pub use address::{CountyRecognizer, StreetRecognizer};
pub use facility::FacilityRecognizer;
pub use places::PlaceRecognizer;

/// The recognizers of this family.
///
/// # Errors
/// When a built-in pattern or dictionary fails to build (a bug).
pub fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    Ok(vec![
        Arc::new(StreetRecognizer::new()?),
        Arc::new(address::po_box()?),
        Arc::new(address::zip_code()?),
        Arc::new(CountyRecognizer::new()?),
        Arc::new(PlaceRecognizer::new()?),
        Arc::new(FacilityRecognizer::new()?),
    ])
}

/// True when `name` (any case) is a US state or territory name, a country,
/// or a city or town the embedded gazetteer knows. Other recognizers may
/// use it to avoid reading "Lagos, Nigeria" as "Last, First".
///
/// # Example
/// ```
/// use phimask_recognizers::locations::is_known_place;
/// assert!(is_known_place("Nigeria"));
/// assert!(is_known_place("springfield"));
/// assert!(!is_known_place("sertraline"));
/// ```
pub fn is_known_place(name: &str) -> bool {
    let g = gazetteer::get();
    g.state(name)
        || g.city(name).is_some()
        || gazetteer::COUNTRIES
            .iter()
            .any(|c| c.eq_ignore_ascii_case(name.trim()))
}

/// True when `name` (any case) is a US state or territory name, or a
/// postal code of one in upper case ("NY").
///
/// # Example
/// ```
/// use phimask_recognizers::locations::is_us_state;
/// assert!(is_us_state("North Carolina") && is_us_state("NC"));
/// assert!(!is_us_state("nc"));
/// ```
pub fn is_us_state(name: &str) -> bool {
    gazetteer::get().state(name) || gazetteer::is_state_code(name.trim())
}

#[cfg(test)]
mod tests;
