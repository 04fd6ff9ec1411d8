#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod clock;
pub mod cpu;
pub mod devices;
pub mod domain;
pub mod error;
pub mod events;
pub mod features;
pub mod memory;
pub mod os;
pub mod qemu;
pub mod units;
pub mod values;
pub mod xml;

pub use crate::domain::{Domain, DomainType, Metadata, LIBVIRT_SCHEMA_VERSION};
pub use crate::error::{Error, Position, Result};
pub use crate::values::{NumberFormat, OnOff, Uint, YesNo};
pub use crate::xml::{Extra, RawElement, Unmodelled};
