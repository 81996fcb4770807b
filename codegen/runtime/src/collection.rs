//! A page of a collection response, `{"value": […], "@odata.nextLink": …}` (or
//! `"@odata.deltaLink"` on the last page of a delta round), read and written by
//! the same object visitor as the generated models, so that properties of the page the runtime
//! does not know are kept too.

use ::serde::de::{DeserializeOwned, MapAccess};
use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{AdditionalProperties, Object};

/// One page of a collection response: `{"value": […], "@odata.nextLink": …}`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Collection<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// `@odata.nextLink`: where the next page is, if there is one.
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: on the last page of a delta function's round, where the changes
    /// after it will be.
    pub delta_link: Option<String>,
    /// `@odata.count`, when `$count=true` was asked for.
    pub count: Option<i64>,
    /// `@odata.context`.
    pub context: Option<String>,
    /// Other properties of the page, kept and written back.
    pub additional_properties: AdditionalProperties,
}

/// The documented properties of a [`Collection`] page.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum CollectionField {
    /// `value`.
    Value,
    /// `@odata.nextLink`.
    NextLink,
    /// `@odata.deltaLink`.
    DeltaLink,
    /// `@odata.count`.
    Count,
    /// `@odata.context`.
    Context,
}

impl CollectionField {
    /// The field a key names.
    fn of(key: &[u8]) -> Option<Self> {
        match key {
            b"value" => Some(Self::Value),
            b"@odata.nextLink" => Some(Self::NextLink),
            b"@odata.deltaLink" => Some(Self::DeltaLink),
            b"@odata.count" => Some(Self::Count),
            b"@odata.context" => Some(Self::Context),
            _ => None,
        }
    }
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Self {
            value: Vec::new(),
            next_link: None,
            delta_link: None,
            count: None,
            context: None,
            additional_properties: AdditionalProperties::new(),
        }
    }
}

impl<T: DeserializeOwned> Object for Collection<T> {
    const QUALIFIED_NAME: &'static str = "collection";
    type Field = CollectionField;

    fn field(key: &[u8]) -> Option<CollectionField> {
        CollectionField::of(key)
    }

    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        field: CollectionField,
        map: &mut A,
    ) -> Result<Option<&'static str>, A::Error> {
        match field {
            CollectionField::Value => {
                let mut value = None;
                let null = super::read_field(map, &mut value, "value")?;
                self.value = value.unwrap_or_default();
                Ok(null)
            }
            CollectionField::NextLink => super::read_field(map, &mut self.next_link, "@odata.nextLink"),
            CollectionField::DeltaLink => super::read_field(map, &mut self.delta_link, "@odata.deltaLink"),
            CollectionField::Count => super::read_field(map, &mut self.count, "@odata.count"),
            CollectionField::Context => super::read_field(map, &mut self.context, "@odata.context"),
        }
    }

    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
        &mut self.additional_properties
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Collection<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::deserialize_object(deserializer)
    }
}

impl<T: Serialize> Serialize for Collection<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = super::begin_object(serializer, &self.additional_properties, CollectionField::of)?;
        object.field("@odata.context", &self.context);
        object.field("@odata.count", &self.count);
        object.entry("value", &self.value);
        object.field("@odata.nextLink", &self.next_link);
        object.field("@odata.deltaLink", &self.delta_link);
        object.end()
    }
}
