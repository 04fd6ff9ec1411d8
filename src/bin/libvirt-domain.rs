//! `libvirt-domain`: create, format, check and summarize libvirt domain XML.
//!
//! One function per subcommand; each returns the process's exit code and prints its
//! own diagnostics as `FILE: error`.

use std::collections::HashSet;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bytesize::ByteSize;
use clap::{Args, Parser, Subcommand};
use libvirt_domain::builder::NetworkSource;
use libvirt_domain::devices::{DiskBus, StorageFormat};
use libvirt_domain::presets::{Mode, Preset};
use libvirt_domain::units::Unit;
use libvirt_domain::xml::{Element, Unmodelled};
use libvirt_domain::{Capabilities, Domain, DomainCapabilities, LibvirtVersion};
use libvirt_domain::{DomainBackup, DomainCheckpoint, DomainSnapshot, Error};

#[path = "libvirt-domain/jobs.rs"]
mod jobs;

/// Read, check and rewrite libvirt domain XML without losing anything.
#[derive(Parser)]
#[command(name = "libvirt-domain", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print a new domain built from Phyllome OS's defaults.
    ///
    /// Without options: KVM, q35, UEFI, 4 GiB max / 1 GiB current memory with a
    /// virtio balloon, memfd shared memory, one vCPU and a virtio keyboard.
    /// Invalid combinations print every problem and exit with status 2.
    #[command(after_help = "\
Examples:
  libvirt-domain new --name phyllome
  libvirt-domain new --name desktop --preset linux --memory 8GiB --vcpus 4 \\
      --disk /var/lib/libvirt/images/desktop.qcow2 --cdrom fedora.iso --share /srv/share:share
  libvirt-domain new --name win11 --preset windows --session --network user --uuid
  libvirt-domain new --name debian12-guest --preset linux --libvirt 9.0")]
    New(NewArgs),
    /// Print a short summary: name, type, firmware, machine, vCPUs, memory, disks,
    /// NICs, graphics and how much the model does not know.
    #[command(after_help = "\
Examples:
  libvirt-domain show guest.xml
  virsh dumpxml guest | libvirt-domain show -
  libvirt-domain show --json guest.xml
  virsh snapshot-dumpxml guest snap1 | libvirt-domain show -

A <domainsnapshot> document is summarised too (name, state, memory, each disk);
with --json it is printed as the crate's plain JSON. So are <domaincheckpoint>
(name, parent, each disk) and <domainbackup> documents (mode, NBD server, each
disk and where its data goes).")]
    Show(ShowArgs),
    /// Parse domain XML (or the crate's plain JSON) and write it back in libvirt's
    /// layout, or as JSON.
    ///
    /// Two-space indentation and single-quoted attributes, as libvirt writes; content
    /// the model does not know is kept. Reads standard input when no FILE is given.
    /// Input whose first non-space character is `{` is read as JSON (docs/json.md).
    #[command(after_help = "\
Examples:
  libvirt-domain fmt guest.xml
  virsh dumpxml guest | libvirt-domain fmt > guest.xml
  libvirt-domain fmt --out-dir formatted/ /etc/libvirt/qemu/*.xml
  libvirt-domain fmt --output json guest.xml > guest.json
  libvirt-domain fmt guest.json > guest.xml")]
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
on standard output as FILE:LINE:COL: unmodelled PATH, and the exit status is 1.

With --domcaps, each domain is also checked against the host's capabilities (the
output of `virsh domcapabilities`); every problem is listed on standard output as
FILE: PATH: message, and the exit status is 1. --caps does the same against the
host's `virsh capabilities` (guest architectures, machine types, NUMA nodes,
security drivers).

With --libvirt X.Y, everything in a domain that needs a newer libvirt is listed on
standard output as FILE: PATH: needs libvirt X.Y (section), and the exit status is 1:
  libvirt-domain check --libvirt 9.0 guest.xml

<domainCapabilities> and <capabilities> documents are read too, by their root
element, and so are <domainsnapshot> documents (checked as libvirt checks a
snapshot, against the domain they embed):
  libvirt-domain check --domcaps host-domcaps.xml guest.xml
  libvirt-domain check --strict domcaps.xml caps.xml
  libvirt-domain check snapshot.xml

<domaincheckpoint> and <domainbackup> documents are checked as libvirt checks them
on their own (its schema and parser):
  libvirt-domain check --strict checkpoint.xml backup.xml")]
    Check(CheckArgs),
    /// Show what changed between two domains, or whether libvirt applied one.
    ///
    /// Compares values as libvirt reads them (4 GiB is 4194304 KiB, 0x1f is 31) and
    /// matches devices by identity (disks by target, NICs by MAC address, controllers
    /// by type and index). Prints one change per line: + added, - removed,
    /// ~ changed. Exit status: 0 when equal (applied), 1 when they differ (drifted),
    /// 2 on error.
    #[command(after_help = "\
Examples:
  libvirt-domain diff old.xml new.xml
  libvirt-domain diff --json old.xml new.xml
  virsh dumpxml guest | libvirt-domain diff --applied guest.xml -

With --applied, DESIRED is a definition and LIVE what libvirt gives back (virsh
dumpxml): LIVE may add defaults, addresses and devices, and may write values in
libvirt's own form (q35 as pc-q35-X.Y, sizes in KiB); every other difference from
what DESIRED sets is printed as drift.")]
    Diff(DiffArgs),
}

#[derive(Args)]
struct NewArgs {
    /// The domain's name.
    #[arg(long, default_value = "phyllome")]
    name: String,
    /// Start from one of Phyllome's definitions: linux (kernel 5.15+) or windows.
    #[arg(long, value_name = "PRESET")]
    preset: Option<Preset>,
    /// Rootless libvirt (qemu:///session): user networking with passt.
    #[arg(long, conflicts_with = "system")]
    session: bool,
    /// System libvirt (qemu:///system), the default.
    #[arg(long)]
    system: bool,
    /// Maximum memory, e.g. 4GiB, 8192MiB (libvirt's units); a number without a
    /// unit means MiB, as in virt-install (--memory 8192 is 8 GiB).
    #[arg(long, value_name = "SIZE", value_parser = parse_memory)]
    memory: Option<ByteSize>,
    /// Memory at boot, at most --memory, e.g. 1GiB; a number without a unit means
    /// MiB.
    #[arg(long, value_name = "SIZE", value_parser = parse_memory)]
    current_memory: Option<ByteSize>,
    /// Number of virtual CPUs.
    #[arg(long, value_name = "N")]
    vcpus: Option<u32>,
    /// A disk image, as PATH[,bus=BUS][,format=FMT] (bus: virtio, sata, scsi, usb,
    /// ide; format guessed from the extension when not given); repeat for more.
    /// A relative path is made absolute.
    #[arg(long, value_name = "PATH[,bus=BUS][,format=FMT]", value_parser = parse_disk)]
    disk: Vec<DiskArg>,
    /// An ISO image as a CD-ROM; repeat for more (an installer and a driver ISO,
    /// say). A relative path is made absolute.
    #[arg(long, value_name = "ISO")]
    cdrom: Vec<PathBuf>,
    /// default, network:NAME, bridge:BR or user.
    #[arg(long, value_name = "SOURCE")]
    network: Option<NetworkSource>,
    /// Share a host folder with virtiofs, as HOST_DIR:TAG; repeat for more.
    #[arg(long, value_name = "HOST_DIR:TAG")]
    share: Vec<String>,
    /// An argument for QEMU's command line (qemu:commandline); repeat for more.
    #[arg(long = "qemu-arg", value_name = "ARG", allow_hyphen_values = true)]
    qemu_arg: Vec<String>,
    /// Give the domain a new random UUID.
    #[arg(long)]
    uuid: bool,
    /// Build for this libvirt release (`9.0`): replace what it lacks where it has an
    /// equivalent, and fail naming the rest.
    #[arg(long, value_name = "VERSION")]
    libvirt: Option<LibvirtVersion>,
}

#[derive(Args)]
struct ShowArgs {
    /// Domain XML files, or - for standard input.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct FmtArgs {
    /// Domain XML or JSON files; standard input when none is given.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// What to write: libvirt XML, or plain JSON (docs/json.md). With --out-dir, a
    /// `.xml` or `.json` file name takes the output's extension.
    #[arg(long, value_enum, default_value_t = FmtOutput::Xml)]
    output: FmtOutput,
    /// Write each result to DIR under its input's file name instead of to standard
    /// output; keeps going past files that fail.
    #[arg(long, value_name = "DIR", requires = "files")]
    out_dir: Option<PathBuf>,
}

/// `fmt --output`: the format written.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FmtOutput {
    /// libvirt domain XML.
    Xml,
    /// Plain JSON.
    Json,
}

#[derive(Args)]
struct DiffArgs {
    /// The old domain (with --applied: the definition), or - for standard input.
    #[arg(value_name = "A")]
    old: PathBuf,
    /// The new domain (with --applied: libvirt's live XML), or - for standard input.
    #[arg(value_name = "B")]
    new: PathBuf,
    /// Check that B holds everything A sets, as libvirt normalises it.
    #[arg(long)]
    applied: bool,
    /// Print the changes as JSON: {"changes": [{"path", "kind", "old", "new"}]}.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// Domain XML files (or `<domainCapabilities>`, `<capabilities>`,
    /// `<domainsnapshot>`, `<domaincheckpoint>`, `<domainbackup>` documents).
    #[arg(value_name = "FILE", required_unless_present = "caps")]
    files: Vec<PathBuf>,
    /// Also fail on content the model does not know, listing each item.
    #[arg(long)]
    strict: bool,
    /// Check each domain against this `<domainCapabilities>` (virsh domcapabilities).
    #[arg(long, value_name = "FILE")]
    domcaps: Option<PathBuf>,
    /// Check each domain against the host's `<capabilities>` (virsh capabilities).
    #[arg(long, value_name = "FILE")]
    caps: Option<PathBuf>,
    /// Only parse: skip the checks libvirt applies when it defines a domain.
    #[arg(long)]
    no_validate: bool,
    /// Also print warnings: what libvirt accepts but is almost certainly a mistake
    /// (they do not fail the check).
    #[arg(long, conflicts_with = "no_validate")]
    warnings: bool,
    /// Check each domain against this libvirt release (`9.0`, `9.0.0`): list what
    /// needs a newer one.
    #[arg(long, value_name = "VERSION")]
    libvirt: Option<LibvirtVersion>,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::New(args) => new(args),
        Command::Show(args) => show(&args),
        Command::Fmt(args) => fmt(&args),
        Command::Check(args) => check(&args),
        Command::Diff(args) => diff(&args),
    }
}

/// Parse a size the way libvirt reads one: a number and an optional unit
/// (case-insensitive; none means KiB).
fn parse_size(text: &str) -> Result<ByteSize, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("expected a size like 4GiB, found {text:?}"))?;
    let unit = match unit.trim() {
        "" => Unit::KIB,
        u => u.parse::<Unit>().map_err(|e| e.to_string())?,
    };
    unit.to_bytes(number)
        .map(ByteSize::b)
        .map_err(|e| e.to_string())
}

/// `--memory`: a size with a unit as libvirt reads it, or a plain number of MiB
/// (virt-install's convention).
fn parse_memory(text: &str) -> Result<ByteSize, String> {
    let text = text.trim();
    match text.parse::<u64>() {
        Ok(mib) => mib
            .checked_mul(1024 * 1024)
            .map(ByteSize::b)
            .ok_or_else(|| format!("{text} MiB is too large")),
        Err(_) => parse_size(text),
    }
}

/// One `--disk PATH[,bus=BUS][,format=FMT]`.
#[derive(Clone, Debug)]
struct DiskArg {
    path: PathBuf,
    bus: Option<DiskBus>,
    format: Option<StorageFormat>,
}

fn parse_disk(text: &str) -> Result<DiskArg, String> {
    let mut parts = text.split(',');
    let path = parts
        .next()
        .filter(|p| !p.is_empty())
        .ok_or("expected PATH[,bus=BUS][,format=FMT]")?;
    let mut disk = DiskArg {
        path: PathBuf::from(path),
        bus: None,
        format: None,
    };
    for option in parts {
        match option.split_once('=') {
            Some(("bus", bus)) => {
                let bus = DiskBus::from(bus);
                if let DiskBus::Other(other) = &bus {
                    return Err(format!(
                        "unknown bus {other:?}; one of virtio, sata, scsi, usb, ide, fdc, sd, xen"
                    ));
                }
                disk.bus = Some(bus);
            }
            Some(("format", format)) => {
                let format = StorageFormat::from(format);
                if let StorageFormat::Other(other) = &format {
                    return Err(format!("unknown format {other:?}; e.g. qcow2, raw, vmdk"));
                }
                disk.format = Some(format);
            }
            _ => {
                return Err(format!(
                    "unknown option {option:?}; expected bus=BUS or format=FMT"
                ))
            }
        }
    }
    Ok(disk)
}

/// `path` made absolute against the current directory (libvirt does not resolve
/// relative paths against the caller's), without touching the file system.
fn absolute(path: &Path) -> Result<String, String> {
    std::path::absolute(path)
        .map(|p| p.display().to_string())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// `new`: build, validate and print a domain.
fn new(args: NewArgs) -> ExitCode {
    let mut builder = Domain::builder(args.name);
    if let Some(preset) = args.preset {
        builder = builder.preset(preset);
    }
    if args.session {
        builder = builder.mode(Mode::Session);
    }
    if let Some(memory) = args.memory {
        builder = builder.memory(memory);
    }
    if let Some(current) = args.current_memory {
        builder = builder.current_memory(current);
    }
    if let Some(n) = args.vcpus {
        builder = builder.vcpus(n);
    }
    for disk in args.disk {
        let path = match absolute(&disk.path) {
            Ok(path) => path,
            Err(e) => return report("--disk", &e),
        };
        builder = builder.disk_with(path, disk.bus, disk.format);
    }
    for iso in args.cdrom {
        match absolute(&iso) {
            Ok(path) => builder = builder.cdrom(path),
            Err(e) => return report("--cdrom", &e),
        }
    }
    if let Some(network) = args.network {
        builder = builder.network(network);
    }
    for share in &args.share {
        let Some((dir, tag)) = share.rsplit_once(':') else {
            eprintln!("--share {share:?}: expected HOST_DIR:TAG");
            return ExitCode::from(2);
        };
        builder = builder.share(dir, tag);
    }
    for arg in args.qemu_arg {
        builder = builder.qemu_arg(arg);
    }
    if args.uuid {
        builder = builder.generate_uuid();
    }
    if let Some(target) = args.libvirt {
        builder = builder.libvirt(target);
    }
    let xml = builder.build().and_then(|domain| domain.to_xml());
    match xml {
        Ok(mut xml) => {
            xml.push('\n');
            match write_stdout(&xml) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => report("new", &e),
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// `show`: a short summary of each file, for people or as JSON (one JSON value
/// per file); keeps going past files that fail, and exits 1 if any did.
fn show(args: &ShowArgs) -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    let several = args.files.len() > 1;
    for (n, file) in args.files.iter().enumerate() {
        if several && !args.json {
            let heading = format!(
                "{}==> {} <==\n",
                if n > 0 { "\n" } else { "" },
                file.display()
            );
            if let Err(e) = write_stdout(&heading) {
                return report(&file.display().to_string(), &e);
            }
        }
        if show_one(file, args.json) != ExitCode::SUCCESS {
            status = ExitCode::from(1);
        }
    }
    status
}

fn show_one(file: &Path, json: bool) -> ExitCode {
    let stdin = file.as_os_str() == "-";
    let shown = if stdin {
        "<stdin>".to_owned()
    } else {
        file.display().to_string()
    };
    let text = if stdin { read_stdin() } else { read_file(file) };
    if let Some(moment) = text.as_deref().ok().and_then(parse_moment) {
        return show_moment(&shown, moment, json);
    }
    let domain = match text.and_then(|t| parse(&t)) {
        Ok(d) => d,
        Err(e) => return report(&shown, &e),
    };
    let summary = domain.summary();
    let out = if json {
        match serde_json::to_string_pretty(&summary) {
            Ok(json) => json + "\n",
            Err(e) => return report(&shown, &e.to_string()),
        }
    } else {
        format!("{summary}\n")
    };
    match write_stdout(&out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&shown, &e),
    }
}

/// `fmt`: stdin to stdout, each file to stdout, or each file into `--out-dir`.
fn fmt(args: &FmtArgs) -> ExitCode {
    if args.files.is_empty() {
        let result = read_stdin().and_then(|text| reformat(&text, args.output));
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
        let result = read_file(file).and_then(|text| reformat(&text, args.output));
        let result = match &args.out_dir {
            None => result.and_then(|xml| write_stdout(&xml)),
            Some(dir) => {
                let name = output_name(file, args.output);
                result.and_then(|xml| write_into(dir, &name, &xml, &mut written))
            }
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

/// `check`: parse and validate each file, printing each problem as `FILE: PATH:
/// message`; with `--strict`, list unmodelled content too; with `--warnings`, print
/// warnings as `FILE: PATH: warning: message`; with `--domcaps` and `--caps`, check
/// each domain against the host.
fn check(args: &CheckArgs) -> ExitCode {
    let mut failed = false;
    let domcaps = match &args.domcaps {
        None => None,
        Some(path) => match read_file(path)
            .and_then(|t| DomainCapabilities::from_xml(&t).map_err(|e| e.to_string()))
        {
            Ok(caps) => Some(caps),
            Err(e) => return report(&path.display().to_string(), &e),
        },
    };
    // `--caps` is read first, so that the domains after it are checked against it.
    let mut host_caps: Option<Box<Capabilities>> = None;
    let files = args.caps.iter().chain(&args.files);
    for file in files {
        let shown = file.display().to_string();
        let document = match read_file(file).and_then(|text| parse_any(&text)) {
            Ok(Document::Domain(_) | Document::DomainCapabilities(_))
                if args.caps.as_ref() == Some(file) =>
            {
                report(&shown, "--caps expects a <capabilities> document");
                failed = true;
                continue;
            }
            Ok(document) => document,
            Err(e) => {
                report(&shown, &e);
                failed = true;
                continue;
            }
        };
        if args.strict {
            for item in document.unmodelled() {
                let at = item.position.unwrap_or_default();
                println!(
                    "{shown}:{}:{}: unmodelled {}",
                    at.line, at.column, item.path
                );
                failed = true;
            }
        }
        if let Document::Capabilities(caps) = &document {
            host_caps = Some(caps.clone());
        }
        if let Document::Domain(domain) = &document {
            let checks = [
                (!args.no_validate).then(|| domain.validate()),
                domcaps.as_ref().map(|c| domain.check_host(c)),
                host_caps.as_ref().map(|c| domain.check_host_caps(c)),
            ];
            for e in checks.into_iter().flatten().filter_map(Result::err) {
                for problem in e.problems() {
                    println!("{shown}: {}: {}", problem.path, problem.message);
                }
                failed = true;
            }
            if let Some(target) = args.libvirt {
                failed |= check_libvirt(&shown, domain, target);
            }
            if args.warnings {
                for problem in domain.lint() {
                    println!("{shown}: {}: warning: {}", problem.path, problem.message);
                }
            }
        }
        if let (Document::Moment(moment), false) = (&document, args.no_validate) {
            if let Err(e) = moment.validate() {
                for problem in e.problems() {
                    println!("{shown}: {}: {}", problem.path, problem.message);
                }
                failed = true;
            }
        }
    }
    exit_code(failed)
}

/// `check --libvirt`: prints `FILE: PATH: needs libvirt X.Y (section)` for everything
/// in `domain` newer than `target`; true if anything is.
fn check_libvirt(shown: &str, domain: &Domain, target: LibvirtVersion) -> bool {
    let mut newer = false;
    for requirement in domain.requirements() {
        if requirement.version > target {
            println!("{shown}: {requirement}");
            newer = true;
        }
    }
    newer
}

/// `diff`: exit 0 when equal (applied), 1 when different (drifted), 2 on error.
fn diff(args: &DiffArgs) -> ExitCode {
    const ERROR: u8 = 2;
    if args.old == Path::new("-") && args.new == Path::new("-") {
        eprintln!("diff: only one of A and B can be standard input");
        return ExitCode::from(ERROR);
    }
    let load = |path: &Path| -> Result<Domain, String> {
        let text = if path == Path::new("-") {
            read_stdin()
        } else {
            read_file(path)
        };
        text.and_then(|t| parse(&t))
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let (old, new) = match (load(&args.old), load(&args.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(ERROR);
        }
    };
    let (changes, text) = if args.applied {
        match old.applied_in(&new) {
            Ok(()) => (Vec::new(), String::new()),
            Err(drift) => {
                let text = drift.to_string();
                (drift.changes, text)
            }
        }
    } else {
        match old.diff(&new) {
            Ok(diff) => {
                let text = diff.to_string();
                (diff.changes, text)
            }
            Err(e) => {
                eprintln!("diff: {e}");
                return ExitCode::from(ERROR);
            }
        }
    };
    let output = if args.json {
        match serde_json::to_string_pretty(&serde_json::json!({ "changes": changes })) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("diff: {e}");
                return ExitCode::from(ERROR);
            }
        }
    } else {
        text
    };
    if let Err(e) = write_stdout(&output) {
        eprintln!("{e}");
        return ExitCode::from(ERROR);
    }
    if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A document the CLI reads, chosen by its root element.
enum Document {
    Domain(Box<Domain>),
    DomainCapabilities(Box<DomainCapabilities>),
    Capabilities(Box<Capabilities>),
    /// A snapshot (or another document of [`MOMENTS`]).
    Moment(Box<dyn Moment>),
}

impl Document {
    fn unmodelled(&self) -> Vec<Unmodelled> {
        match self {
            Document::Domain(d) => d.unmodelled(),
            Document::DomainCapabilities(d) => d.unmodelled(),
            Document::Capabilities(d) => d.unmodelled(),
            Document::Moment(d) => d.unmodelled(),
        }
    }

    fn to_xml(&self) -> Result<String, String> {
        match self {
            Document::Domain(d) => d.to_xml(),
            Document::DomainCapabilities(d) => d.to_xml(),
            Document::Capabilities(d) => d.to_xml(),
            Document::Moment(d) => d.to_xml(),
        }
        .map_err(|e| e.to_string())
    }

    fn to_json(&self) -> Result<String, String> {
        match self {
            Document::Domain(d) => d.to_json(),
            Document::DomainCapabilities(d) => libvirt_domain::json::to_string(d),
            Document::Capabilities(d) => libvirt_domain::json::to_string(d),
            Document::Moment(d) => d.to_json(),
        }
        .map_err(|e| e.to_string())
    }
}

/// Parse `<domain>`, `<domainCapabilities>`, `<capabilities>` or a document of
/// [`MOMENTS`] by the root element.
fn parse_any(text: &str) -> Result<Document, String> {
    let tree = Element::parse(text).map_err(|e| e.to_string())?;
    // The tree only picks the document; each document reads the text itself.
    if let Some(parse) = moment_parser(&tree) {
        return parse(text).map(Document::Moment).map_err(|e| e.to_string());
    }
    let document = match tree.name.local.as_str() {
        "domainCapabilities" => {
            DomainCapabilities::from_xml(text).map(|d| Document::DomainCapabilities(Box::new(d)))
        }
        "capabilities" => Capabilities::from_xml(text).map(|c| Document::Capabilities(Box::new(c))),
        _ => Domain::from_xml(text).map(|d| Document::Domain(Box::new(d))),
    };
    document.map_err(|e| e.to_string())
}

fn parse(text: &str) -> Result<Domain, String> {
    Domain::from_xml(text).map_err(|e| e.to_string())
}

/// Read XML or JSON (JSON when the first non-space character is `{`) and write
/// `output`, ending with a newline.
fn reformat(text: &str, output: FmtOutput) -> Result<String, String> {
    // JSON carries no root element name: JSON input is a domain.
    let document = if text.trim_start().starts_with('{') {
        Document::Domain(Box::new(
            Domain::from_json(text).map_err(|e| e.to_string())?,
        ))
    } else {
        parse_any(text)?
    };
    let mut written = match output {
        FmtOutput::Xml => document.to_xml()?,
        FmtOutput::Json => document.to_json()?,
    };
    if !written.ends_with('\n') {
        written.push('\n');
    }
    Ok(written)
}

/// The `--out-dir` file name for `input`: a `.xml` or `.json` name takes the
/// output's extension; any other name is kept.
fn output_name(input: &Path, output: FmtOutput) -> PathBuf {
    let extension = input.extension().and_then(|e| e.to_str());
    match (extension, output) {
        (Some("json"), FmtOutput::Xml) => input.with_extension("xml"),
        (Some("xml"), FmtOutput::Json) => input.with_extension("json"),
        _ => input.to_path_buf(),
    }
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

// ---------------------------------------------------------------------------------
// Documents that travel with a domain: snapshots (and, by the same table, more).

/// What `fmt`, `check` and `show` do with a document that travels with a domain.
trait Moment {
    fn unmodelled(&self) -> Vec<Unmodelled>;
    fn to_xml(&self) -> Result<String, Error>;
    fn to_json(&self) -> Result<String, Error>;
    fn validate(&self) -> Result<(), Error>;
    /// The lines `show` prints.
    fn summary(&self) -> String;
}

/// Reads one document type from its root element.
type MomentParser = fn(&str) -> Result<Box<dyn Moment>, Error>;

/// The documents read besides domains and capabilities, by root element: one line
/// per document type.
const MOMENTS: &[(&str, MomentParser)] = &[
    ("domainsnapshot", |t| {
        Ok(Box::new(DomainSnapshot::from_xml(t)?))
    }),
    ("domaincheckpoint", |t| {
        Ok(Box::new(DomainCheckpoint::from_xml(t)?))
    }),
    ("domainbackup", |t| Ok(Box::new(DomainBackup::from_xml(t)?))),
];

/// The parser for `tree`'s root element, when it is one of [`MOMENTS`].
fn moment_parser(tree: &Element) -> Option<MomentParser> {
    if tree.name.namespace.is_some() {
        return None;
    }
    MOMENTS
        .iter()
        .find(|(root, _)| *root == tree.name.local)
        .map(|(_, parse)| *parse)
}

/// `text` read as one of [`MOMENTS`]; `None` when it is not one (or not XML).
fn parse_moment(text: &str) -> Option<Result<Box<dyn Moment>, String>> {
    let tree = Element::parse(text).ok()?;
    let parse = moment_parser(&tree)?;
    Some(parse(text).map_err(|e| e.to_string()))
}

fn show_moment(shown: &str, moment: Result<Box<dyn Moment>, String>, json: bool) -> ExitCode {
    let moment = match moment {
        Ok(moment) => moment,
        Err(e) => return report(shown, &e),
    };
    let out = if json {
        moment.to_json().map_err(|e| e.to_string())
    } else {
        Ok(moment.summary())
    };
    match out.and_then(|mut text| {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        write_stdout(&text)
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(shown, &e),
    }
}

impl Moment for DomainSnapshot {
    fn unmodelled(&self) -> Vec<Unmodelled> {
        DomainSnapshot::unmodelled(self)
    }
    fn to_xml(&self) -> Result<String, Error> {
        DomainSnapshot::to_xml(self)
    }
    fn to_json(&self) -> Result<String, Error> {
        libvirt_domain::json::to_string(self)
    }
    fn validate(&self) -> Result<(), Error> {
        DomainSnapshot::validate(self)
    }
    fn summary(&self) -> String {
        let or_none = |value: Option<String>| value.unwrap_or_else(|| "-".to_owned());
        let mut lines = vec![
            format!("snapshot:  {}", or_none(self.name.clone())),
            format!(
                "state:     {}",
                or_none(self.state.as_ref().map(|s| s.to_string()))
            ),
            format!(
                "memory:    {}",
                or_none(self.memory.as_ref().map(|m| {
                    let mode = m
                        .snapshot
                        .as_ref()
                        .map_or("-".to_owned(), |s| s.to_string());
                    match &m.file {
                        Some(file) => format!("{mode} {file}"),
                        None => mode,
                    }
                }))
            ),
        ];
        if let Some(domain) = self.domain() {
            lines.push(format!("domain:    {}", or_none(domain.name.clone())));
        }
        for disk in self.disks() {
            let mode = disk
                .effective_snapshot()
                .map_or("default".to_owned(), |m| m.to_string());
            let overlay = disk
                .overlay_path()
                .map(|path| format!(" -> {path}"))
                .unwrap_or_default();
            let format = disk
                .driver
                .as_ref()
                .and_then(|d| d.kind.as_ref())
                .map(|f| format!(" ({f})"))
                .unwrap_or_default();
            lines.push(format!("disk {}: {mode}{overlay}{format}", disk.name));
        }
        lines.push(format!("unmodelled: {}", self.unmodelled().len()));
        lines.join("\n")
    }
}
