//! `<lease>`: a lock manager lease held for the domain (formatdomain: "Device leases").

use serde::{Deserialize, Serialize};

use crate::xml::Extra;

/// `<lease>`: a lease a lock manager must acquire before the domain may run
/// (formatdomain: "Device leases").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Lease {
    /// `<lockspace>`: the lockspace the key is held in.
    pub lockspace: Option<String>,
    /// `<key>`: the lease's key within the lockspace.
    pub key: Option<String>,
    /// `<target>`: the file that stores the lease.
    pub target: Option<LeaseTarget>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Lease {
    /// A lease on `key` in `lockspace`, stored in the file `path`.
    pub fn new(
        lockspace: impl Into<String>,
        key: impl Into<String>,
        path: impl Into<String>,
    ) -> Self {
        Lease {
            lockspace: Some(lockspace.into()),
            key: Some(key.into()),
            target: Some(LeaseTarget {
                path: Some(path.into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

/// `<target>` of a lease: the lease file and the lease's offset in it
/// (formatdomain: "Device leases").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LeaseTarget {
    /// `path`: the file associated with the lockspace.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// `offset`: where the lease is stored in the file (0 when the lock manager
    /// needs none).
    #[serde(rename = "@offset")]
    pub offset: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn lease_round_trips() {
        let mut lease = Lease::new("somearea", "somekey", "/some/lease/path");
        if let Some(target) = lease.target.as_mut() {
            target.offset = Some(1024);
        }
        assert_xml(
            &lease,
            "lease",
            "<lease>\n  <lockspace>somearea</lockspace>\n  <key>somekey</key>\n  <target path='/some/lease/path' offset='1024'/>\n</lease>",
        );
        assert_xml(&Lease::default(), "lease", "<lease/>");
    }

    #[test]
    fn empty_lockspace_differs_from_none() {
        let lease: Lease = assert_modelled("<lease>\n  <lockspace/>\n</lease>", "lease");
        assert_eq!(lease.lockspace.as_deref(), Some(""));
        assert_eq!(lease.key, None);
    }
}
