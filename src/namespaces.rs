//! The XML namespaces the model knows, in one table: URI, the prefix libvirt writes,
//! and the module that models the namespace's elements (formatdomain: "QEMU command-line
//! passthrough", "LXC namespace sharing", …; each module documents its section).
//!
//! The codec knows no namespace: the model hands it the table's `(uri, prefix)` pairs
//! when writing, and the plain JSON format writes `{uri}local` fields as `prefix:local`
//! from the same table.
//! serde's `rename` attributes need string literals, so a namespaced field is spelt
//! `{uri}local` in full; a test checks that every such URI in `src/` is in this table.

/// The QEMU namespace (`<qemu:commandline>`, `<qemu:capabilities>`, …).
pub const QEMU_NS: &str = "http://libvirt.org/schemas/domain/qemu/1.0";
/// The LXC namespace (`<lxc:namespace>`).
pub const LXC_NS: &str = "http://libvirt.org/schemas/domain/lxc/1.0";
/// The bhyve namespace (`<bhyve:commandline>`).
pub const BHYVE_NS: &str = "http://libvirt.org/schemas/domain/bhyve/1.0";
/// The Xen namespace (`<xen:commandline>`).
pub const XEN_NS: &str = "http://libvirt.org/schemas/domain/xen/1.0";
/// The VMware namespace (`<vmware:datacenterpath>`).
pub const VMWARE_NS: &str = "http://libvirt.org/schemas/domain/vmware/1.0";
/// libosinfo's namespace inside `<metadata>` (`<libosinfo:libosinfo>`).
pub const LIBOSINFO_NS: &str = "http://libosinfo.org/xmlns/libvirt/domain/1.0";

/// One namespace the model knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Namespace {
    /// The prefix libvirt writes (`qemu`).
    pub prefix: &'static str,
    /// The namespace URI.
    pub uri: &'static str,
    /// The crate module that models its elements (`qemu`).
    pub module: &'static str,
}

/// Every namespace the model knows.
pub const NAMESPACES: &[Namespace] = &[
    Namespace {
        prefix: "qemu",
        uri: QEMU_NS,
        module: "qemu",
    },
    Namespace {
        prefix: "lxc",
        uri: LXC_NS,
        module: "lxc",
    },
    Namespace {
        prefix: "bhyve",
        uri: BHYVE_NS,
        module: "bhyve",
    },
    Namespace {
        prefix: "xen",
        uri: XEN_NS,
        module: "xen",
    },
    Namespace {
        prefix: "vmware",
        uri: VMWARE_NS,
        module: "vmware",
    },
    Namespace {
        prefix: "libosinfo",
        uri: LIBOSINFO_NS,
        module: "metadata",
    },
];

/// [`NAMESPACES`] as the codec takes them: `(uri, prefix)` pairs, the prefixes the
/// writer declares on the root element when the model writes a `{uri}local` field.
pub(crate) const PREFIXES: &[(&str, &str)] = &prefixes();

const fn prefixes() -> [(&'static str, &'static str); NAMESPACES.len()] {
    let mut out = [("", ""); NAMESPACES.len()];
    let mut i = 0;
    while i < NAMESPACES.len() {
        out[i] = (NAMESPACES[i].uri, NAMESPACES[i].prefix);
        i += 1;
    }
    out
}

/// The libvirt prefix of a known namespace URI.
pub fn prefix_of(uri: &str) -> Option<&'static str> {
    NAMESPACES.iter().find(|n| n.uri == uri).map(|n| n.prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_follow_the_table() {
        assert_eq!(PREFIXES.len(), NAMESPACES.len());
        for (pair, ns) in PREFIXES.iter().zip(NAMESPACES) {
            assert_eq!(*pair, (ns.uri, ns.prefix));
        }
        assert_eq!(prefix_of(QEMU_NS), Some("qemu"));
        assert_eq!(prefix_of("urn:unknown"), None);
    }

    /// serde's `rename` needs literals, so `{uri}local` names spell the URI out: each
    /// one must be a namespace of the table.
    #[test]
    fn every_namespaced_field_uses_a_known_namespace() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![root];
        let mut checked = 0;
        // Spelt so that this file does not match itself.
        let needle = format!("\"{{{}", "http");
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src is readable") {
                let path = entry.expect("directory entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("source is UTF-8");
                for (at, _) in text.match_indices(needle.as_str()) {
                    let rest = &text[at + 2..];
                    let uri = rest.split('}').next().unwrap_or_default();
                    assert!(
                        prefix_of(uri).is_some(),
                        "{}: {uri} is not in NAMESPACES",
                        path.display()
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 10, "only {checked} namespaced names found");
    }
}
