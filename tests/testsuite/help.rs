//! `--help` of the program and of every subcommand, whole, as the user reads it.

use crate::support::snap::cli_output;
use crate::support::*;

/// Every command line that has its own help.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["build"],
    &["check"],
    &["edition"],
    &["edition", "cut"],
    &["edition", "list"],
    &["edition", "diff"],
    &["edition", "at"],
    &["init"],
    &["import"],
    &["host"],
    &["new"],
    &["serve"],
    &["search"],
    &["searches"],
];

#[test]
fn every_command_has_its_help() {
    let dir = tempfile::tempdir().unwrap();
    for command in COMMANDS {
        let mut args = command.to_vec();
        args.push("--help");
        let o = run_in(dir.path(), &args);
        let name = format!(
            "help_{}",
            ["guidebook"]
                .iter()
                .chain(*command)
                .copied()
                .collect::<Vec<_>>()
                .join("_")
        );
        insta::assert_snapshot!(name, cli_output(&o, &[]));
    }
}

#[test]
fn a_missing_or_misspelt_command_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    insta::assert_snapshot!("no_command", cli_output(&run_in(dir.path(), &[]), &[]));
    insta::assert_snapshot!(
        "misspelt_command",
        cli_output(&run_in(dir.path(), &["buld"]), &[])
    );
}
