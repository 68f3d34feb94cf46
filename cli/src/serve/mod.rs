//! `kassa serve SPEC`: the vendor's simulator, from its spec folder alone.
//!
//! The spec's IR becomes the runtime's tables (the same ones generated code
//! declares), the simulator answers from the spec's examples and keeps the
//! lifecycles, counters, documents and logins the spec declares, and faults
//! are injected from a seed. Anyone can run it: a client in any language
//! talks to it over HTTP.

mod sample;
mod tables;

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use kassa::mock::{Canned, Fault, FaultPlan, MockServer};
use kassa_codegen::ir::{Outcome, Spec};

/// What `kassa serve` was asked for.
pub struct Options {
    pub host: IpAddr,
    pub port: u16,
    /// Share of requests that fail (0 to 1).
    pub faults: f64,
    /// The kinds to draw from; empty: all.
    pub kinds: Vec<Fault>,
    pub seed: u64,
    /// How long a delayed answer is held.
    pub delay: Duration,
}

/// Loads the spec, starts the simulator, prints where it listens and
/// serves until interrupted.
pub fn run(dir: &Path, options: &Options) -> ExitCode {
    let spec = match crate::load_checked(dir) {
        Ok(spec) => spec,
        Err(code) => return code,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(serve(&spec, options))
}

async fn serve(spec: &Spec, options: &Options) -> ExitCode {
    let server = match start(spec, SocketAddr::new(options.host, options.port)).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "error: cannot listen on {}:{}: {e}",
                options.host, options.port
            );
            return ExitCode::from(2);
        }
    };
    if options.faults > 0.0 {
        let kinds = if options.kinds.is_empty() {
            Fault::ALL.to_vec()
        } else {
            options.kinds.clone()
        };
        server.inject(FaultPlan {
            rate: options.faults,
            kinds,
            delay: options.delay,
            seed: options.seed,
        });
    }
    server.record_requests(false);
    say(&format!(
        "kassa serve: {} ({}) on {}",
        spec.name,
        spec.id,
        server.url()
    ));
    say(&format!(
        "  what it holds: {0}/_kassa/documents, {0}/_kassa/state; its clock: POST {0}/_kassa/advance?seconds=N",
        server.url()
    ));
    if options.faults > 0.0 {
        say(&format!(
            "  faults: {:.0} % of requests, seed {}",
            options.faults * 100.0,
            options.seed
        ));
    }
    if tokio::signal::ctrl_c().await.is_err() {
        // No signal handling here: serve until the process is killed.
        std::future::pending::<()>().await;
    }
    let faults: Vec<String> = server
        .injected()
        .into_iter()
        .map(|(f, n)| format!("{f} {n}"))
        .collect();
    say(&format!(
        "kassa serve: stopped; {} documents{}",
        server.documents().len(),
        if faults.is_empty() {
            String::new()
        } else {
            format!("; faults {}", faults.join(", "))
        }
    ));
    ExitCode::SUCCESS
}

/// A line on standard output; a reader that went away does not stop the
/// simulator.
fn say(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

/// The simulator of `spec` on `addr`, answering from the spec's examples.
pub async fn start(spec: &Spec, addr: SocketAddr) -> std::io::Result<MockServer> {
    let vendor = tables::vendor(spec);
    let ops = tables::operations(spec);
    let samples = spec
        .operations
        .iter()
        .map(|op| sample::response(spec, &op.response))
        .collect();
    let server = MockServer::start_at(addr, vendor, ops, Some(samples)).await?;
    // Successful examples first: the first one an operation has answers
    // every call that matches none exactly.
    for success in [true, false] {
        for op in &spec.operations {
            for ex in &op.examples {
                let ok = matches!(ex.outcome, Outcome::Success | Outcome::NotModified);
                if ok != success {
                    continue;
                }
                if let Some(body) = &ex.response {
                    let canned = Canned {
                        status: ex.http_status.unwrap_or(200),
                        body: body.clone(),
                        headers: ex.response_headers.clone(),
                    };
                    server.example(&op.wire, ex.request.clone(), canned);
                }
            }
        }
    }
    Ok(server)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use kassa::{OperationEntry, Vendor};
    use kassa_client::{caspos, heado, icash, kassa24, smpos};

    fn spec(id: &str) -> kassa_codegen::ir::Spec {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../spec")
            .join(id);
        let (spec, diagnostics, _) = kassa_codegen::check::check_dir(&dir);
        assert!(diagnostics.is_empty(), "{id}: {diagnostics:?}");
        spec.unwrap()
    }

    /// The tables `kassa serve` builds from a spec are the ones the
    /// generated code declares: the simulator behind `kassa serve` and the
    /// one the tests start are the same.
    #[test]
    fn tables_from_the_ir_equal_the_generated_statics() {
        let generated: [(&str, &Vendor, &[OperationEntry]); 5] = [
            ("caspos", &caspos::VENDOR, caspos::OPERATIONS),
            ("heado", &heado::VENDOR, heado::OPERATIONS),
            ("icash", &icash::VENDOR, icash::OPERATIONS),
            ("kassa24", &kassa24::VENDOR, kassa24::OPERATIONS),
            ("smpos", &smpos::VENDOR, smpos::OPERATIONS),
        ];
        for (id, vendor, ops) in generated {
            let spec = spec(id);
            assert_eq!(
                format!("{:#?}", super::tables::vendor(&spec)),
                format!("{vendor:#?}"),
                "{id}: vendor table"
            );
            let built: Vec<String> = super::tables::operations(&spec)
                .iter()
                .map(|e| format!("{:#?}", e.info))
                .collect();
            let mut want: Vec<String> = ops.iter().map(|e| format!("{:#?}", e.info)).collect();
            let mut got = built;
            got.sort();
            want.sort();
            assert_eq!(got, want, "{id}: operation infos");
        }
    }

    /// Samples built from the IR decode with the generated response types.
    #[test]
    fn samples_from_the_ir_decode_with_the_generated_types() {
        let generated: [(&str, &[OperationEntry]); 5] = [
            ("caspos", caspos::OPERATIONS),
            ("heado", heado::OPERATIONS),
            ("icash", icash::OPERATIONS),
            ("kassa24", kassa24::OPERATIONS),
            ("smpos", smpos::OPERATIONS),
        ];
        let mut checked = 0;
        for (id, ops) in generated {
            let spec = spec(id);
            for op in &spec.operations {
                let entry = OperationEntry::find(ops, &op.wire).unwrap();
                let sample = super::sample::response(&spec, &op.response);
                if let Err(e) = (entry.response)(sample.clone()) {
                    panic!("{id} {}: {sample} does not decode: {e}", op.wire);
                }
                checked += 1;
            }
        }
        assert!(checked > 60, "{checked}");
    }
}
