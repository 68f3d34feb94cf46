//! Every command README.md shows in a `console` block, run as written from
//! the repository's root on the files in the repository, and its output
//! compared with the output the README shows under it. `kassa` commands run
//! here; the `decode` example's run in kassa-client's `decode_tool` test.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use support::readme::{self, Shown};

const KASSA: &str = "cargo run -q -p kassa-cli --";
const DECODE: &str = "cargo run -q -p kassa-client --example decode --";

fn kassa_args(shown: &Shown) -> Option<Vec<String>> {
    let words = shown.words.join(" ");
    let rest = words.strip_prefix(KASSA)?;
    let words: Vec<String> = rest.split_whitespace().map(str::to_owned).collect();
    Some(readme::expand(&words))
}

#[test]
fn every_console_command_is_run_by_a_test() {
    let commands = readme::commands();
    assert!(commands.len() >= 4, "{commands:?}");
    for shown in &commands {
        let words = shown.words.join(" ");
        assert!(
            words.starts_with(KASSA) || words.starts_with(DECODE),
            "README.md line {}: `$ {words}` is run by no test; run it in cli/tests/readme.rs",
            shown.line
        );
    }
}

#[test]
fn kassa_commands_print_what_the_readme_shows() {
    for shown in readme::commands() {
        let Some(args) = kassa_args(&shown) else {
            continue;
        };
        if args.first().map(String::as_str) == Some("serve") {
            continue;
        }
        let out = Command::new(env!("CARGO_BIN_EXE_kassa"))
            .args(&args)
            .current_dir(readme::root())
            .env("NO_COLOR", "1")
            .output()
            .expect("kassa runs");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if let Err(e) = readme::compare(&shown, &printed) {
            panic!("{e}");
        }
    }
}

/// `kassa serve` runs until stopped: the lines it prints on start are
/// compared, then it is stopped.
#[test]
fn kassa_serve_starts_as_the_readme_shows() {
    let mut served = 0;
    for shown in readme::commands() {
        let Some(args) = kassa_args(&shown) else {
            continue;
        };
        if args.first().map(String::as_str) != Some("serve") {
            continue;
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_kassa"))
            .args(&args)
            .current_dir(readme::root())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("kassa serve starts");
        let stdout = child.stdout.take().expect("its output");
        let wanted = shown.output.len();
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            let lines: Vec<String> = BufReader::new(stdout)
                .lines()
                .take(wanted)
                .map_while(Result::ok)
                .collect();
            let _ = send.send(lines);
        });
        let lines = receive.recv_timeout(Duration::from_secs(60));
        let _ = child.kill();
        let _ = child.wait();
        let lines = lines.expect("kassa serve printed its first lines within 60 s");
        if let Err(e) = readme::compare(&shown, &lines.join("\n")) {
            panic!("{e}");
        }
        served += 1;
    }
    assert!(served >= 1, "the README shows no `kassa serve`");
}
