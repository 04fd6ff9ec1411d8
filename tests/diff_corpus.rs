//! Semantic diff and drift over libvirt's own test documents.
//!
//! - `applied_in(input, output)` holds for every pair of `<corpus>.pairs.tsv`
//!   (`INPUT<TAB>OUTPUT`: libvirt's QEMU driver read INPUT and wrote OUTPUT);
//! - a seeded single-value change to the output of a value the input sets makes
//!   `applied_in` fail, naming that path;
//! - `diff(d, d)` is empty for every document.
//!
//! `LIBVIRT_CORPUS_DIR` names the corpus folder (default `../shared/corpus/libvirt-11.3`);
//! `REQUIRE_CORPUS=1` makes its absence a failure.

mod common;
mod diff_common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use diff_common::{bare, write, Rng};
use libvirt_domain::xml::{Element, Node};
use libvirt_domain::Domain;

/// The corpus folder, or `None` (after saying so) when it is absent and not required.
fn corpus() -> Option<PathBuf> {
    let dir = common::data_dir("LIBVIRT_CORPUS_DIR", "../shared/corpus/libvirt-11.3");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip_absent(&dir);
        None
    }
}

/// The pairs listed beside the corpus folder.
fn pairs(dir: &Path) -> Vec<(String, String)> {
    let mut list = dir.as_os_str().to_owned();
    list.push(".pairs.tsv");
    let list = PathBuf::from(list);
    let text = match std::fs::read_to_string(&list) {
        Ok(text) => text,
        Err(e) => {
            assert!(
                !common::corpus_required(),
                "{}: {e} (REQUIRE_CORPUS=1)",
                list.display()
            );
            return Vec::new();
        }
    };
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
        .collect()
}

fn read_domain(dir: &Path, file: &str) -> Result<(String, Domain), String> {
    let text = std::fs::read_to_string(dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
    let domain = Domain::from_xml(&text).map_err(|e| format!("{file}: {e}"))?;
    Ok((text, domain))
}

#[test]
fn applied_in_holds_for_every_pair() {
    let Some(dir) = corpus() else { return };
    let pairs = pairs(&dir);
    let mut failures = Vec::new();
    let mut histogram: BTreeMap<String, usize> = BTreeMap::new();
    for (input, output) in &pairs {
        let (desired, live) = match (read_domain(&dir, input), read_domain(&dir, output)) {
            (Ok((_, d)), Ok((_, l))) => (d, l),
            (Err(e), _) | (_, Err(e)) => {
                failures.push(format!("{input}: cannot read: {e}"));
                continue;
            }
        };
        if let Err(drift) = desired.applied_in(&live) {
            for c in &drift.changes {
                *histogram.entry(bare(&c.path)).or_default() += 1;
            }
            failures.push(format!("{input} → {output}:\n{drift}"));
        }
    }
    if std::env::var_os("DIFF_HISTOGRAM").is_some() {
        let mut rows: Vec<_> = histogram.into_iter().collect();
        rows.sort_by_key(|row| std::cmp::Reverse(row.1));
        for (path, n) in rows {
            println!("{n:5} {path}");
        }
    }
    println!(
        "applied_in: {} of {} pairs hold",
        pairs.len() - failures.len(),
        pairs.len()
    );
    for f in &failures {
        println!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} pairs drift (each listed above)",
        failures.len(),
        pairs.len()
    );
}

#[test]
fn diff_of_every_document_with_itself_is_empty() {
    let Some(dir) = corpus() else { return };
    let files = common::xml_files(&dir).expect("read the corpus folder");
    let mut compared = 0;
    let mut failures = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        // Schema-invalid documents may not parse; those are the corpus test's business.
        let Ok(domain) = Domain::from_xml(&text) else {
            continue;
        };
        let again = Domain::from_xml(&text).expect("parsed once, parses twice");
        compared += 1;
        match domain.diff(&again) {
            Ok(diff) if diff.is_empty() => {}
            Ok(diff) => failures.push(format!("{}:\n{diff}", path.display())),
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
        if let Err(drift) = domain.applied_in(&again) {
            failures.push(format!("{}: applied_in itself:\n{drift}", path.display()));
        }
    }
    println!("diff(d, d): {compared} documents compared");
    assert!(
        !common::corpus_required() || compared > 1000,
        "only {compared} documents"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How many seeded mutations the mutation test makes (at least 1,000).
const MUTATIONS: usize = 1500;

/// Where one value sits: the element (child indices from the root) and the attribute,
/// or `None` for the element's text.
#[derive(Clone)]
struct Site {
    steps: Vec<usize>,
    attribute: Option<usize>,
    /// The positional path shown in a failure and compared with the drift's path.
    path: String,
}

/// Every value the input sets that the output holds unchanged at the same place: an
/// attribute (other than `unit`) or the text of a leaf element, in elements whose
/// every attribute the output keeps as written (so both are the same element).
fn candidates(
    input: &Element,
    output: &Element,
    steps: &mut Vec<usize>,
    path: &str,
    out: &mut Vec<Site>,
) {
    for a in &input.attributes {
        if a.name.namespace.is_none() && a.name.local == "unit" {
            continue;
        }
        if let Some(j) = output
            .attributes
            .iter()
            .position(|b| b.name == a.name && b.value == a.value)
        {
            out.push(Site {
                steps: steps.clone(),
                attribute: Some(j),
                path: format!("{path}/@{}", a.name.qualified()),
            });
        }
    }
    if !input.has_elements() && !output.has_elements() {
        let text = input.text();
        if !text.trim().is_empty() && text == output.text() {
            out.push(Site {
                steps: steps.clone(),
                attribute: None,
                path: path.to_owned(),
            });
        }
    }
    let out_kids: Vec<(usize, &Element)> = output
        .children
        .iter()
        .enumerate()
        .filter_map(|(i, n)| match n {
            Node::Element(e) => Some((i, e)),
            Node::Text(_) => None,
        })
        .collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for kid in input.elements() {
        let key = format!("{:?}{}", kid.name.namespace, kid.name.local);
        let n = seen.entry(key).or_default();
        let nth = *n;
        *n += 1;
        let Some((index, partner)) = out_kids.iter().filter(|(_, e)| e.name == kid.name).nth(nth)
        else {
            continue;
        };
        let same_element = kid.attributes.iter().all(|a| {
            partner
                .attributes
                .iter()
                .any(|b| b.name == a.name && b.value == a.value)
        });
        if !same_element {
            continue;
        }
        steps.push(*index);
        let kid_path = format!("{path}/{}", kid.name.qualified());
        candidates(kid, partner, steps, &kid_path, out);
        steps.pop();
    }
}

#[test]
fn a_changed_value_is_drift_at_its_path() {
    let Some(dir) = corpus() else { return };
    let pairs = pairs(&dir);
    let mut sites: Vec<(usize, Site)> = Vec::new();
    let mut documents = Vec::new();
    for (input, output) in &pairs {
        let (Ok((_, desired)), Ok((_, live))) =
            (read_domain(&dir, input), read_domain(&dir, output))
        else {
            continue;
        };
        // The trees the model writes, so positions agree with what is compared.
        let input_tree = Element::parse(&desired.to_xml().expect("writes")).expect("parses");
        let output_tree = Element::parse(&live.to_xml().expect("writes")).expect("parses");
        let mut found = Vec::new();
        candidates(
            &input_tree,
            &output_tree,
            &mut Vec::new(),
            "/domain",
            &mut found,
        );
        sites.extend(found.into_iter().map(|s| (documents.len(), s)));
        documents.push((input.clone(), desired, output_tree));
    }
    assert!(
        !common::corpus_required() || sites.len() >= MUTATIONS,
        "only {} values to change",
        sites.len()
    );
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut made = 0;
    let mut unreadable = 0;
    let mut failures = Vec::new();
    let mut attempts = 0;
    while made < MUTATIONS && !sites.is_empty() && attempts < MUTATIONS * 4 {
        attempts += 1;
        let (doc, site) = sites.swap_remove((rng.next() % sites.len() as u64) as usize);
        let (name, desired, output_tree) = &documents[doc];
        let mut mutated = output_tree.clone();
        let value = diff_common::Value {
            steps: site.steps.clone(),
            attribute: site.attribute,
            path: site.path.clone(),
        };
        let (old, new) = diff_common::change(&mut mutated, &value);
        let mut text = String::new();
        write(&mutated, &mut text);
        // A change the model refuses to read (a number out of range, say) is no test.
        let Ok(live) = Domain::from_xml(&text) else {
            unreadable += 1;
            continue;
        };
        made += 1;
        match desired.applied_in(&live) {
            Ok(()) => failures.push(format!(
                "{name}: {} {old:?} → {new:?}: applied_in holds",
                site.path
            )),
            Err(drift) => {
                if !drift.paths().any(|p| bare(p) == site.path) {
                    failures.push(format!(
                        "{name}: {} {old:?} → {new:?}: drift names other paths:\n{drift}",
                        site.path
                    ));
                }
            }
        }
    }
    println!(
        "mutations: {made} made ({unreadable} unreadable skipped), {} not detected",
        failures.len()
    );
    for f in &failures {
        println!("{f}");
    }
    assert!(
        !common::corpus_required() || made >= 1000,
        "only {made} mutations made"
    );
    assert!(
        failures.is_empty(),
        "{} mutations not detected (listed above)",
        failures.len()
    );
}
