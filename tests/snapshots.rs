//! insta snapshots of the code generated for the seed page alone and for all of docs-input.

use docgen_tests::docs_input;

#[test]
fn seed_page_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let api = tmp.path().join("seed/api");
    std::fs::create_dir_all(&api).unwrap();
    std::fs::copy(docs_input().join("api/sideloadingkey-create.md"), api.join("sideloadingkey-create.md")).unwrap();
    let generation = docgen::Config::new().crate_name("seed-bindings").generate(tmp.path().join("seed")).unwrap();
    // Alone, the seed defines no resource type: its body table is the only source, and the
    // snapshot shows what docgen makes of that.
    for (path, text) in &generation.files {
        let name = format!("seed_alone__{}", path.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn docs_input_models_and_requests() {
    let generation = docgen::Config::new().crate_name("docgen-bindings").source_label("docs-input").generate(docs_input()).unwrap();
    for path in ["src/models/intune.rs", "src/requests/intune.rs"] {
        let name = format!("docs_input__{}", path.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, generation.files[path]);
    }
}
