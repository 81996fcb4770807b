//! The OData primitive types a description may name (`Edm.String`, `Int32`, …).

/// The OData primitive types the descriptions may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    /// `Edm.String`: `String`.
    String,
    /// `Edm.Boolean`: `bool`.
    Boolean,
    /// `Edm.Byte`: `u8`.
    Byte,
    /// `Edm.SByte`: `i8`.
    SByte,
    /// `Edm.Int16`: `i16`.
    Int16,
    /// `Edm.Int32`: `i32`.
    Int32,
    /// `Edm.Int64`: `i64`.
    Int64,
    /// `Edm.Single`: `f32`.
    Single,
    /// `Edm.Double`: `f64`.
    Double,
    /// `Edm.DateTimeOffset`: an instant, its wire text kept exactly.
    DateTimeOffset,
    /// `Edm.Date`: `runtime::Date`.
    Date,
    /// `Edm.TimeOfDay`: `runtime::TimeOfDay`.
    TimeOfDay,
    /// `Edm.Duration`: `runtime::Duration`.
    Duration,
    /// `Edm.Guid`: `runtime::Guid`.
    Guid,
    /// `Edm.Binary`: `runtime::Binary` (base64 text).
    Binary,
    /// Any JSON value (`Edm.Untyped`, or an open type's dynamic property).
    Json,
}

impl Primitive {
    /// Every primitive with the names the descriptions use for it.
    pub const ALL: &[(&str, Primitive)] = &[
        ("String", Primitive::String),
        ("Boolean", Primitive::Boolean),
        ("Byte", Primitive::Byte),
        ("SByte", Primitive::SByte),
        ("Int16", Primitive::Int16),
        ("Int32", Primitive::Int32),
        ("Int64", Primitive::Int64),
        ("Single", Primitive::Single),
        ("Double", Primitive::Double),
        ("DateTimeOffset", Primitive::DateTimeOffset),
        ("Date", Primitive::Date),
        ("TimeOfDay", Primitive::TimeOfDay),
        ("Duration", Primitive::Duration),
        ("Guid", Primitive::Guid),
        ("Binary", Primitive::Binary),
        ("Untyped", Primitive::Json),
        // Kept as JSON: a decimal read into `f64` would lose digits, and a stream property's value
        // is whatever the service inlines (usually nothing: streams are read from `/$value`).
        ("Decimal", Primitive::Json),
        ("Stream", Primitive::Json),
    ];

    /// The primitive a description's type name means (`Int32` or `Edm.Int32`), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        let bare = name.strip_prefix("Edm.").unwrap_or(name);
        Self::ALL.iter().find(|(known, _)| *known == bare).map(|(_, primitive)| *primitive)
    }
}
