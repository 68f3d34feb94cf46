//! What the generated docs say of items: an erratum about an enumeration or
//! one of its values stands with it in every output (rustdoc, the reference
//! docs and their list of errata, the JSON Schema's description), and names
//! come from the spec without doubling.

use std::path::Path;

use kassa_codegen::check::check_dir;

const SECTION: &str = "Money Back (Refound) / Notes; Enum: / Document types";

#[test]
fn an_enum_erratum_reaches_rustdoc_docs_and_schemas() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/caspos");
    let (spec, diags, _) = check_dir(&dir);
    let spec = spec.unwrap_or_else(|| panic!("{diags:#?}"));
    let e = spec.enum_def("MoneyBackType").unwrap();
    assert_eq!(e.errata.len(), 1);
    assert_eq!(e.errata[0].section, SECTION);

    let rust = kassa_codegen::emit::rust::inline_module(&spec, "spec/caspos").unwrap();
    assert!(rust.contains(&format!("Erratum ({SECTION})")));

    let docs = kassa_codegen::emit::docs::vendor_markdown(&spec);
    assert!(docs.contains(&format!("_Erratum_ ({SECTION})")));
    assert!(docs.contains("enumeration [`MoneyBackType`]"));

    let defs = kassa_codegen::emit::schema::defs(&spec);
    let description = defs["MoneyBackType"]["description"].as_str().unwrap();
    assert!(
        description.contains(&format!("Erratum ({SECTION})")),
        "{description}"
    );
}

/// Names come from the spec without doubling: "HEADO Device API" is not
/// followed by another "API".
#[test]
fn the_client_doc_does_not_double_api() {
    for (id, name) in [("heado", "HEADO Device API"), ("caspos", "Caspos API")] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../spec")
            .join(id);
        let (spec, diags, _) = check_dir(&dir);
        let spec = spec.unwrap_or_else(|| panic!("{diags:#?}"));
        let rust = kassa_codegen::emit::rust::inline_module(&spec, id).unwrap();
        assert!(rust.contains(&format!("A client of the {name}.")), "{id}");
        assert!(!rust.contains("API API"), "{id}");
    }
}
