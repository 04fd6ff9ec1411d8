//! Phyllome OS's own domain definitions round-trip losslessly, including the three
//! that contain `<memory>` twice.

mod common;

#[test]
fn phyllome_domains_round_trip_losslessly() {
    let dir = common::data_dir(
        "PHYLLOME_DOMAINS_DIR",
        "../shared/reference/phyllome/domains",
    );
    if !dir.is_dir() {
        common::skip_absent(&dir);
        return;
    }
    let files = common::xml_files(&dir).expect("read the Phyllome domains folder");
    assert_eq!(
        files.len(),
        6,
        "expected Phyllome's 6 domains in {}",
        dir.display()
    );
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read a Phyllome domain");
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match common::round_trip(&text) {
            Ok(_) => println!("{name}: lossless"),
            Err(common::RoundTripFailure::Mismatch(diffs)) => {
                failures.extend(diffs.iter().map(|d| format!("{name}: {d}")));
            }
            Err(other) => failures.push(format!("{name}: {other}")),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
