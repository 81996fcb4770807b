//! Generates the crate's code from `../schema` at build time. Cargo runs this again only when a
//! description file changes (or msgraph-codegen itself does).

fn main() {
    let config = msgraph_codegen::Config::new("../schema").crate_name("msgraph-beta");
    if let Err(error) = config.compile_for_build_script("msgraph.rs") {
        // The error names the file, position and JSON path; cargo shows it when the build fails.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
