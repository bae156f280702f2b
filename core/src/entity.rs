//! Entity types: what kind of identifier a span is.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

macro_rules! entities {
    ($( $(#[$doc:meta])* $variant:ident => $name:literal, )*) => {
        /// The kind of identifier a detection is.
        ///
        /// Names follow Presidio where Presidio has one (`PERSON`,
        /// `PHONE_NUMBER`, `DATE_TIME`, …) and add the clinical Safe Harbor
        /// entities. Policies may name any other upper-case entity, which
        /// becomes [`Entity::Custom`].
        ///
        /// # Example
        /// ```
        /// use phimask_core::Entity;
        /// let e: Entity = "US_SSN".parse().unwrap();
        /// assert_eq!(e, Entity::UsSsn);
        /// assert_eq!(e.as_str(), "US_SSN");
        /// ```
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Entity {
            $( $(#[$doc])* $variant, )*
            /// An entity named by a policy or a user recognizer.
            Custom(Arc<str>),
        }

        impl Entity {
            /// Every built-in entity, in declaration order.
            pub const BUILTIN: &'static [Entity] = &[$(Entity::$variant,)*];

            /// The entity's canonical upper-case name.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Entity::$variant => $name, )*
                    Entity::Custom(name) => name,
                }
            }

            fn from_builtin(s: &str) -> Option<Entity> {
                match s {
                    $( $name => Some(Entity::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

entities! {
    /// A person's name (patients, relatives, clinicians, staff).
    Person => "PERSON",
    /// A street address or PO box.
    StreetAddress => "STREET_ADDRESS",
    /// A city, town or village.
    City => "CITY",
    /// A county or parish.
    County => "COUNTY",
    /// A ZIP or ZIP+4 code.
    ZipCode => "ZIP_CODE",
    /// Another geographic unit or a facility tied to a place.
    Location => "LOCATION",
    /// A US state or territory (kept by the Safe Harbor scope).
    UsState => "US_STATE",
    /// A country (kept by the Safe Harbor scope).
    Country => "COUNTRY",
    /// A date or time, including relative ones the scope may keep.
    DateTime => "DATE_TIME",
    /// An age (masked by Safe Harbor only when 90 or more).
    Age => "AGE",
    /// A telephone number.
    PhoneNumber => "PHONE_NUMBER",
    /// A fax number.
    FaxNumber => "FAX_NUMBER",
    /// An e-mail address.
    EmailAddress => "EMAIL_ADDRESS",
    /// A US social security number.
    UsSsn => "US_SSN",
    /// A US individual taxpayer identification number.
    UsItin => "US_ITIN",
    /// A medical record number.
    MedicalRecordNumber => "MEDICAL_RECORD_NUMBER",
    /// A health plan beneficiary, member or Medicare/Medicaid number.
    HealthPlanId => "HEALTH_PLAN_ID",
    /// An account, billing or claim number.
    AccountNumber => "ACCOUNT_NUMBER",
    /// A payment card number.
    CreditCard => "CREDIT_CARD",
    /// An international bank account number.
    IbanCode => "IBAN_CODE",
    /// A US bank account number.
    UsBankNumber => "US_BANK_NUMBER",
    /// An ABA bank routing number.
    AbaRoutingNumber => "ABA_ROUTING_NUMBER",
    /// A certificate or licence number.
    LicenseNumber => "LICENSE_NUMBER",
    /// A US driver's licence number.
    UsDriverLicense => "US_DRIVER_LICENSE",
    /// A US passport number.
    UsPassport => "US_PASSPORT",
    /// A medical licence number.
    MedicalLicense => "MEDICAL_LICENSE",
    /// A DEA registration number.
    DeaNumber => "DEA_NUMBER",
    /// A National Provider Identifier.
    Npi => "NPI",
    /// A vehicle identifier, VIN or licence plate.
    VehicleId => "VEHICLE_ID",
    /// A device identifier, serial number or UDI.
    DeviceId => "DEVICE_ID",
    /// A web URL.
    Url => "URL",
    /// An IPv4 or IPv6 address.
    IpAddress => "IP_ADDRESS",
    /// Any other labelled unique identifying number or code.
    IdNumber => "ID_NUMBER",
}

impl Entity {
    /// Parses an entity name. Built-in names map to their variants; any other
    /// name made of `A-Z`, `0-9` and `_` (starting with a letter, at most 64
    /// bytes) becomes [`Entity::Custom`]. Returns `None` for anything else.
    ///
    /// # Example
    /// ```
    /// use phimask_core::Entity;
    /// assert_eq!(Entity::parse("PERSON"), Some(Entity::Person));
    /// assert!(matches!(Entity::parse("STUDY_ID"), Some(Entity::Custom(_))));
    /// assert_eq!(Entity::parse("not valid"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Entity> {
        if let Some(e) = Entity::from_builtin(name) {
            return Some(e);
        }
        let mut bytes = name.bytes();
        let first_ok = bytes.next().is_some_and(|b| b.is_ascii_uppercase());
        let rest_ok = name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if first_ok && rest_ok && name.len() <= 64 {
            Some(Entity::Custom(Arc::from(name)))
        } else {
            None
        }
    }
}

/// The error returned when a string is not a valid entity name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseEntityError {
    len: usize,
}

impl fmt::Display for ParseEntityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid entity name ({} bytes): use A-Z, 0-9 and _, starting with a letter",
            self.len
        )
    }
}

impl std::error::Error for ParseEntityError {}

impl FromStr for Entity {
    type Err = ParseEntityError;
    fn from_str(s: &str) -> Result<Entity, ParseEntityError> {
        Entity::parse(s).ok_or(ParseEntityError { len: s.len() })
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Entity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Entity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Entity, D::Error> {
        let s = String::deserialize(d)?;
        Entity::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid entity name `{s}`: use A-Z, 0-9 and _, starting with a letter"
            ))
        })
    }
}
