//! Tests of the location recognizers through an analyzer (Safe Harbor
//! policy), asserting exact spans.

use std::sync::OnceLock;

use phimask_core::{Analyzer, Entity, KeepReason};

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| {
        crate::testutil::analyzer_over(
            super::recognizers().expect("location recognizers build"),
            &[],
        )
    })
}

/// (entity, text) of every detection.
fn found(text: &str) -> Vec<(Entity, String)> {
    crate::testutil::detections(analyzer(), text)
}

/// (entity, text) of every candidate a scope rule kept.
fn kept(text: &str) -> Vec<(Entity, String)> {
    analyzer()
        .analyze(text)
        .expect("analysis")
        .kept
        .iter()
        .filter(|k| matches!(&k.reason, KeepReason::Rule(r) if &**r != "inside_kept_span"))
        .map(|k| {
            (
                k.entity.clone(),
                k.span.text(text).unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The masked text (● over detections).
fn masked(text: &str) -> String {
    analyzer().mask(text).expect("mask").text
}

fn pairs(v: &[(Entity, &str)]) -> Vec<(Entity, String)> {
    v.iter().map(|(e, s)| (e.clone(), s.to_string())).collect()
}

fn expect(text: &str, v: &[(Entity, &str)]) {
    assert_eq!(found(text), pairs(v), "in {text:?}");
}

use Entity::{City, Country, County, Location, StreetAddress as Addr, UsState, ZipCode as Zip};

#[test]
fn street_addresses() {
    expect(
        "lives at 1432 Elm St Apt 5B with wife",
        &[(Addr, "1432 Elm St Apt 5B")],
    );
    expect(
        "Address: 1432 Elm Street, Apt. 5B",
        &[(Addr, "1432 Elm Street, Apt. 5B")],
    );
    expect("at 221B Baker Street.", &[(Addr, "221B Baker Street")]);
    expect(
        "lives alone on Birch Rd near the school",
        &[(Addr, "Birch Rd")],
    );
    expect("took 2 tabs on Dr. orders", &[]);
    expect(
        "office 400 W. 59th St., Suite 1200",
        &[(Addr, "400 W. 59th St., Suite 1200")],
    );
    expect("12 N Main St #3", &[(Addr, "12 N Main St #3")]);
    expect(
        "home is 77 Martin Luther King Jr Blvd",
        &[(Addr, "77 Martin Luther King Jr Blvd")],
    );
    expect("at 5 Oak Dr. Pt arrived", &[]);
    expect("lives at 88 Oak Dr with son", &[(Addr, "88 Oak Dr")]);
    expect("1600 Broadway, 3rd floor", &[(Addr, "1600 Broadway")]);
    expect(
        "farm at 1234 County Road 45",
        &[(Addr, "1234 County Road 45")],
    );
    expect("grew up on Maple Avenue", &[(Addr, "Maple Avenue")]);
    expect(
        "resides at 3305 Oak Ridge Dr., Unit 12",
        &[(Addr, "3305 Oak Ridge Dr., Unit 12")],
    );
    expect("4500 Hwy 61 S", &[(Addr, "4500 Hwy 61 S")]);
    expect(
        "Vive en 455 Avenida de la Paz.",
        &[(Addr, "455 Avenida de la Paz")],
    );
    expect(
        "office at 1251 Avenue of the Americas",
        &[(Addr, "1251 Avenue of the Americas")],
    );
    expect(
        "i live at 45 oak st apt 2 now",
        &[(Addr, "45 oak st apt 2")],
    );
    expect("walked 30 blocks down the road", &[]);
    expect("RTC IN 4 WEEKS WITH DR. MASON.", &[]);
    expect(
        "6484 RIVERSIDE DR, POUGHKEEPSIE, CT 08857",
        &[
            (Addr, "6484 RIVERSIDE DR"),
            (City, "POUGHKEEPSIE"),
            (Zip, "08857"),
        ],
    );
    expect(
        "arranged housing at 16979 Bayou Dr. Labs were normal",
        &[(Addr, "16979 Bayou Dr")],
    );
}

#[test]
fn po_boxes_and_routes() {
    expect("mail to PO Box 88", &[(Addr, "PO Box 88")]);
    expect("mail to P.O. Box 88.", &[(Addr, "P.O. Box 88")]);
    expect("Post Office Box 88", &[(Addr, "Post Office Box 88")]);
    expect("Rural Route 2 Box 15", &[(Addr, "Rural Route 2 Box 15")]);
    expect("RR 2, Box 15", &[(Addr, "RR 2, Box 15")]);
}

#[test]
fn address_lines() {
    let text = "1432 Elm St, Springfield, IL 62704";
    expect(
        text,
        &[(Addr, "1432 Elm St"), (City, "Springfield"), (Zip, "62704")],
    );
    assert_eq!(kept(text), pairs(&[(UsState, "IL")]));
    let text = "New York, NY 10027-1234";
    expect(text, &[(City, "New York"), (Zip, "10027-1234")]);
    assert_eq!(kept(text), pairs(&[(UsState, "NY")]));
    expect("Boston, MA", &[(City, "Boston")]);
    expect("in Mobile, AL", &[(City, "Mobile")]);
    expect("Normal, Illinois", &[(City, "Normal")]);
    expect(
        "SPRINGFIELD, IL 62704",
        &[(City, "SPRINGFIELD"), (Zip, "62704")],
    );
    expect("Tulsa, OK 74103", &[(City, "Tulsa"), (Zip, "74103")]);
}

#[test]
fn the_town_after_a_street_line() {
    // No state or postcode follows, so only the street says this is a town.
    let text = "lives at 4621 Portage Avenue, Winnipeg.";
    let got = found(text);
    assert!(got.contains(&(City, "Winnipeg".into())), "{got:?}");
    let text = "772 Barrington Street\nVancouver";
    let got = found(text);
    assert!(got.contains(&(City, "Vancouver".into())), "{got:?}");
    // A word after a street that is no known town stays.
    let text = "772 Barrington Street, downstairs";
    assert!(masked(text).ends_with(", downstairs"), "{}", masked(text));
}

#[test]
fn credentials_are_not_states() {
    expect("Jane Roe, MD", &[]);
    expect("Dr. Smith, MD", &[]);
    expect("Towson, MD", &[(City, "Towson")]);
    expect("Bangor ME 04401", &[(City, "Bangor"), (Zip, "04401")]);
    expect("signed A. Kowalski, PA", &[]);
    assert_eq!(kept("Jane Roe, MD"), vec![]);
}

#[test]
fn zip_codes() {
    expect("ZIP: 10027", &[(Zip, "10027")]);
    expect("zip code 10027", &[(Zip, "10027")]);
    expect("NY 10027", &[(Zip, "10027")]);
    expect(
        "Springfield, IL\n62704",
        &[(City, "Springfield"), (Zip, "62704")],
    );
    expect("postal code is 10027-1234", &[(Zip, "10027-1234")]);
    expect("CPT 90837", &[]);
    expect("glucose 10027 noted", &[]);
    expect("WBC 12000", &[]);
}

#[test]
fn cities_with_context() {
    expect("Pt lives in Mobile with her aunt", &[(City, "Mobile")]);
    expect("She moved to Reading last year", &[(City, "Reading")]);
    expect("resident of Hope since 2010", &[(City, "Hope")]);
    expect("originally from Lagos", &[(City, "Lagos")]);
    expect("born in São Paulo", &[(City, "São Paulo")]);
    expect("lives in Harlem", &[(City, "Harlem")]);
    expect(
        "lives in Bed-Stuy with roommates",
        &[(Location, "Bed-Stuy")],
    );
    expect("visiting Poughkeepsie", &[(City, "Poughkeepsie")]);
    expect("son lives in the Bronx", &[(City, "Bronx")]);
    expect("from Bath, England", &[(City, "Bath")]);
    expect("Lives in Section 8 Housing", &[]);
    expect("lives in the Basement", &[]);
}

#[test]
fn cities_on_their_own() {
    expect(
        "Drove up from Springfield for the visit",
        &[(City, "Springfield")],
    );
    expect("Albuquerque", &[(City, "Albuquerque")]);
    expect("returned from Grand Rapids", &[(City, "Grand Rapids")]);
    // Common words and eponyms need context.
    for text in [
        "mobile crisis team",
        "Normal saline given",
        "Hope is high",
        "Reading is a hobby",
        "Mobile phone lost",
        "Addison's disease",
        "Lyme disease",
        "Columbia Suicide Severity Rating Scale",
        "Glasgow coma scale 15",
        "Montreal Cognitive Assessment 26/30",
        "Montgomery-Åsberg 22",
        "Hamilton depression rating 18",
        "Richmond agitation sedation scale -1",
        "Edinburgh postnatal depression scale 12",
        "Florence Nightingale",
    ] {
        expect(text, &[]);
    }
}

#[test]
fn counties() {
    expect("lives in Kings County", &[(County, "Kings County")]);
    expect("Cook County court", &[(County, "Cook County")]);
    expect("Orleans Parish", &[(County, "Orleans Parish")]);
    expect("the county of Suffolk", &[(County, "county of Suffolk")]);
    expect("The County", &[]);
}

#[test]
fn facilities() {
    expect(
        "admitted to Mercy Hospital",
        &[(Location, "Mercy Hospital")],
    );
    expect(
        "at St. Mary's Medical Center",
        &[(Location, "St. Mary's Medical Center")],
    );
    expect("Springfield Clinic", &[(Location, "Springfield Clinic")]);
    expect(
        "SNF placement at Silvercrest Center for Nursing and Rehabilitation, then",
        &[(
            Location,
            "Silvercrest Center for Nursing and Rehabilitation",
        )],
    );
    expect(
        "admitted from Sunrise Senior Living in",
        &[(Location, "Sunrise Senior Living")],
    );
    expect(
        "transferred to St. Mary's overnight",
        &[(Location, "St. Mary's")],
    );
    expect("started on St. John's wort", &[]);
    expect("drinks heavily on St. Patrick's Day", &[]);
    expect("transferred to Bellevue", &[(Location, "Bellevue")]);
    expect("seen at Mount Sinai today", &[(Location, "Mount Sinai")]);
    expect(
        "Kaiser Permanente Oakland",
        &[(Location, "Kaiser Permanente Oakland")],
    );
    expect(
        "Riverside Nursing Home",
        &[(Location, "Riverside Nursing Home")],
    );
    expect(
        "attends Lakeside Elementary School",
        &[(Location, "Lakeside Elementary School")],
    );
    expect(
        "graduated University of Michigan",
        &[(Location, "University of Michigan")],
    );
    expect(
        "Children's Hospital of Philadelphia",
        &[(Location, "Children's Hospital of Philadelphia")],
    );
    // Practices, trusts and health boards outside the US.
    expect(
        "Harbourside Medical Practice\n",
        &[(Location, "Harbourside Medical Practice")],
    );
    expect(
        "referred by Leeds Teaching Hospitals NHS Trust today",
        &[(Location, "Leeds Teaching Hospitals NHS Trust")],
    );
    expect(
        "under Canterbury District Health Board care",
        &[(Location, "Canterbury District Health Board")],
    );
}

#[test]
fn generic_facilities_are_not_identifiers() {
    for text in [
        "brought to the hospital",
        "ER visit last night",
        "transferred to ICU",
        "inpatient unit stay",
        "follow up in clinic",
        "Brief Hospital Course: uneventful",
        "Community Mental Health Clinic",
        "Psychiatric Hospital admission",
        "High School diploma",
        "We trust the plan.",
        "The Trust policy applies.",
        "General Practice follow-up advised",
    ] {
        expect(text, &[]);
    }
}

#[test]
fn states_and_countries_are_kept() {
    let text = "moved from New York to Ohio";
    expect(text, &[]);
    assert_eq!(
        kept(text),
        pairs(&[(UsState, "New York"), (UsState, "Ohio")])
    );
    assert_eq!(masked(text), text);
    let text = "lives in North Carolina";
    expect(text, &[]);
    assert_eq!(kept(text), pairs(&[(UsState, "North Carolina")]));
    let text = "immigrated from Nigeria in 2001";
    expect(text, &[]);
    assert_eq!(kept(text), pairs(&[(Country, "Nigeria")]));
    // Name-like states and countries need place context.
    assert_eq!(kept("Virginia reports poor sleep"), vec![]);
    assert_eq!(kept("Chad said he is tired"), vec![]);
    assert_eq!(kept("family in Jordan"), pairs(&[(Country, "Jordan")]));
    assert!(kept("raised in Georgia").contains(&(UsState, "Georgia".to_string())));
    // Abbreviations only in address context.
    assert_eq!(kept("IN the morning OR at night, ME too"), vec![]);
}

#[test]
fn clinical_negatives() {
    for text in [
        "Pt lives alone",
        "ER visit",
        "follow up in clinic",
        "Dr. Main reviewed",
        "St. John's wort 300 mg",
        "Zoloft 50 mg daily",
        "CPT 90837",
        "BP 128/82, HR 72",
        "PHQ-9: 14, GAD-7 11",
        "ICD-10 F33.1",
        "take 2 tabs by mouth",
        "Dx: Major depressive disorder, recurrent",
        "Plan: continue sertraline 100 mg",
        "Mental Status Exam: alert, oriented",
    ] {
        expect(text, &[]);
    }
}

#[test]
fn zip_next_to_phone_is_separate() {
    expect("212-555-0198 10027 zip", &[(Zip, "10027")]);
}

mod prop {
    use proptest::prelude::*;

    /// Pieces that steer every code path, glued with non-ASCII text.
    const PIECES: &[&str] = &[
        "lives in ",
        "the ",
        "The ",
        "Thé ",
        "from ",
        ", NY ",
        ", MD",
        "Springfield",
        "New York",
        " 10027",
        "-1234",
        "Dr",
        ". ",
        "St.",
        " Apt 5B",
        "#3",
        "Kaiser Permanente",
        " ",
        "é",
        "😀",
        "Ünïcødé",
        "County",
        " Parish",
        "Hospital",
        "University of ",
        "Mercy ",
        "12",
        "221B ",
        "Elm ",
        "PO Box 8",
        "ZIP: ",
        "Virginia",
        "Chad",
        ", Nigeria",
        "\n",
        "\t",
        "’s",
        "moved to ",
        "İ",
        "ß",
        "Ⅻ",
        "—",
        "Hwy 61 ",
        "Broadway",
        "in the Bronx",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn never_panics_and_spans_are_on_boundaries(
            idx in proptest::collection::vec(0..PIECES.len(), 0..40)
        ) {
            let text: String = idx.iter().map(|&i| PIECES[i]).collect();
            let a = super::analyzer().analyze(&text).expect("analysis");
            for d in &a.detections {
                prop_assert!(text.is_char_boundary(d.span.start));
                prop_assert!(text.is_char_boundary(d.span.end));
                prop_assert!(d.span.start < d.span.end);
            }
        }
    }
}
