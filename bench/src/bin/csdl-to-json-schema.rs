//! `csdl-to-json-schema <in.csdl> <out.json>`: converts OData CSDL metadata into one JSON Schema
//! (draft-07, one definition per type), the input `bench/compare-typify.sh` gives typify. The
//! conversion's choices are documented in `msgraph_bench::csdl_json_schema`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: csdl-to-json-schema <in.csdl> <out.json>");
        return ExitCode::from(2);
    };
    let xml = match std::fs::read_to_string(input) {
        Ok(xml) => xml,
        Err(error) => {
            eprintln!("error: cannot read {input}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let converted = match msgraph_bench::csdl_json_schema::convert(&xml) {
        Ok(converted) => converted,
        Err(error) => {
            eprintln!("error: {input}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut text = serde_json::to_string_pretty(&converted.schema).expect("a JSON value always serializes");
    text.push('\n');
    if let Err(error) = std::fs::write(output, text) {
        eprintln!("error: cannot write {output}: {error}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "wrote {output}: {} definitions ({} entity, {} complex, {} enum types)",
        converted.entity_types + converted.complex_types + converted.enum_types,
        converted.entity_types,
        converted.complex_types,
        converted.enum_types
    );
    ExitCode::SUCCESS
}
