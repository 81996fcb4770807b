//! Names no page documents: property, base and body types that resolve to nothing are reported and
//! kept as raw JSON (`Untyped`), and "Inherited from" notes that name no base type having the
//! property are dropped, so that what is written is accepted by lowering.

use super::Assembler;
use crate::schema::Primitive;

impl Assembler {
    /// Type names no page documents: reported, and read as raw JSON so that nothing is lost.
    pub(super) fn unknown_types(&mut self) {
        let names: Vec<String> = self.types.keys().cloned().collect();
        for qualified in &names {
            self.unknown_property_and_base_types(qualified);
            self.unknown_body_types(qualified);
        }
        self.drop_wrong_inherited_notes();
    }

    /// Properties of `qualified` whose type no page documents become `Untyped`; a base type no
    /// page documents is dropped.
    fn unknown_property_and_base_types(&mut self, qualified: &str) {
        let described = &self.types[qualified];
        let namespace = described.ty.namespace.clone();
        let file = described.file.clone();
        let mut unknown = Vec::new();
        for (i, property) in described.ty.properties.iter().enumerate() {
            if Primitive::from_name(&property.r#type).is_none() && self.lookup(&namespace, &property.r#type).is_none() {
                unknown.push((i, property.name.clone(), property.r#type.clone()));
            }
        }
        if let Some(base) = &described.ty.base_type
            && self.lookup(&namespace, base).is_none()
        {
            let message =
                format!("no page documents `{base}`, the base type of `{qualified}`; its properties are not inherited");
            self.warn(&file, 1, message);
            self.types.get_mut(qualified).expect("exists").ty.base_type = None;
        }
        for (i, property, ty) in unknown {
            let line = self.types[qualified].line(&property);
            self.warn(
                &file,
                line,
                format!(
                    "no page documents the type `{ty}` of `{qualified}.{property}`; its values are kept as raw JSON"
                ),
            );
            self.types.get_mut(qualified).expect("exists").ty.properties[i].r#type = "Untyped".into();
        }
    }

    /// Request and response body types of `qualified`'s operations that no page documents
    /// become `Untyped`.
    fn unknown_body_types(&mut self, qualified: &str) {
        let described = &self.types[qualified];
        let namespace = described.ty.namespace.clone();
        let file = described.file.clone();
        let ops: Vec<(usize, bool, String)> = described
            .ty
            .operations
            .iter()
            .enumerate()
            .flat_map(|(i, op)| {
                [(i, true, op.request_body.as_ref()), (i, false, op.response.as_ref())]
                    .into_iter()
                    .filter_map(|(i, request, body)| body.and_then(|b| b.r#type.clone()).map(|t| (i, request, t)))
            })
            .collect();
        for (i, request, ty) in ops {
            if Primitive::from_name(&ty).is_none() && self.lookup(&namespace, &ty).is_none() {
                self.warn(
                    &file,
                    1,
                    format!("no page documents `{ty}`, a body type of `{qualified}`; it is kept as raw JSON"),
                );
                let op = &mut self.types.get_mut(qualified).expect("exists").ty.operations[i];
                let body = if request { op.request_body.as_mut() } else { op.response.as_mut() };
                if let Some(body) = body {
                    body.r#type = Some("Untyped".into());
                }
            }
        }
    }

    /// An "Inherited from" note that names no base type having the property (an undocumented
    /// type, or a type that is not a base) is dropped with a warning, so that lowering accepts
    /// the description.
    fn drop_wrong_inherited_notes(&mut self) {
        let names: Vec<String> = self.types.keys().cloned().collect();
        for qualified in names {
            let namespace = self.types[&qualified].ty.namespace.clone();
            let file = self.types[&qualified].file.clone();
            let bases = self.bases(&qualified);
            let mut fixes = Vec::new();
            for (i, property) in self.types[&qualified].ty.properties.iter().enumerate() {
                if let Some(named) = &property.inherited_from {
                    let resolved = self.lookup(&namespace, named);
                    let has_it = resolved
                        .as_ref()
                        .is_some_and(|r| bases.contains(r) && self.flattened(r).contains_key(&property.name));
                    if !has_it {
                        fixes.push((i, named.clone(), property.name.clone()));
                    }
                }
            }
            for (i, named, property) in fixes {
                let line = self.types[&qualified].line(&property);
                self.warn(&file, line, format!("`{qualified}.{property}` is documented as inherited from `{named}`, which is not a base type that has it; the note is dropped"));
                self.types.get_mut(&qualified).expect("exists").ty.properties[i].inherited_from = None;
            }
        }
    }
}
