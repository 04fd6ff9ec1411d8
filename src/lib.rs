#![doc = include_str!("../README.md")]
//!
//! ## Crate map
//!
//! - **Model**: [`domain`] (`<domain>` and its general metadata), one module per
//!   section of libvirt's formatdomain ([`os`], [`cpu`], [`memory`], [`features`],
//!   [`clock`], [`events`], [`tuning`], [`numa`], [`security`], [`sysinfo`], [`perf`],
//!   [`metadata`]), [`devices`], the hypervisor namespaces ([`qemu`], [`lxc`],
//!   [`bhyve`], [`xen`], [`vmware`]) and their table ([`namespaces`]); shared value
//!   types in [`values`] and [`units`].
//! - **Documents**: [`Domain`], [`devices::Device`] fragments, [`caps`]
//!   ([`DomainCapabilities`], [`Capabilities`]), [`snapshot`] ([`DomainSnapshot`]),
//!   [`checkpoint`] ([`DomainCheckpoint`]), [`backup`] ([`DomainBackup`]); plain JSON in
//!   `json` (feature `json`).
//! - **Versions**: [`version`] ([`LibvirtVersion`], [`Domain::min_libvirt_version`]).
//! - **Codec**: [`xml`] (unknown content as [`Extra`], [`RawElement`], [`Unmodelled`],
//!   [`xml::Element`]); one [`Error`] type ([`error`]).
//! - **Checks**: [`Domain::validate`], [`Domain::check_host`], [`diff`], [`summary`].
//! - **Phyllome policy**: [`defaults`], [`presets`], [`builder`].
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// The model: libvirt's domain XML as typed values, one module per formatdomain section
// (devices in `devices/`), with the shared value types and the namespace table.
pub mod bhyve;
pub mod clock;
pub mod cpu;
pub mod devices;
pub mod domain;
pub mod events;
pub mod features;
pub mod lxc;
pub mod memory;
pub mod metadata;
pub mod namespaces;
pub mod numa;
pub mod os;
pub mod perf;
pub mod qemu;
pub mod security;
pub mod sysinfo;
pub mod tuning;
pub mod units;
pub mod values;
pub mod version;
pub mod vmware;
pub mod xen;

// Other documents beside `<domain>`, and the plain JSON format.
pub mod backup;
pub mod caps;
pub mod checkpoint;
mod job_disks;
#[cfg(feature = "json")]
pub mod json;
pub mod snapshot;

// The codec (XML text ⇄ tree ⇄ serde, nothing libvirt-specific), the model's way into
// it, and the crate's error.
mod codec;
pub mod error;
pub mod xml;

// Checks that judge a domain: validation, host capabilities, changes, summaries.
pub mod diff;
mod host_check;
pub mod summary;
mod validate;

// Phyllome OS's policy: its defaults, presets and the builder that applies them.
pub mod builder;
pub mod defaults;
pub mod presets;

pub use crate::backup::DomainBackup;
pub use crate::builder::{DomainBuilder, NetworkSource};
pub use crate::caps::{Capabilities, DomainCapabilities};
pub use crate::checkpoint::DomainCheckpoint;
pub use crate::devices::{MacAddress, PciAddress};
pub use crate::domain::{Domain, DomainType, Metadata, LIBVIRT_SCHEMA_VERSION};
pub use crate::error::{Error, Position, Problem, Result, Severity};
pub use crate::presets::{Mode, Preset};
pub use crate::snapshot::DomainSnapshot;
pub use crate::values::{HexUint, NumberFormat, OnOff, Uint, YesNo};
pub use crate::version::{LibvirtVersion, Requirement};
pub use crate::xml::{Extra, RawElement, Unmodelled};

#[cfg(test)]
mod codec_tests;

/// The examples of `docs/cookbook.md`, compiled and run as doctests.
#[doc = include_str!("../docs/cookbook.md")]
#[cfg(doctest)]
pub struct Cookbook;
