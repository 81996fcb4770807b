//! Enum and flags handling: [`EnumValue`] is what generated enums implement (documented members
//! by wire value, anything else kept in their `Other` variant), [`Flags`] is a flags enum's set of
//! values, comma-separated on the wire.

use ::core::fmt;
use ::core::marker::PhantomData;

use ::serde::de::{self, Visitor};
use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What the generated enums implement: documented members by wire value, and a variant that keeps
/// any other value.
///
/// Not meant to be implemented by hand.
pub trait EnumValue: Sized {
    /// The documented member with this wire value.
    fn from_documented(value: &str) -> Option<Self>;

    /// The variant that keeps an undocumented value.
    fn from_other(value: String) -> Self;

    /// The value on the wire.
    fn as_wire(&self) -> &str;

    /// The member for any wire value: documented, or kept as it is.
    fn from_wire(value: &str) -> Self {
        Self::from_documented(value).unwrap_or_else(|| Self::from_other(value.to_owned()))
    }
}

/// Deserializes an [`EnumValue`] from a JSON string, allocating only for undocumented values.
#[doc(hidden)]
pub fn deserialize_enum<'de, T: EnumValue, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_str(EnumVisitor(PhantomData))
}

struct EnumVisitor<T>(PhantomData<T>);

impl<T: EnumValue> Visitor<'_> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from_wire(value))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
        Ok(T::from_documented(&value).unwrap_or_else(|| T::from_other(value)))
    }
}

/// A value of a flags enum: a set of members, comma-separated on the wire (`"allow,block"`).
///
/// Members keep the order they were read or added in; undocumented members are kept too.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<T>(Vec<T>);

impl<T> Default for Flags<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T: EnumValue + PartialEq> Flags<T> {
    /// No members.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether `member` is set.
    pub fn contains(&self, member: &T) -> bool {
        self.0.contains(member)
    }

    /// Sets `member` (once).
    pub fn insert(&mut self, member: T) {
        if !self.contains(&member) {
            self.0.push(member);
        }
    }

    /// The members that are set.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }

    /// The wire form: members joined by commas.
    pub fn to_wire(&self) -> String {
        let mut wire = String::new();
        for (i, member) in self.0.iter().enumerate() {
            if i > 0 {
                wire.push(',');
            }
            wire.push_str(member.as_wire());
        }
        wire
    }

    /// Parses the wire form; surrounding spaces of members are ignored.
    pub fn from_wire(wire: &str) -> Self {
        let mut flags = Self::new();
        for member in wire.split(',').map(str::trim).filter(|m| !m.is_empty()) {
            flags.insert(T::from_wire(member));
        }
        flags
    }
}

impl<T: EnumValue + PartialEq> FromIterator<T> for Flags<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut flags = Self::new();
        for member in iter {
            flags.insert(member);
        }
        flags
    }
}

impl<T: EnumValue + PartialEq> Serialize for Flags<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_wire())
    }
}

impl<'de, T: EnumValue + PartialEq> Deserialize<'de> for Flags<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Self::from_wire(&wire))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    enum Day {
        Monday,
        Friday,
        Other(String),
    }

    impl EnumValue for Day {
        fn from_documented(value: &str) -> Option<Self> {
            match value {
                "monday" => Some(Self::Monday),
                "friday" => Some(Self::Friday),
                _ => None,
            }
        }

        fn from_other(value: String) -> Self {
            Self::Other(value)
        }

        fn as_wire(&self) -> &str {
            match self {
                Self::Monday => "monday",
                Self::Friday => "friday",
                Self::Other(value) => value,
            }
        }
    }

    #[test]
    fn flags_are_comma_separated_on_the_wire() {
        let flags: Flags<Day> = ::serde_json::from_str("\"monday,someday,friday\"").unwrap();
        assert!(flags.contains(&Day::Monday) && flags.contains(&Day::Friday));
        assert!(flags.contains(&Day::Other("someday".into())));
        assert_eq!(::serde_json::to_string(&flags).unwrap(), "\"monday,someday,friday\"");
        let built: Flags<Day> = [Day::Friday, Day::Monday, Day::Friday].into_iter().collect();
        assert_eq!(built.to_wire(), "friday,monday");
        assert_eq!(Flags::<Day>::from_wire(" monday , friday ").to_wire(), "monday,friday");
        assert_eq!(::serde_json::to_string(&Flags::<Day>::new()).unwrap(), "\"\"");
        assert_eq!(::serde_json::from_str::<Flags<Day>>("\"\"").unwrap(), Flags::new());
    }

    #[test]
    fn flags_are_one_quoted_literal_in_a_url() {
        let flags: Flags<Day> = [Day::Monday, Day::Other("it's".into())].into_iter().collect();
        assert_eq!(super::super::literal::literal(&flags), "'monday,it''s'");
        assert_eq!(super::super::literal::literal(&Day::Friday), "'friday'");
    }

    #[test]
    fn enum_values_keep_unknown_text() {
        assert_eq!(Day::from_wire("monday"), Day::Monday);
        assert_eq!(Day::from_wire("Monday"), Day::Other("Monday".into()));
        let read: Day = deserialize_enum(::serde_json::Value::String("x".into())).unwrap();
        assert_eq!(read, Day::Other("x".into()));
    }
}
