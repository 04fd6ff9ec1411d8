#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod backup;
pub mod bhyve;
pub mod builder;
pub mod caps;
pub mod checkpoint;
pub mod clock;
pub mod cpu;
pub mod defaults;
pub mod devices;
pub mod diff;
pub mod domain;
pub mod error;
pub mod events;
pub mod features;
mod host_check;
mod job_disks;
#[cfg(feature = "json")]
pub mod json;
pub mod lxc;
pub mod memory;
pub mod metadata;
pub mod numa;
pub mod os;
pub mod perf;
pub mod presets;
pub mod qemu;
pub mod security;
pub mod snapshot;
pub mod summary;
pub mod sysinfo;
pub mod tuning;
pub mod units;
mod validate;
pub mod values;
pub mod vmware;
pub mod xen;
pub mod xml;

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
pub use crate::xml::{Extra, RawElement, Unmodelled};

/// The examples of `docs/cookbook.md`, compiled and run as doctests.
#[doc = include_str!("../docs/cookbook.md")]
#[cfg(doctest)]
pub struct Cookbook;
