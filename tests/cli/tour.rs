//! The README's tour, run as written (issue #20): every command of the
//! `sh` blocks from "## A five-minute tour" to the next `## ` heading, in
//! order, in one bash, with `privreg` on the PATH, a fresh HOME as the
//! working directory and nothing else prepared. A command whose comment
//! says it is refused must exit 5; every other must succeed. Passphrases
//! come from `PRIVREG_PASSPHRASE_FILE` and `PRIVREG_NEW_PASSPHRASE_FILE`,
//! the way the README tells scripts to give them.

use std::path::Path;
use std::process::Command;

/// The tour's commands: (README line, command with its continuation lines).
fn tour_commands(readme: &str) -> Vec<(usize, String)> {
    let start = readme
        .lines()
        .position(|l| l.starts_with("## A five-minute tour"))
        .expect("the README has its tour");
    let mut commands: Vec<(usize, String)> = Vec::new();
    let mut in_block = false;
    let mut continued = false;
    for (i, line) in readme.lines().enumerate().skip(start + 1) {
        if line.starts_with("## ") {
            break;
        }
        if line.starts_with("```") {
            in_block = line.trim() == "```sh";
            continue;
        }
        if !in_block {
            continue;
        }
        if continued {
            let last = commands.last_mut().unwrap();
            last.1.push('\n');
            last.1.push_str(line);
        } else if !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            commands.push((i + 1, line.to_string()));
        }
        continued = line.split(" #").next().unwrap().trim_end().ends_with('\\');
    }
    commands
}

/// Whether the README says this command is refused.
fn refused(command: &str) -> bool {
    command.lines().any(|l| {
        l.split_once(" #")
            .is_some_and(|(_, c)| c.contains("refused"))
    })
}

#[test]
fn the_readme_tour_runs_as_written() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let commands = tour_commands(&readme);
    assert!(commands.len() >= 20, "the tour was not found: {commands:?}");
    let home = tempfile::tempdir().unwrap();
    let pass = home.path().join(".passphrase");
    std::fs::write(&pass, "the tour's passphrase\n").unwrap();
    std::fs::set_permissions(&pass, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let mut script = String::from("set -u\n");
    for (line, command) in &commands {
        // `unlock` exits 7 where the kernel keyring is not available (a
        // container's seccomp profile may forbid it); the README says so.
        let expected = match () {
            _ if refused(command) => "5",
            _ if command.starts_with("privreg unlock") => "0|7",
            _ => "0",
        };
        script.push_str(&format!(
            "{command}\nrc=$?\ncase $rc in {expected}) ;; *) echo \"README line {line}: exit $rc, expected {expected}\" >&2; exit 1 ;; esac\n"
        ));
    }
    let bin = assert_cmd::cargo::cargo_bin("privreg");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(home.path())
        .env_clear()
        .env("PATH", path)
        .env("HOME", home.path())
        .env("PRIVREG_PASSPHRASE_FILE", &pass)
        .env("PRIVREG_NEW_PASSPHRASE_FILE", &pass)
        .env("PRIVREG_TEST_KDF", "fast")
        .env("PRIVREG_TODAY", crate::util::TODAY)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the tour failed:\n{stderr}\n--- stdout\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    // What the comments say it prints.
    let stdout = String::from_utf8_lossy(&out.stdout);
    for said in ["C-1", "BR-1", "Mäkinen", "131052-****"] {
        assert!(
            stdout.contains(said),
            "the tour printed no {said}:\n{stdout}"
        );
    }
    assert!(!stdout.contains("131052-308T"), "a hetu was shown unmasked");
    // What the tour says it makes is there.
    for file in [
        "registers.db",
        "letters.csv",
        "notice.md",
        "ombudsman.md",
        "letters.md",
    ] {
        assert!(home.path().join(file).exists(), "{file} was not made");
    }
}

/// Every command `privreg --help` lists has its place in the README's
/// "Every command" section (issue #20: README sections for every command).
#[test]
fn every_command_is_in_the_readme() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("## Every command")
        .expect("the section is there");
    let end = readme[start + 3..]
        .find("\n## ")
        .map_or(readme.len(), |i| start + 3 + i);
    let section = &readme[start..end];
    let help = assert_cmd::Command::cargo_bin("privreg")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() > 30, "{commands:?}");
    let missing: Vec<&&str> = commands
        .iter()
        .filter(|c| {
            !section.contains(&format!("privreg {c}")) && !section.contains(&format!("`{c} "))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "not in README's \"Every command\": {missing:?}"
    );
}
