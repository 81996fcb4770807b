//! OData literals: how a function parameter or an alternate key's value is written in a URL
//! (`reminderView(startDateTime='2017-06-05T19:00:00',endDateTime='…')`,
//! `applications(appId='…')`), by OData's ABNF: strings quoted with `'` doubled, numbers and
//! booleans bare, dates, times and GUIDs bare, durations as `duration'P1D'`, binary as
//! `binary'…'`, enum members as their quoted wire value, a flags enum's members as one quoted,
//! comma-separated value, a collection of strings as a JSON array.

use super::{Binary, Date, DateTimeOffset, Duration, EnumValue, Flags, Guid, TimeOfDay};

/// A value that can be written as an OData literal in a URL (before percent-encoding, which the
/// path builder does).
pub trait ODataLiteral {
    /// Appends the literal to `out`.
    fn write_literal(&self, out: &mut String);
}

/// `'text'`, with every `'` doubled.
fn quoted(text: &str, out: &mut String) {
    out.push('\'');
    for ch in text.chars() {
        if ch == '\'' {
            out.push('\'');
        }
        out.push(ch);
    }
    out.push('\'');
}

impl ODataLiteral for &str {
    fn write_literal(&self, out: &mut String) {
        quoted(self, out);
    }
}

impl ODataLiteral for String {
    fn write_literal(&self, out: &mut String) {
        quoted(self, out);
    }
}

impl ODataLiteral for &String {
    fn write_literal(&self, out: &mut String) {
        quoted(self, out);
    }
}

macro_rules! bare {
    ($($ty:ty),*) => {
        $(impl ODataLiteral for $ty {
            fn write_literal(&self, out: &mut String) {
                out.push_str(&self.to_string());
            }
        })*
    };
}

bare!(bool, i8, u8, i16, i32, i64, u32, u64);

macro_rules! float {
    ($($ty:ty),*) => {
        $(impl ODataLiteral for $ty {
            /// Finite values bare; OData's `NaN`, `INF` and `-INF` otherwise.
            fn write_literal(&self, out: &mut String) {
                if self.is_nan() {
                    out.push_str("NaN");
                } else if self.is_infinite() {
                    out.push_str(if self.is_sign_positive() { "INF" } else { "-INF" });
                } else {
                    out.push_str(&self.to_string());
                }
            }
        })*
    };
}

float!(f32, f64);

macro_rules! wire_bare {
    ($($ty:ty),*) => {
        $(impl ODataLiteral for $ty {
            fn write_literal(&self, out: &mut String) {
                out.push_str(self.as_str());
            }
        })*
    };
}

wire_bare!(DateTimeOffset, Date, TimeOfDay, Guid);

impl ODataLiteral for Duration {
    fn write_literal(&self, out: &mut String) {
        out.push_str("duration");
        quoted(self.as_str(), out);
    }
}

impl ODataLiteral for Binary {
    fn write_literal(&self, out: &mut String) {
        out.push_str("binary");
        quoted(self.as_str(), out);
    }
}

/// An enum member, as its wire value in quotes (Graph accepts the unqualified form).
impl<T: EnumValue> ODataLiteral for T {
    fn write_literal(&self, out: &mut String) {
        quoted(self.as_wire(), out);
    }
}

/// A flags enum's members, as one quoted value with the members separated by commas
/// (`'relatedPeopleAssignments,assignmentHistory'`), as OData writes a flags enum literal without
/// its type name.
impl<T: EnumValue + PartialEq> ODataLiteral for Flags<T> {
    fn write_literal(&self, out: &mut String) {
        quoted(&self.to_wire(), out);
    }
}

/// A collection of strings, as OData 4.01 writes a collection in a URL: a JSON array
/// (`["a","b"]`).
impl ODataLiteral for &[&str] {
    fn write_literal(&self, out: &mut String) {
        out.push_str(&::serde_json::to_string(self).unwrap_or_default());
    }
}

/// A value's literal as a string (what the path builder percent-encodes).
pub(super) fn literal(value: &dyn ODataLiteral) -> String {
    let mut out = String::new();
    value.write_literal(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_follow_the_odata_abnf() {
        assert_eq!(literal(&"O'Neil"), "'O''Neil'");
        assert_eq!(literal(&String::from("D7")), "'D7'");
        assert_eq!(literal(&42_i32), "42");
        assert_eq!(literal(&-1_i64), "-1");
        assert_eq!(literal(&true), "true");
        assert_eq!(literal(&1.5_f64), "1.5");
        assert_eq!(literal(&f64::NAN), "NaN");
        assert_eq!(literal(&f64::NEG_INFINITY), "-INF");
        assert_eq!(literal(&DateTimeOffset::new("2017-06-05T19:00:00Z")), "2017-06-05T19:00:00Z");
        assert_eq!(literal(&Date::new("2024-02-29")), "2024-02-29");
        assert_eq!(literal(&Duration::new("P1D")), "duration'P1D'");
        assert_eq!(literal(&&["a", "b\"c"][..]), r#"["a","b\"c"]"#);
        assert_eq!(literal(&Guid::new("0b2a2e4c-1c6b-4f4c-9b0e-2b0f3c1d4e5f")), "0b2a2e4c-1c6b-4f4c-9b0e-2b0f3c1d4e5f");
    }
}
