//! Device identifiers: GS1 UDI strings in human-readable form
//! ("(01)00884838035261(17)231231(10)A213B1(21)1234"). Serial numbers
//! with labels ("S/N", "pacemaker serial no.", "IMEI") come from the
//! labelled recognizer.

use std::sync::Arc;

use phimask_core::{Entity, Error, PatternRecognizer, Recognizer};

pub(super) fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    let udi = PatternRecognizer::builder("udi", Entity::DeviceId)
        .pattern(
            "gs1_udi",
            r"\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9](?:[\-./]?[A-Za-z0-9]){0,29})*",
            0.9,
        )
        .pattern(
            "gs1_udi_compact",
            r"(?-u:\b)01\d{14}(?:1[01789]\d{6})(?:10|21)[A-Za-z0-9]{1,20}(?-u:\b)",
            0.5,
        )
        .context(["udi", "device", "implant", "serial"])
        .build()?;
    Ok(vec![Arc::new(udi)])
}

#[cfg(test)]
mod tests {
    use crate::identifiers::testutil::{assert_found, assert_none};
    use phimask_core::Entity::*;

    #[test]
    fn gs1_udi() {
        let udi = "(01)00884838035261(17)231231(10)A213B1(21)1234";
        assert_found(&format!("Implant UDI {udi}."), &[(DeviceId, udi)]);
        assert_found("(01)00884838035261", &[(DeviceId, "(01)00884838035261")]);
        assert_found(
            "0100884838035261172312311012345",
            &[(DeviceId, "0100884838035261172312311012345")],
        );
        assert_none("(01) 2 tabs");
    }
}
