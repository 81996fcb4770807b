use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let t = Instant::now();
    let files = msgraph_codegen::load::load_dir(dir.as_ref()).unwrap();
    eprintln!("load {:?}", t.elapsed());
    let t = Instant::now();
    let options = msgraph_codegen::lower::LowerOptions {
        root_namespace: "microsoft.graph".into(),
        crate_docs: String::new(),
        namespace_features: true,
    };
    let api = msgraph_codegen::lower::lower(&files, &options).unwrap();
    eprintln!("lower {:?}", t.elapsed());
    let t = Instant::now();
    let _module = msgraph_codegen::emit::emit(&api);
    eprintln!("emit {:?}", t.elapsed());
    let generated = msgraph_codegen::Config::new(&dir).generate_from(&files).unwrap();
    let t = Instant::now();
    let out = generated.files().unwrap();
    eprintln!("format {:?} {} files", t.elapsed(), out.len());
}
