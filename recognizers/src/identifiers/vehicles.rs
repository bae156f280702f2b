//! Vehicle identification numbers. A VIN with a valid North American check
//! digit scores 1.0; one without (many VINs from elsewhere) needs a context
//! word or a label. Licence plates are labelled values (the labelled
//! recognizer).

use std::sync::Arc;

use phimask_core::{Entity, Error, PatternRecognizer, Recognizer};

use super::validators::{vin_charset, vin_valid};

pub(super) fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    let vin = PatternRecognizer::builder("vin", Entity::VehicleId)
        .pattern("vin", r"(?-u:\b)[A-HJ-NPR-Z0-9]{17}(?-u:\b)", 0.3)
        .context(["vin", "vehicle", "car", "truck", "chassis"])
        .validator(|s| {
            let letters = s.bytes().filter(u8::is_ascii_uppercase).count();
            let digits = s.bytes().filter(u8::is_ascii_digit).count();
            if !vin_charset(s) || letters == 0 || digits < 3 {
                Some(false)
            } else if vin_valid(s) {
                Some(true)
            } else {
                None
            }
        })
        .build()?;
    Ok(vec![Arc::new(vin)])
}

#[cfg(test)]
mod tests {
    use crate::identifiers::testutil::{assert_found, assert_none};
    use phimask_core::Entity::*;

    #[test]
    fn vins() {
        assert_found(
            "car 1M8GDM9AXKP042788 towed",
            &[(VehicleId, "1M8GDM9AXKP042788")],
        );
        assert_found("1HGCM82633A004352", &[(VehicleId, "1HGCM82633A004352")]);
        assert_found(
            "vehicle WVWZZZ1JZXW000001",
            &[(VehicleId, "WVWZZZ1JZXW000001")],
        );
        assert_none("code WVWZZZ1JZXW000001");
        assert_none("12345678901234567");
    }
}
