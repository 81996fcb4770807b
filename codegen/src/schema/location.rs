//! What a JSON path of a description file points into, in the format's own terms: a type's
//! property, an operation's body's property, a bound operation's parameter, ….
//!
//! A [`Diagnostic`](crate::diagnostic::Diagnostic) carries its path as steps
//! ([`JsonPath`]); [`Location::of`] reads those steps against this format's shape, so that a
//! consumer (the importer, which reports each problem at the page it came from) matches on what
//! the value is instead of searching the rendered path or the message: the rendered
//! `types[0].operations[2].requestBody.properties[1]` contains `properties[1]`, but is not the
//! type's second property.

use crate::diagnostic::{JsonPath, Segment};

/// What a value of a description file is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// `service`, or a value in it.
    Service,
    /// `types[ty]`, or a value in it.
    Type {
        /// The type's index in the file's `types`.
        ty: usize,
        /// Where in the type.
        part: TypePart,
    },
    /// Neither (the document's root, or a key the format does not have).
    Elsewhere,
}

/// Where in a type's description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypePart {
    /// The type itself, or one of its values that is none of the below (`name`, `kind`,
    /// `members[2]`, …).
    Itself,
    /// `baseType`.
    BaseType,
    /// `properties[index]`, or a value in it.
    Property(usize),
    /// `operations[index]`, or a value in it.
    Operation {
        /// The operation's index in the type's `operations`.
        index: usize,
        /// Where in the operation.
        part: OperationPart,
    },
    /// `boundOperations[index]`, or a value in it.
    BoundOperation {
        /// The operation's index in the type's `boundOperations`.
        index: usize,
        /// `parameters[i]`, or a value in it.
        parameter: Option<usize>,
    },
}

/// Where in an operation's description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationPart {
    /// The operation itself, or one of its values that is not a body (`path`, `parameters[0]`, …).
    Itself,
    /// A body (`requestBody` or `response`), or a value in it.
    Body {
        /// Which body.
        body: OperationBody,
        /// `properties[i]` of an inline body, or a value in it.
        property: Option<usize>,
    },
}

/// The two bodies of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationBody {
    /// `requestBody`.
    Request,
    /// `response`.
    Response,
}

impl OperationBody {
    /// The key of the body in an operation's description.
    pub fn key(self) -> &'static str {
        match self {
            Self::Request => "requestBody",
            Self::Response => "response",
        }
    }
}

/// One step of a path, borrowed so that keys match string patterns.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

impl Location {
    /// What the value at `path` in a description file is part of. Steps below the most specific
    /// part this type names (`.type` of a property, `.name` of a parameter) are not kept.
    pub fn of(path: &JsonPath) -> Self {
        let steps: Vec<Step<'_>> = path
            .segments()
            .iter()
            .map(|segment| match segment {
                Segment::Key(key) => Step::Key(key),
                Segment::Index(index) => Step::Index(*index),
            })
            .collect();
        match steps.as_slice() {
            [Step::Key("service"), ..] => Self::Service,
            [Step::Key("types"), Step::Index(ty), rest @ ..] => Self::Type { ty: *ty, part: TypePart::of(rest) },
            _ => Self::Elsewhere,
        }
    }

    /// The JSON path of the most specific value this location names: the inverse of
    /// [`Location::of`] for a path that ends there.
    pub fn path(&self) -> JsonPath {
        match self {
            Self::Service => JsonPath::root().key("service"),
            Self::Type { ty, part } => part.path(JsonPath::root().key("types").index(*ty)),
            Self::Elsewhere => JsonPath::root(),
        }
    }
}

impl TypePart {
    fn of(steps: &[Step<'_>]) -> Self {
        match steps {
            [Step::Key("baseType"), ..] => Self::BaseType,
            [Step::Key("properties"), Step::Index(index), ..] => Self::Property(*index),
            [Step::Key("operations"), Step::Index(index), rest @ ..] => {
                Self::Operation { index: *index, part: OperationPart::of(rest) }
            }
            [Step::Key("boundOperations"), Step::Index(index), rest @ ..] => {
                let parameter = match rest {
                    [Step::Key("parameters"), Step::Index(parameter), ..] => Some(*parameter),
                    _ => None,
                };
                Self::BoundOperation { index: *index, parameter }
            }
            _ => Self::Itself,
        }
    }

    fn path(&self, ty: JsonPath) -> JsonPath {
        match self {
            Self::Itself => ty,
            Self::BaseType => ty.key("baseType"),
            Self::Property(index) => ty.key("properties").index(*index),
            Self::Operation { index, part } => part.path(ty.key("operations").index(*index)),
            Self::BoundOperation { index, parameter } => {
                let operation = ty.key("boundOperations").index(*index);
                match parameter {
                    Some(parameter) => operation.key("parameters").index(*parameter),
                    None => operation,
                }
            }
        }
    }
}

impl OperationPart {
    fn of(steps: &[Step<'_>]) -> Self {
        let (body, rest) = match steps {
            [Step::Key("requestBody"), rest @ ..] => (OperationBody::Request, rest),
            [Step::Key("response"), rest @ ..] => (OperationBody::Response, rest),
            _ => return Self::Itself,
        };
        let property = match rest {
            [Step::Key("properties"), Step::Index(property), ..] => Some(*property),
            _ => None,
        };
        Self::Body { body, property }
    }

    fn path(&self, operation: JsonPath) -> JsonPath {
        match self {
            Self::Itself => operation,
            Self::Body { body, property } => {
                let body = operation.key(body.key());
                match property {
                    Some(property) => body.key("properties").index(*property),
                    None => body,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> JsonPath {
        let mut path = JsonPath::root();
        for part in text.split('.') {
            let (key, indices) = part.split_once('[').map_or((part, ""), |(key, rest)| (key, rest));
            path = path.key(key);
            for index in indices.split('[').filter(|i| !i.is_empty()) {
                path = path.index(index.trim_end_matches(']').parse().unwrap());
            }
        }
        path
    }

    #[test]
    fn an_inline_body_property_is_not_the_type_property() {
        let location = Location::of(&path("types[0].operations[2].requestBody.properties[1].name"));
        let body = OperationPart::Body { body: OperationBody::Request, property: Some(1) };
        assert_eq!(location, Location::Type { ty: 0, part: TypePart::Operation { index: 2, part: body } });
        assert_eq!(
            Location::of(&path("types[0].properties[1].type")),
            Location::Type { ty: 0, part: TypePart::Property(1) }
        );
    }

    #[test]
    fn bound_operations_are_not_operations() {
        assert_eq!(
            Location::of(&path("types[3].boundOperations[1].parameters[4].type")),
            Location::Type { ty: 3, part: TypePart::BoundOperation { index: 1, parameter: Some(4) } }
        );
    }

    #[test]
    fn other_values_are_their_type_or_elsewhere() {
        let itself = |ty| Location::Type { ty, part: TypePart::Itself };
        assert_eq!(Location::of(&path("types[1].name")), itself(1));
        assert_eq!(Location::of(&path("types[1].members[0].name")), itself(1));
        assert_eq!(Location::of(&path("types[1].baseType")), Location::Type { ty: 1, part: TypePart::BaseType });
        assert_eq!(Location::of(&path("service.apiVersion")), Location::Service);
        assert_eq!(Location::of(&JsonPath::root()), Location::Elsewhere);
        assert_eq!(Location::of(&path("types")), Location::Elsewhere);
        // A key that merely looks like a step is not one.
        assert_eq!(Location::of(&path("types[0].x.properties[1]")), itself(0));
    }

    #[test]
    fn paths_round_trip_and_render_as_before() {
        let operation = |part| Location::Type { ty: 0, part: TypePart::Operation { index: 2, part } };
        let cases = [
            (Location::Service, "service"),
            (Location::Type { ty: 4, part: TypePart::Itself }, "types[4]"),
            (Location::Type { ty: 4, part: TypePart::BaseType }, "types[4].baseType"),
            (Location::Type { ty: 4, part: TypePart::Property(7) }, "types[4].properties[7]"),
            (operation(OperationPart::Itself), "types[0].operations[2]"),
            (
                operation(OperationPart::Body { body: OperationBody::Response, property: None }),
                "types[0].operations[2].response",
            ),
            (
                operation(OperationPart::Body { body: OperationBody::Request, property: Some(1) }),
                "types[0].operations[2].requestBody.properties[1]",
            ),
            (
                Location::Type { ty: 0, part: TypePart::BoundOperation { index: 1, parameter: Some(0) } },
                "types[0].boundOperations[1].parameters[0]",
            ),
        ];
        for (location, rendered) in cases {
            assert_eq!(location.path().to_string(), rendered);
            assert_eq!(location.path(), path(rendered));
            assert_eq!(Location::of(&location.path()), location);
        }
    }
}
