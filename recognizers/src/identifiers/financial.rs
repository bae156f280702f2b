//! Payment card numbers (Luhn and issuer prefix), IBANs (mod 97) and ABA
//! routing numbers (checksum, near a context word). Labelled bank account
//! numbers come from the labelled recognizer.

use phimask_core::document::Document;
use std::sync::Arc;

use phimask_core::{
    Candidate, Context, Entity, Error, ErrorKind, PatternRecognizer, Recognizer, Span,
};

use super::validators::{aba_valid, credit_card_valid, iban_valid};

pub(super) fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    let card = PatternRecognizer::builder("credit_card", Entity::CreditCard)
        .pattern(
            "card_number",
            r"(?-u:\b)(?:\d{4}[- ]?\d{4}[- ]?\d{4}[- ]?\d{1,7}|3[47]\d{2}[- ]?\d{6}[- ]?\d{5}|\d{13,19})(?-u:\b)",
            0.3,
        )
        .context(["card", "credit", "visa", "mastercard", "amex", "cc"])
        .validator(|s| Some(credit_card_valid(s)))
        .build()?;
    let aba = PatternRecognizer::builder("aba_routing", Entity::AbaRoutingNumber)
        .pattern("aba_digits", r"(?-u:\b)\d{9}(?-u:\b)", 0.3)
        .context(["routing", "aba", "rtn", "transit", "bank"])
        .validator(|s| (!aba_valid(s)).then_some(false))
        .build()?;
    Ok(vec![
        Arc::new(card),
        Arc::new(aba),
        Arc::new(IbanRecognizer::new()?),
    ])
}

/// Finds IBANs, compact ("DE89370400440532013000") or in groups of four
/// ("DE89 3704 0044 0532 0130 00"), that pass the mod-97 check. A spaced
/// match that runs into a following word is shortened group by group until
/// it validates.
#[derive(Debug)]
pub(super) struct IbanRecognizer {
    re: regex::Regex,
}

impl IbanRecognizer {
    const ID: &'static str = "iban";

    fn new() -> Result<IbanRecognizer, Error> {
        let re = regex::Regex::new(
            r"(?-u:\b)[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)(?-u:\b)",
        )
        .map_err(|e| {
            Error::new(ErrorKind::InvalidPattern {
                recognizer: Self::ID.to_string(),
                index: 0,
                name: "iban".to_string(),
                message: e.to_string(),
            })
        })?;
        Ok(IbanRecognizer { re })
    }
}

impl Recognizer for IbanRecognizer {
    fn id(&self) -> &str {
        Self::ID
    }

    fn entities(&self) -> &[Entity] {
        &[Entity::IbanCode]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        for m in self.re.find_iter(text) {
            let mut end = m.end();
            loop {
                let value = &text[m.start()..end];
                if iban_valid(value) {
                    let mut c = Candidate::new(Span::new(m.start(), end), Entity::IbanCode, 1.0)
                        .with_pattern("iban");
                    c.validated = Some(true);
                    out.push(c);
                    break;
                }
                match value.rfind(' ') {
                    Some(p) if p > 4 => end = m.start() + p,
                    _ => break,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::identifiers::testutil::{assert_found, assert_none};
    use phimask_core::Entity::*;

    #[test]
    fn credit_cards_need_luhn_and_prefix() {
        assert_found(
            "paid with 4111 1111 1111 1111 today",
            &[(CreditCard, "4111 1111 1111 1111")],
        );
        assert_found(
            "card 5500-0000-0000-0004",
            &[(CreditCard, "5500-0000-0000-0004")],
        );
        assert_found(
            "amex 3782 822463 10005",
            &[(CreditCard, "3782 822463 10005")],
        );
        assert_found("4111111111111111", &[(CreditCard, "4111111111111111")]);
        assert_none("4111 1111 1111 1112");
        assert_none("scores 4 5 4 3 5 4 3 2 1 4 5 3 2 4 1 1");
    }

    #[test]
    fn ibans() {
        assert_found(
            "IBAN DE89 3704 0044 0532 0130 00 USD",
            &[(IbanCode, "DE89 3704 0044 0532 0130 00")],
        );
        assert_found(
            "to GB82WEST12345698765432.",
            &[(IbanCode, "GB82WEST12345698765432")],
        );
        assert_none("ref GB82WEST12345698765433");
    }

    #[test]
    fn aba_needs_checksum_and_context() {
        assert_found("bank routing 021000021", &[(AbaRoutingNumber, "021000021")]);
        assert_found("ABA transit: 011000015", &[(AbaRoutingNumber, "011000015")]);
        assert_none("sample 021000021 sent");
    }
}
