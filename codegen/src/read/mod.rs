//! Reading: a folder of YAML files becomes the typed [`model`].
//!
//! [`load`] parses each file once; a file the model rejects is parsed again
//! into a [`node`] tree so that [`shape`] can point at the offending key
//! against the language's own schema ([`meta_schema`]).

pub mod load;
pub mod meta_schema;
pub mod model;
pub mod node;
pub mod shape;

pub use load::{SourceMap, load_dir};
