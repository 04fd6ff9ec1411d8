//! The VMware namespace: `<vmware:datacenterpath>`, the datacenter of an ESX guest
//! (schema `vmwaredatacenterpath`; libvirt's ESX driver page). It is plain text, so
//! [`Domain`](crate::Domain) holds it as `vmware_datacenterpath: Option<String>`.

/// The namespace URI of libvirt's VMware extensions, usually bound to the prefix `vmware`.
pub use crate::namespaces::VMWARE_NS;
