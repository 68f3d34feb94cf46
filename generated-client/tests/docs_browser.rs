//! The reference page `docs/index.html`, opened in headless Chromium as a
//! reader opens it: every vendor and every operation is in the rendered
//! page under its anchor, and the page draws into a screenshot.
//!
//! Needs Debian's `chromium` (`apt-get install chromium`), or its path in
//! `CHROMIUM`. Without one the tests pass with a loud "SKIPPED" line, so that
//! `cargo test --workspace` works on a fresh machine; where `CI` is set (as
//! `.ci/run` sets it) a missing browser fails them, unless
//! `KASSA_SKIP_BROWSER=1` says to skip.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use kassa_codegen::emit::docs::anchor;

/// How long Chromium may take for one page.
const TIMEOUT: Duration = Duration::from_secs(60);

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let debian = Path::new("/usr/bin/chromium");
    if debian.exists() {
        return Some(debian.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file())
}

fn index_url() -> String {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/index.html");
    assert!(
        page.is_file(),
        "{} is missing; run `cargo xtask regenerate`",
        page.display()
    );
    let page = page.canonicalize().expect("the page has a full path");
    format!("file://{}", page.display()).replace(' ', "%20")
}

/// A fresh scratch folder under the test target dir, one per call.
fn scratch(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("docs-browser-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// Runs headless Chromium with `args` after the common flags; returns its
/// standard output. Kills it after [`TIMEOUT`].
fn run_chromium(browser: &Path, args: &[String]) -> String {
    let profile = scratch("profile");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", browser.display()));
    // Read both pipes while it runs, so a full pipe never blocks it.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait().expect("chromium's status") {
            Some(status) => break status,
            None if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "chromium did not finish within {} s; its output:\n{}",
                    TIMEOUT.as_secs(),
                    err.join().unwrap_or_default()
                );
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    let _ = std::fs::remove_dir_all(&profile);
    assert!(status.success(), "chromium failed ({status}):\n{stderr}");
    stdout
}

/// The markup inside the element whose id is `id`, or `None`.
fn element<'a>(dom: &'a str, id: &str) -> Option<&'a str> {
    let at = dom.find(&format!(" id=\"{id}\""))?;
    let open = dom[..at].rfind('<')?;
    let tag: String = dom[open + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let body = open + dom[open..].find('>')? + 1;
    let (opening, closing) = (format!("<{tag}"), format!("</{tag}>"));
    let mut depth = 1;
    let mut i = body;
    while i < dom.len() {
        let rest = &dom[i..];
        if rest.starts_with(&closing) {
            depth -= 1;
            if depth == 0 {
                return Some(&dom[body..i]);
            }
            i += closing.len();
        } else if rest.starts_with(&opening) && rest[opening.len()..].starts_with([' ', '>']) {
            depth += 1;
            i += opening.len();
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Whether this run is a CI run, where a missing browser is a failure: the
/// `CI` variable that CI services set, unless it is empty, `0` or `false`.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !matches!(value.as_str(), "" | "0" | "false"))
}

/// The browser to test with; `None` (after a loud line) where there is none
/// and this is not CI, so `cargo test --workspace` passes on a fresh machine.
fn browser_or_skip() -> Option<PathBuf> {
    if let Some(path) = chromium() {
        return Some(path);
    }
    let skip = std::env::var("KASSA_SKIP_BROWSER").as_deref() == Ok("1");
    assert!(
        skip || !in_ci(),
        "Chromium is needed to test docs/index.html in CI: install it with \
         `apt-get install chromium` (Debian), or set CHROMIUM to its path"
    );
    // Straight to the process's stderr: the test harness would swallow an
    // `eprintln!` of a passing test.
    let _ = writeln!(
        std::io::stderr().lock(),
        "\n*** SKIPPED: docs/index.html was not rendered: no Chromium found. \
         Install it (`apt-get install chromium`, or set CHROMIUM to its path) to run this \
         test; with CI set it fails instead of skipping. ***\n"
    );
    None
}

#[test]
fn every_vendor_and_operation_is_in_the_rendered_page() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dom = run_chromium(&browser, &["--dump-dom".to_owned(), index_url()]);
    assert!(
        dom.contains("<nav id=\"kassa-nav\""),
        "the page did not render: {} bytes of DOM",
        dom.len()
    );
    let vendors = kassa_client::vendors();
    assert!(!vendors.is_empty(), "no vendor compiled in");
    let mut checked = 0;
    for (vendor, operations) in vendors {
        let title = element(&dom, &anchor::vendor(vendor.id))
            .unwrap_or_else(|| panic!("no element with id `{}`", vendor.id));
        assert!(
            title.contains(&escape(vendor.name)),
            "the heading of {} says {title}",
            vendor.id
        );
        let errors = anchor::section(vendor.id, "errors");
        assert!(
            dom.contains(&format!("href=\"#{errors}\""))
                && dom.contains(&format!("id=\"{errors}\"")),
            "{}: no error codes section reachable from the page",
            vendor.id
        );
        for entry in operations {
            let info = &entry.info;
            let id = anchor::operation(vendor.id, info.name);
            let inner = element(&dom, &id)
                .unwrap_or_else(|| panic!("{}: no element with id `{id}`", vendor.id));
            assert!(
                inner.contains(&escape(info.wire)),
                "{}: `{id}` holds {inner:?}, not the wire name `{}`",
                vendor.id,
                info.wire
            );
            assert!(
                dom.contains(&format!("href=\"#{id}\"")),
                "{}: the navigation does not link `{id}`",
                vendor.id
            );
            checked += 1;
        }
    }
    println!("{checked} operations found under their anchors");
}

#[test]
fn the_page_draws_into_a_screenshot() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let shot = scratch("screenshot").join("index.png");
    run_chromium(
        &browser,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".to_owned(),
            index_url(),
        ],
    );
    let bytes =
        std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot at {}: {e}", shot.display()));
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is not a PNG",
        shot.display()
    );
    assert!(
        bytes.len() > 20_000,
        "the screenshot is {} bytes: an empty page?",
        bytes.len()
    );
    println!("screenshot: {}", shot.display());
}

#[test]
fn the_page_needs_nothing_from_outside() {
    let page =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/index.html"))
            .expect("docs/index.html; run `cargo xtask regenerate`");
    for banned in ["<script", "src=", "<link", "<iframe", "@import", "url("] {
        assert!(
            !page.contains(banned),
            "docs/index.html contains `{banned}`"
        );
    }
    assert!(
        !page.contains("href=\"http"),
        "docs/index.html links outside"
    );
}
