//! `libvirt-domain`: format and check libvirt domain XML from the command line.
//!
//! One function per subcommand; each returns the process's exit code and prints its
//! own diagnostics as `FILE: error`.

use std::collections::HashSet;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use libvirt_domain::Domain;

/// Read, check and rewrite libvirt domain XML without losing anything.
#[derive(Parser)]
#[command(name = "libvirt-domain", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse domain XML and write it back in libvirt's layout.
    ///
    /// Two-space indentation and single-quoted attributes, as libvirt writes; content
    /// the model does not know is kept. Reads standard input when no FILE is given.
    #[command(after_help = "\
Examples:
  libvirt-domain fmt guest.xml
  virsh dumpxml guest | libvirt-domain fmt > guest.xml
  libvirt-domain fmt --out-dir formatted/ /etc/libvirt/qemu/*.xml")]
    Fmt(FmtArgs),
    /// Parse domain XML files and report what is wrong.
    ///
    /// Errors are printed as FILE: error on standard error; the exit status is 1 if
    /// any file failed.
    #[command(after_help = "\
Examples:
  libvirt-domain check guest.xml
  libvirt-domain check --strict /etc/libvirt/qemu/*.xml

With --strict, every element, attribute or text the model does not know is listed
on standard output as FILE:LINE:COL: unmodelled PATH, and the exit status is 1.")]
    Check(CheckArgs),
}

#[derive(Args)]
struct FmtArgs {
    /// Domain XML files; standard input when none is given.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Write each result to DIR under its input's file name instead of to standard
    /// output; keeps going past files that fail.
    #[arg(long, value_name = "DIR", requires = "files")]
    out_dir: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    /// Domain XML files.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Also fail on content the model does not know, listing each item.
    #[arg(long)]
    strict: bool,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Fmt(args) => fmt(&args),
        Command::Check(args) => check(&args),
    }
}

/// `fmt`: stdin to stdout, each file to stdout, or each file into `--out-dir`.
fn fmt(args: &FmtArgs) -> ExitCode {
    if args.files.is_empty() {
        let result = read_stdin().and_then(|text| format_xml(&text));
        return match result.and_then(|xml| write_stdout(&xml)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => report("<stdin>", &e),
        };
    }
    if let Some(dir) = &args.out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            return report(&dir.display().to_string(), &e.to_string());
        }
    }
    let mut written = HashSet::new();
    let mut failed = false;
    for file in &args.files {
        let result = read_file(file).and_then(|text| format_xml(&text));
        let result = match &args.out_dir {
            None => result.and_then(|xml| write_stdout(&xml)),
            Some(dir) => result.and_then(|xml| write_into(dir, file, &xml, &mut written)),
        };
        if let Err(e) = result {
            report(&file.display().to_string(), &e);
            failed = true;
        }
    }
    exit_code(failed)
}

/// Write `xml` to `dir` under `input`'s file name, refusing a name already written.
fn write_into(
    dir: &Path,
    input: &Path,
    xml: &str,
    written: &mut HashSet<PathBuf>,
) -> Result<(), String> {
    let name = input.file_name().ok_or("not a file name")?;
    let out = dir.join(name);
    if !written.insert(out.clone()) {
        return Err(format!(
            "another input was already written to {}",
            out.display()
        ));
    }
    std::fs::write(&out, xml).map_err(|e| format!("{}: {e}", out.display()))
}

/// `check`: parse each file; with `--strict`, list unmodelled content too.
fn check(args: &CheckArgs) -> ExitCode {
    let mut failed = false;
    for file in &args.files {
        let shown = file.display().to_string();
        let domain = match read_file(file).and_then(|text| parse(&text)) {
            Ok(domain) => domain,
            Err(e) => {
                report(&shown, &e);
                failed = true;
                continue;
            }
        };
        if args.strict {
            for item in domain.unmodelled() {
                let at = item.position.unwrap_or_default();
                println!(
                    "{shown}:{}:{}: unmodelled {}",
                    at.line, at.column, item.path
                );
                failed = true;
            }
        }
    }
    exit_code(failed)
}

fn parse(text: &str) -> Result<Domain, String> {
    Domain::from_xml(text).map_err(|e| e.to_string())
}

/// Parse and write back, ending with a newline.
fn format_xml(text: &str) -> Result<String, String> {
    let mut xml = parse(text)?.to_xml().map_err(|e| e.to_string())?;
    if !xml.ends_with('\n') {
        xml.push('\n');
    }
    Ok(xml)
}

fn read_file(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| e.to_string())
}

fn read_stdin() -> Result<String, String> {
    let mut text = String::new();
    io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| e.to_string())?;
    Ok(text)
}

fn write_stdout(text: &str) -> Result<(), String> {
    io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| format!("standard output: {e}"))
}

/// Print `FILE: error` on standard error; returns the failure exit code.
fn report(file: &str, error: &str) -> ExitCode {
    eprintln!("{file}: {error}");
    ExitCode::FAILURE
}

fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
