//! Fills the fuzz targets' corpus folders (`fuzz/corpus/domain`, `fuzz/corpus/device`)
//! from the project's fixtures, Phyllome's reference domains and, when present,
//! libvirt's test corpus (`LIBVIRT_CORPUS_DIR`, default `../shared/corpus/libvirt-11.3`
//! beside the repository). The files are read at run time and copied into the
//! git-ignored corpus folders only: libvirt's documents are never committed.
//!
//! ```text
//! cargo run --manifest-path fuzz/Cargo.toml --example seed
//! ```
//!
//! Device seeds are the devices of every document that parses, each written alone.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use libvirt_domain::Domain;

fn main() -> std::io::Result<()> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = fuzz.parent().expect("fuzz/ is inside the repository");
    let corpus = std::env::var_os("LIBVIRT_CORPUS_DIR")
        .map(|dir| root.join(dir))
        .unwrap_or_else(|| root.join("../shared/corpus/libvirt-11.3"));
    let folders = [
        root.join("tests/fixtures"),
        root.join("benches/fixtures"),
        root.join("../shared/reference/phyllome/domains"),
        corpus,
    ];
    let domains = fuzz.join("corpus/domain");
    let devices = fuzz.join("corpus/device");
    std::fs::create_dir_all(&domains)?;
    std::fs::create_dir_all(&devices)?;

    let (mut domain_count, mut device_count) = (0, 0);
    for folder in &folders {
        if !folder.is_dir() {
            println!("skipped {} (absent)", folder.display());
            continue;
        }
        for path in xml_files(folder)? {
            let text = std::fs::read_to_string(&path)?;
            domain_count += write_seed(&domains, &text)?;
            let Ok(domain) = Domain::from_xml(&text) else {
                continue;
            };
            for device in domain.devices.map(|d| d.devices).unwrap_or_default() {
                if let Ok(fragment) = device.to_xml() {
                    device_count += write_seed(&devices, &fragment)?;
                }
            }
        }
    }
    println!(
        "{domain_count} new seeds in {}, {device_count} in {}",
        domains.display(),
        devices.display()
    );
    Ok(())
}

/// Writes `text` into `dir` under a name taken from its hash (as libFuzzer names
/// its corpus files, so the same seed is stored once); 1 if it was new.
fn write_seed(dir: &Path, text: &str) -> std::io::Result<usize> {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    let path = dir.join(format!("seed-{:016x}", hasher.finish()));
    if path.exists() {
        return Ok(0);
    }
    std::fs::write(path, text)?;
    Ok(1)
}

/// The `*.xml` files directly in `dir`, sorted by name.
fn xml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "xml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
