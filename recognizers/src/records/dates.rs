//! The date forms of structured records: HL7 compact timestamps and FHIR
//! `date`, `dateTime` and `instant` values. A year alone is not a date
//! here (Safe Harbor keeps it).

/// True for `YYYYMMDD[HH[MM[SS[.S+]]]][+/-ZZZZ]` with a real month and day
/// (year 1800–2100).
pub(crate) fn compact_timestamp(v: &str) -> bool {
    let b = v.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !matches!(digits, 8 | 10 | 12 | 14) || !calendar(&b[..4], &b[4..6], &b[6..8]) {
        return false;
    }
    let mut rest = &b[digits..];
    if digits == 14 {
        if let Some(frac) = rest.strip_prefix(b".") {
            let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return false;
            }
            rest = &frac[n..];
        }
    }
    match rest {
        [] => true,
        [b'+' | b'-', zone @ ..] => zone.len() == 4 && zone.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// True for an ISO 8601 / FHIR date with at least a month:
/// `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.s+]][Z|±hh:mm]`.
pub(crate) fn iso_date(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() < 7 || b[4] != b'-' || !b[..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    if b.len() == 7 {
        return calendar(&b[..4], &b[5..7], b"01");
    }
    if b.len() < 10 || b[7] != b'-' || !calendar(&b[..4], &b[5..7], &b[8..10]) {
        return false;
    }
    let rest = &b[10..];
    if rest.is_empty() {
        return true;
    }
    let Some(time) = rest.strip_prefix(b"T") else {
        return false;
    };
    time.len() >= 5
        && time[..2].iter().all(u8::is_ascii_digit)
        && time[2] == b':'
        && time
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b':' | b'.' | b'Z' | b'+' | b'-'))
}

/// True when the ASCII digits make a real month and day in 1800–2100.
fn calendar(year: &[u8], month: &[u8], day: &[u8]) -> bool {
    let num = |s: &[u8]| -> Option<u32> {
        s.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (Some(y), Some(m), Some(d)) = (num(year), num(month), num(day)) else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1800..=2100).contains(&y) && (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_forms() {
        for v in [
            "20240314",
            "2024031414",
            "202403141415",
            "20240314141500",
            "20240314141500.1234",
            "20240314141500-0500",
            "202403141415+0100",
            "20000229",
        ] {
            assert!(compact_timestamp(v), "{v}");
        }
        for v in [
            "2024",
            "202403",
            "20241314",
            "20240230",
            "19000229",
            "12334456778890",
            "2024031414150",
            "20240314-05",
            "20240314x",
            "20240314141500.",
            "17990101",
        ] {
            assert!(!compact_timestamp(v), "{v}");
        }
    }

    #[test]
    fn iso_forms() {
        for v in [
            "1974-12",
            "1974-12-25",
            "2013-05-15T19:32:52+01:00",
            "2015-02-07T13:28:17.239Z",
            "2012-01-01T10:00",
        ] {
            assert!(iso_date(v), "{v}");
        }
        for v in [
            "1974",
            "1974-13",
            "1974-02-30",
            "1974-12-25x",
            "abcd-12-25",
            "2012-01-01T",
            "12-25-1974",
        ] {
            assert!(!iso_date(v), "{v}");
        }
    }
}
