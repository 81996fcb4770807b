//! Wire-exact primitive values (`DateTimeOffset`, `Date`, `TimeOfDay`, `Duration`, `Guid`,
//! `Binary`): each keeps the exact text Graph sent, so that writing it back reproduces it.

use ::core::fmt;

use ::serde::{Deserialize, Serialize};

macro_rules! wire_text {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// The value keeps the exact text from the wire, so it is written back unchanged (Graph's
        /// timestamps carry seven fractional digits and an offset, which a parsed date type would
        /// not reproduce).
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A value from its wire text.
            pub fn new(text: impl Into<String>) -> Self {
                Self(text.into())
            }

            /// The wire text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The wire text, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.to_owned())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

wire_text! {
    /// `Edm.DateTimeOffset`: a timestamp such as `2017-01-01T00:00:35.1329464-08:00`.
    DateTimeOffset
}
wire_text! {
    /// `Edm.Date`: a date such as `2024-08-01`.
    Date
}
wire_text! {
    /// `Edm.TimeOfDay`: a time such as `13:45:00.0000000`.
    TimeOfDay
}
wire_text! {
    /// `Edm.Duration`: an ISO 8601 duration such as `PT1H30M`.
    Duration
}
wire_text! {
    /// `Edm.Guid`: a GUID such as `a0fcd748-d748-a0fc-48d7-fca048d7fca0`.
    Guid
}
wire_text! {
    /// `Edm.Binary`: base64-encoded bytes.
    Binary
}
