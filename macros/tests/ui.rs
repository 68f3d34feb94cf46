//! Compile-time behaviour of the derives: programs that must build and run,
//! and mistakes that must be reported on the right token.
//!
//! Regenerate the expected errors with
//! `TRYBUILD=overwrite cargo test -p kassa-macros --test ui`, then read them.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
