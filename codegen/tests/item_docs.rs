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

/// Tally's logo upload is deprecated in 2.0 and removed in 3.0, with the
/// `shop` of a receipt lookup: every output says so, and the Rust marks the
/// operation `#[deprecated]` (the field only in its docs).
#[test]
fn what_the_vendor_retires_is_marked_in_every_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tally");
    let (spec, diags, _) = check_dir(&dir);
    let spec = spec.unwrap_or_else(|| panic!("{diags:#?}"));
    let note = "Deprecated by the vendor in revision 2.0: The logo is set in the web cabinet; \
                removed in revision 3.0: a server on it or a later one does not have it.";

    let rust = kassa_codegen::emit::rust::inline_module(&spec, "tally").unwrap();
    assert!(rust.contains("#![allow(deprecated)]"), "{rust}");
    let attr = format!("#[deprecated(\n    note = \"{note}\"\n)]");
    assert!(rust.contains(&attr), "the request type: {rust}");
    let method = format!("#[deprecated(\n        note = \"{note}\"\n    )]");
    assert!(rust.contains(&method), "the method: {rust}");
    let shop = rust.find("pub shop:").unwrap();
    let before = &rust[..shop];
    let field_doc = &before[before.rfind("pub id:").unwrap()..];
    assert!(field_doc.contains("Removed in revision 3.0"), "{field_doc}");
    assert!(!field_doc.contains("#[deprecated"), "{field_doc}");
    assert!(
        rust.contains("until = \"3.0\""),
        "the derive knows the revision"
    );

    let docs = kassa_codegen::emit::docs::vendor_markdown(&spec);
    assert!(docs.contains(&format!("<strong>{note}</strong>")), "{docs}");

    let ops = kassa_codegen::emit::schema::ops::operation_schemas(&spec, "tally");
    let upload = ops
        .iter()
        .find(|o| o.file == "upload_logo.request.schema.json")
        .unwrap();
    assert_eq!(upload.schema["deprecated"], true);
    assert!(
        upload.schema["description"]
            .as_str()
            .unwrap()
            .contains(note)
    );
    // `shop` travels in the query: the OpenAPI parameter is marked.
    let openapi = kassa_codegen::emit::export::export(
        &spec,
        kassa_codegen::emit::export::Format::OpenApi,
        "tally",
    )
    .unwrap();
    let params = openapi["paths"]["/receipts/{id}"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let shop = params.iter().find(|p| p["name"] == "shop").unwrap();
    assert_eq!(shop["deprecated"], true, "{shop}");
    assert!(shop["schema"].get("deprecated").is_none(), "{shop}");
    assert_eq!(openapi["paths"]["/logo"]["put"]["deprecated"], true);
    let sell = ops
        .iter()
        .find(|o| o.file == "sell.request.schema.json")
        .unwrap();
    assert!(sell.schema.get("deprecated").is_none());
}
