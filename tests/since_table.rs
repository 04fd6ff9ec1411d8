//! Generates `src/version/since_table.rs` and checks that the checked-in file is
//! current.
//!
//! Sources (see the `version` module's documentation for how they are ranked):
//! libvirt 11.3's, 9.0's and 7.0's domain grammars (`../shared/reference/libvirt-*/
//! schemas`) and 11.3's `formatdomain.rst`. For every element, attribute and closed
//! attribute value of the 11.3 grammar, in context:
//!
//! - the older grammars give bounds: absent from 9.0's grammar means "after 9.0",
//!   present in it means "9.0 or older" (likewise 7.0); a value of a set that 9.0's
//!   grammar leaves open (any text) has no bound from 9.0;
//! - the documentation gives the release where one of its `:since:` annotations
//!   names the thing in the right context and falls within the bounds.
//!
//! An entry is written when the schemas say it is newer than 7.0, or the
//! documentation dates it after 7.0 within the bounds. An element that 11.3's grammar
//! lets repeat and an older one allows once gets an entry for its second occurrence
//! (`domain/devices/watchdog[2]`, from the grammars alone).
//!
//! `UPDATE_SINCE_TABLE=1 cargo test --test since_table` rewrites the file; without it
//! the test fails when the file differs from what it would write. Without the
//! reference folder the test says so and passes, unless `REQUIRE_CORPUS` is set.

mod since_gen;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use since_gen::rng::{self, Allowed};
use since_gen::rst::{self, Lit, Mention, Release};

const TABLE: &str = "src/version/since_table.rs";

fn reference() -> Option<PathBuf> {
    let dir = PathBuf::from("../shared/reference");
    let needed = [
        "libvirt-11.3/formatdomain.rst",
        "libvirt-11.3/schemas/domain.rng",
        "libvirt-9.0/schemas/domain.rng",
        "libvirt-7.0/schemas/domain.rng",
    ];
    if needed.iter().all(|f| dir.join(f).is_file()) {
        return Some(dir);
    }
    assert!(
        std::env::var_os("REQUIRE_CORPUS").is_none(),
        "REQUIRE_CORPUS is set but {} lacks the schemas or formatdomain.rst",
        dir.display()
    );
    eprintln!("note: no reference material at {}; skipping", dir.display());
    None
}

/// The local part of a key name (`{uri}local` → `local`).
fn local(name: &str) -> &str {
    name.rsplit_once('}').map_or(name, |(_, l)| l)
}

/// What a key names, for matching the documentation.
enum Subject<'k> {
    Element {
        parent: &'k str,
        name: &'k str,
    },
    Attribute {
        element: &'k str,
        name: &'k str,
    },
    Value {
        element: &'k str,
        attribute: &'k str,
        value: &'k str,
    },
}

fn subject(key: &str) -> Subject<'_> {
    let (path, value) = match key.split_once('=') {
        Some((p, v)) => (p, Some(v)),
        None => (key, None),
    };
    let parts: Vec<&str> = path.split('/').collect();
    let last = parts[parts.len() - 1];
    let before = parts[parts.len() - 2];
    match (last.strip_prefix('@'), value) {
        (Some(attribute), Some(value)) => Subject::Value {
            element: local(before),
            attribute: local(attribute),
            value,
        },
        (Some(name), None) => Subject::Attribute {
            element: local(before),
            name: local(name),
        },
        _ => Subject::Element {
            parent: local(before),
            name: local(last),
        },
    }
}

fn in_context(m: &Mention, name: &str) -> bool {
    name == "domain" || m.context.contains(name)
}

/// Whether the documentation's mention `m` is about `subject`.
fn is_about(m: &Mention, subject: &Subject<'_>) -> bool {
    match *subject {
        Subject::Element { parent, name } => {
            matches!(&m.lit, Lit::Elem(n) | Lit::Name(n) if n == name) && in_context(m, parent)
        }
        Subject::Attribute { element, name } => {
            matches!(&m.lit, Lit::Name(n) if n == name) && in_context(m, element)
        }
        Subject::Value {
            element,
            attribute,
            value,
        } => match &m.lit {
            Lit::AttrValue(a, v) => a == attribute && v == value && in_context(m, element),
            Lit::Name(v) => v == value && m.context.contains(attribute) && in_context(m, element),
            Lit::Elem(_) => false,
        },
    }
}

/// The section that documents what `subject` belongs to (an attribute's element, a
/// value's attribute), for an entry the documentation does not name itself.
fn owner_section(key: &str, subject: &Subject<'_>, mentions: &[Mention]) -> Option<String> {
    // The key's first element (`rng` in `rng/backend/@type=dbus`): a mention in its
    // context is likelier to be about this owner than one elsewhere.
    let outer = local(key.split('/').next().unwrap_or(""));
    let owner = match *subject {
        Subject::Element { parent, .. } => Subject::Element {
            parent: "domain",
            name: parent,
        },
        Subject::Attribute { element, .. } => Subject::Element {
            parent: "domain",
            name: element,
        },
        Subject::Value {
            element, attribute, ..
        } => Subject::Attribute {
            element,
            name: attribute,
        },
    };
    mentions
        .iter()
        .filter(|m| is_about(m, &owner))
        .min_by_key(|m| (!m.context.contains(outer), m.rank))
        .map(|m| m.section.clone())
}

/// The bounds the older grammars put on a key: after `lower` (it lacks it), at most
/// `upper` (it has it explicitly).
struct Bounds {
    lower: Option<Release>,
    upper: Release,
}

const V7_0: Release = (7, 0, 0);
const V9_0: Release = (9, 0, 0);
const V11_3: Release = (11, 3, 0);

fn bounds_of(key: &str, old: &[(Release, &Allowed)]) -> Bounds {
    let mut lower = None;
    let mut upper = V11_3;
    // Newest first: the newest grammar lacking it is the lower bound; the oldest one
    // having it explicitly is the upper bound.
    for (release, allowed) in old {
        let (has, explicit) = match key.split_once('=') {
            Some((attr, value)) => {
                let accepts = allowed.accepts_value(attr, value);
                (accepts, accepts && allowed.closed.contains_key(attr))
            }
            None => (allowed.keys.contains(key), allowed.keys.contains(key)),
        };
        if !has && lower.is_none() {
            lower = Some(*release);
        }
        if explicit && *release < upper {
            upper = *release;
        }
    }
    Bounds { lower, upper }
}

struct Entry {
    key: String,
    /// `Documented(release)` or `After(release)`.
    documented: Option<Release>,
    after: Option<Release>,
    section: String,
}

fn generate(dir: &Path) -> String {
    let new = rng::allowed(&dir.join("libvirt-11.3/schemas"));
    let v90 = rng::allowed(&dir.join("libvirt-9.0/schemas"));
    let v70 = rng::allowed(&dir.join("libvirt-7.0/schemas"));
    let text = std::fs::read_to_string(dir.join("libvirt-11.3/formatdomain.rst"))
        .expect("formatdomain.rst");
    let mentions = rst::read(&text);
    let old = [(V9_0, &v90), (V7_0, &v70)];

    let mut keys: Vec<String> = new.keys.iter().cloned().collect();
    for (attr, values) in &new.closed {
        keys.extend(values.iter().map(|v| format!("{attr}={v}")));
    }
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    // A second element where an older grammar allows one: `devices/watchdog[2]`.
    for key in &new.repeatable {
        let lower = old
            .iter()
            .find(|(_, allowed)| allowed.keys.contains(key) && !allowed.repeatable.contains(key))
            .map(|(release, _)| *release);
        // Where the older grammar lacks the element itself, its own entry says so.
        let Some(lower) = lower else { continue };
        let subject = subject(key);
        let section = mentions
            .iter()
            .filter(|m| is_about(m, &subject))
            .min_by_key(|m| m.rank)
            .map(|m| m.section.clone())
            .unwrap_or_default();
        let key = format!("{key}[2]");
        entries.insert(
            key.clone(),
            Entry {
                key,
                documented: None,
                after: Some(lower),
                section,
            },
        );
    }
    for key in keys {
        let bounds = bounds_of(&key, &old);
        let subject = subject(&key);
        let about: Vec<&Mention> = mentions.iter().filter(|m| is_about(m, &subject)).collect();
        let lower = bounds.lower.unwrap_or(V7_0);
        let documented = about
            .iter()
            .filter(|m| m.release.is_some_and(|r| r > lower && r <= bounds.upper))
            .min_by_key(|m| (m.rank, m.release));
        if bounds.lower.is_none() && documented.is_none() {
            continue;
        }
        // A value the attribute's own entry already covers has no entry of its own:
        // one bound only by the attribute's absence, or one as old as the attribute.
        if let Some((attr, _)) = key.split_once('=') {
            let release = documented.and_then(|m| m.release);
            if release.is_none() && bounds_of(attr, &old).lower == bounds.lower {
                continue;
            }
            if entries.get(attr).is_some_and(|a| {
                a.documented == release && (release.is_some() || a.after == bounds.lower)
            }) {
                continue;
            }
        }
        let section = documented
            .or_else(|| about.iter().min_by_key(|m| m.rank))
            .map(|m| m.section.clone())
            .or_else(|| owner_section(&key, &subject, &mentions))
            .unwrap_or_default();
        entries.insert(
            key.clone(),
            Entry {
                key,
                documented: documented.and_then(|m| m.release),
                after: bounds.lower,
                section,
            },
        );
    }

    let mut out = String::new();
    out.push_str(
        "//! Generated by `tests/since_table.rs` from libvirt 11.3's `formatdomain.rst` and\n\
         //! the domain schemas of libvirt 11.3, 9.0 and 7.0; do not edit. Regenerate with\n\
         //! `UPDATE_SINCE_TABLE=1 cargo test --all-features --test since_table`.\n\n\
         use super::LibvirtVersion as V;\n\
         use super::Since::{After, Documented};\n\
         use super::SinceEntry as E;\n\n\
         /// Elements, attributes and values newer than libvirt 7.0, sorted by key.\n\
         #[rustfmt::skip]\n\
         pub(crate) static SINCE_TABLE: &[E] = &[\n",
    );
    for e in entries.values() {
        let since = match (e.documented, e.after) {
            (Some((a, b, c)), _) => format!("Documented(V::new({a}, {b}, {c}))"),
            (None, Some((a, b, c))) => format!("After(V::new({a}, {b}, {c}))"),
            (None, None) => unreachable!("an entry has a release or a bound"),
        };
        writeln!(
            out,
            "    E {{ key: {:?}, since: {since}, section: {:?} }},",
            e.key, e.section
        )
        .unwrap();
    }
    out.push_str("];\n");
    out
}

#[test]
fn since_table_is_current() {
    let Some(dir) = reference() else {
        return;
    };
    let generated = generate(&dir);
    let current = std::fs::read_to_string(TABLE).unwrap_or_default();
    if std::env::var_os("UPDATE_SINCE_TABLE").is_some_and(|v| v == "1") {
        if generated != current {
            std::fs::write(TABLE, &generated).expect("write the since table");
            println!("rewrote {TABLE}");
        }
        return;
    }
    assert!(
        generated == current,
        "{TABLE} is stale: it differs from what the reference material gives. Regenerate it \
         with `UPDATE_SINCE_TABLE=1 cargo test --all-features --test since_table` and review \
         the diff."
    );
}
