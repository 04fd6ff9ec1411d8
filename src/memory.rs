//! `<memory>`, `<maxMemory>`, `<currentMemory>` and `<memoryBacking>`: how much memory
//! the guest has and how the host backs it (formatdomain: "Memory Allocation",
//! "Memory Backing").
//!
//! The size elements keep the number and the unit as written (`<memory unit='GiB'>4`
//! stays that way); [`Memory::bytes`] and friends convert with libvirt's rules, KiB
//! when there is no unit. Parsing rejects an unknown unit and a size whose byte count
//! does not fit in 64 bits.

use bytesize::ByteSize;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::units::{Size, Unit};
use crate::values::{value_enum, OnOff};
use crate::xml::Extra;

/// Checks that `value` of `unit` (KiB when absent) is a byte count that fits in a `u64`.
fn check_size(value: u64, unit: Option<&Unit>) -> Result<()> {
    unit.unwrap_or(&Unit::KIB).to_bytes(value).map(|_| ())
}

/// Reads a struct through its private twin `R` and checks it with `check`, inside the
/// deserializer's visitor so that a failed check is reported at the element's path and
/// line:column like any other value error.
fn deserialize_checked<'de, D, R, T>(
    deserializer: D,
    name: &'static str,
    fields: &'static [&'static str],
    check: fn(R) -> Result<T>,
) -> std::result::Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    R: Deserialize<'de>,
{
    struct Checked<R, T> {
        check: fn(R) -> Result<T>,
    }

    impl<'de, R: Deserialize<'de>, T> serde::de::Visitor<'de> for Checked<R, T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a size element")
        }

        fn visit_map<A>(self, map: A) -> std::result::Result<T, A::Error>
        where
            A: serde::de::MapAccess<'de>,
        {
            let raw = R::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
            (self.check)(raw).map_err(|error| match error {
                Error::Value { message, .. } => serde::de::Error::custom(message),
                other => serde::de::Error::custom(other),
            })
        }
    }

    deserializer.deserialize_struct(name, fields, Checked { check })
}

/// Declares a memory size element (`scaledInteger` with KiB as default unit): the
/// public struct, a private twin it is parsed through (to check the size), and the
/// size helpers. The listed attribute fields come before `unit`, in libvirt's order.
/// (`Deserialize` is written out rather than `#[serde(try_from)]` so that the check runs
/// inside the deserializer, which then reports the element's path and position.)
macro_rules! memory_size_element {
    (
        $(#[$meta:meta])*
        pub struct $name:ident via $raw:ident {
            $( $(#[$fmeta:meta])* $attr:literal => pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
        #[serde(default)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[serde(rename = $attr)]
                pub $field: $ty,
            )*
            /// `unit`: the unit of `value`; KiB when absent.
            #[serde(rename = "@unit")]
            pub unit: Option<Unit>,
            /// The number, in `unit`.
            #[serde(rename = "$text")]
            pub value: u64,
            /// Unknown attributes and elements, kept and written back.
            #[serde(rename = "$extra")]
            pub extra: Extra,
        }

        /// What is read before the size is checked.
        #[derive(Default, Deserialize)]
        #[serde(default)]
        struct $raw {
            $(
                #[serde(rename = $attr)]
                $field: $ty,
            )*
            #[serde(rename = "@unit")]
            unit: Option<Unit>,
            #[serde(rename = "$text")]
            value: u64,
            #[serde(rename = "$extra")]
            extra: Extra,
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                const FIELDS: &[&str] = &[$($attr,)* "@unit", "$text", "$extra"];
                deserialize_checked(deserializer, stringify!($name), FIELDS, $raw::checked)
            }
        }

        impl $raw {
            fn checked(self) -> Result<$name> {
                let raw = self;
                check_size(raw.value, raw.unit.as_ref())?;
                Ok($name {
                    $( $field: raw.$field, )*
                    unit: raw.unit,
                    value: raw.value,
                    extra: raw.extra,
                })
            }
        }

        impl $name {
            /// `value` of `unit`.
            pub fn new(value: u64, unit: Unit) -> Self {
                $name {
                    unit: Some(unit),
                    value,
                    ..Default::default()
                }
            }

            /// `value` KiB, written with `unit='KiB'` as libvirt does.
            pub fn kib(value: u64) -> Self {
                Self::new(value, Unit::KIB)
            }

            /// `value` MiB.
            pub fn mib(value: u64) -> Self {
                Self::new(value, Unit::MIB)
            }

            /// `value` GiB.
            pub fn gib(value: u64) -> Self {
                Self::new(value, Unit::GIB)
            }

            /// `value` TiB.
            pub fn tib(value: u64) -> Self {
                Self::new(value, Unit::TIB)
            }

            /// The number and unit as a [`Size`].
            pub fn size(&self) -> Size {
                Size {
                    value: self.value,
                    unit: self.unit.clone(),
                }
            }

            /// The size in bytes (KiB when there is no unit); an error when it does
            /// not fit in a `u64`.
            pub fn bytes(&self) -> Result<u64> {
                self.size().to_bytes(&Unit::KIB)
            }

            /// The size as a [`ByteSize`] (KiB when there is no unit).
            pub fn to_bytesize(&self) -> Result<ByteSize> {
                self.size().to_bytesize(&Unit::KIB)
            }
        }

        impl From<Size> for $name {
            /// Keeps the number and unit; a missing unit stays missing (KiB).
            fn from(size: Size) -> Self {
                $name {
                    unit: size.unit,
                    value: size.value,
                    ..Default::default()
                }
            }
        }

        impl From<ByteSize> for $name {
            /// In the largest binary unit that holds the size exactly (4 GiB is
            /// `<… unit='GiB'>4`).
            fn from(size: ByteSize) -> Self {
                $name::from(Size::from(size))
            }
        }
    };
}

memory_size_element! {
    /// `<memory>`: the guest's maximum memory at boot (formatdomain: "Memory
    /// Allocation").
    ///
    /// ```
    /// use libvirt_domain::memory::Memory;
    /// let memory = Memory::gib(4);
    /// assert_eq!(memory.bytes().unwrap(), 4 << 30);
    /// ```
    pub struct Memory via RawMemory {
        /// `dumpCore`: whether guest memory goes into a core dump on crash.
        "@dumpCore" => pub dump_core: Option<OnOff>,
    }
}

memory_size_element! {
    /// `<maxMemory>`: the run-time maximum for memory hotplug (formatdomain: "Memory
    /// Allocation").
    pub struct MaxMemory via RawMaxMemory {
        /// `slots`: how many memory slots are available for hotplug.
        "@slots" => pub slots: Option<u32>,
    }
}

memory_size_element! {
    /// `<currentMemory>`: the actual allocation, below `<memory>` with a balloon
    /// (formatdomain: "Memory Allocation").
    pub struct CurrentMemory via RawCurrentMemory {}
}

memory_size_element! {
    /// A `<memtune>` limit: `<hard_limit>`, `<soft_limit>`, `<swap_hard_limit>` or
    /// `<min_guarantee>`, a memory size in KiB when there is no unit (formatdomain:
    /// "Memory Tuning").
    pub struct MemoryLimit via RawMemoryLimit {}
}

value_enum! {
    /// `<memoryBacking><source type=…>`: what backs guest memory.
    pub enum MemorySourceType {
        /// `file`: a file (memory-backend-file).
        File = "file",
        /// `anonymous`: anonymous memory (the default).
        Anonymous = "anonymous",
        /// `memfd`: an anonymous in-memory file (needed for virtiofs without hugepages).
        Memfd = "memfd",
    }
}

value_enum! {
    /// `<memoryBacking><access mode=…>`: whether guest memory is shared with other
    /// processes.
    pub enum MemoryAccessMode {
        /// `shared`
        Shared = "shared",
        /// `private`
        Private = "private",
    }
}

value_enum! {
    /// `<memoryBacking><allocation mode=…>`: when guest memory is allocated.
    pub enum MemoryAllocationMode {
        /// `immediate`: all at start.
        Immediate = "immediate",
        /// `ondemand`: as the guest touches it.
        Ondemand = "ondemand",
    }
}

/// `<memoryBacking>`: how guest memory is backed on the host (formatdomain: "Memory
/// Backing").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoryBacking {
    /// `<hugepages>`: back memory with huge pages.
    pub hugepages: Option<Hugepages>,
    /// `<nosharepages/>`: no memory merging (KSM) for this guest.
    pub nosharepages: Option<NoSharePages>,
    /// `<locked/>`: lock guest memory in host RAM.
    pub locked: Option<Locked>,
    /// `<source>`: the kind of memory backend.
    pub source: Option<MemorySource>,
    /// `<access>`: shared or private memory.
    pub access: Option<MemoryAccess>,
    /// `<allocation>`: when and with how many threads memory is allocated.
    pub allocation: Option<MemoryAllocation>,
    /// `<discard/>`: discard memory content when the guest shuts down.
    pub discard: Option<Discard>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<hugepages>`: huge page backing, optionally per NUMA node (formatdomain: "Memory
/// Backing").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Hugepages {
    /// `<page>` elements: page sizes, each for a set of guest NUMA nodes.
    #[serde(rename = "page")]
    pub pages: Vec<HugePage>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<hugepages><page>`: one huge page size (formatdomain: "Memory Backing").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct HugePage {
    /// `size`: the page size, in `unit`.
    #[serde(rename = "@size")]
    pub size: u64,
    /// `unit`: the unit of `size`; KiB when absent.
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// `nodeset`: the guest NUMA nodes using this page size (e.g. `0-3,5`).
    #[serde(rename = "@nodeset")]
    pub nodeset: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

/// What is read of a `<page>` before its size is checked.
#[derive(Deserialize)]
struct RawHugePage {
    #[serde(rename = "@size")]
    size: u64,
    #[serde(rename = "@unit")]
    unit: Option<Unit>,
    #[serde(rename = "@nodeset")]
    nodeset: Option<String>,
    #[serde(rename = "$extra", default)]
    extra: Extra,
}

impl<'de> Deserialize<'de> for HugePage {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        const FIELDS: &[&str] = &["@size", "@unit", "@nodeset", "$extra"];
        deserialize_checked(deserializer, "HugePage", FIELDS, |raw: RawHugePage| {
            check_size(raw.size, raw.unit.as_ref())?;
            Ok(HugePage {
                size: raw.size,
                unit: raw.unit,
                nodeset: raw.nodeset,
                extra: raw.extra,
            })
        })
    }
}

impl HugePage {
    /// A page of `size` in `unit`, for every NUMA node.
    pub fn new(size: u64, unit: Unit) -> Self {
        HugePage {
            size,
            unit: Some(unit),
            ..Default::default()
        }
    }

    /// The page size as a [`Size`].
    pub fn page_size(&self) -> Size {
        Size {
            value: self.size,
            unit: self.unit.clone(),
        }
    }

    /// The page size in bytes (KiB when there is no unit).
    pub fn bytes(&self) -> Result<u64> {
        self.page_size().to_bytes(&Unit::KIB)
    }

    /// The page size as a [`ByteSize`] (KiB when there is no unit).
    pub fn to_bytesize(&self) -> Result<ByteSize> {
        self.page_size().to_bytesize(&Unit::KIB)
    }
}

/// `<nosharepages/>`: turn off memory merging (KSM) for the guest (formatdomain:
/// "Memory Backing").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NoSharePages {
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<locked/>`: keep guest memory in host RAM, never swapped (formatdomain: "Memory
/// Backing").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Locked {
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<discard/>`: discard memory content just before the guest shuts down
/// (formatdomain: "Memory Backing").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Discard {
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<memoryBacking><source>`: the memory backend (formatdomain: "Memory Backing").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemorySource {
    /// `type`: file, anonymous or memfd.
    #[serde(rename = "@type")]
    pub kind: Option<MemorySourceType>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<memoryBacking><access>`: shared or private guest memory (formatdomain: "Memory
/// Backing").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoryAccess {
    /// `mode`: shared or private.
    #[serde(rename = "@mode")]
    pub mode: Option<MemoryAccessMode>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<memoryBacking><allocation>`: how guest memory is allocated (formatdomain:
/// "Memory Backing").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoryAllocation {
    /// `mode`: immediate or on demand.
    #[serde(rename = "@mode")]
    pub mode: Option<MemoryAllocationMode>,
    /// `threads`: how many threads allocate memory.
    #[serde(rename = "@threads")]
    pub threads: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl MemoryBacking {
    /// Phyllome's backing: `memfd` memory with shared access, which virtiofs needs.
    pub fn shared_memfd() -> Self {
        MemoryBacking {
            source: Some(MemorySource {
                kind: Some(MemorySourceType::Memfd),
                ..Default::default()
            }),
            access: Some(MemoryAccess {
                mode: Some(MemoryAccessMode::Shared),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_elements_round_trip() {
        let table: Vec<(Memory, &str)> = vec![
            (Memory::gib(4), "<memory unit='GiB'>4</memory>"),
            (Memory::kib(4194304), "<memory unit='KiB'>4194304</memory>"),
            (
                Memory {
                    unit: Some("gib".parse().unwrap()),
                    value: 2,
                    ..Default::default()
                },
                "<memory unit='gib'>2</memory>",
            ),
            (
                Memory {
                    value: 524288,
                    ..Default::default()
                },
                "<memory>524288</memory>",
            ),
            (
                Memory {
                    dump_core: Some(OnOff::Off),
                    ..Memory::kib(262144)
                },
                "<memory dumpCore='off' unit='KiB'>262144</memory>",
            ),
        ];
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "memory").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<Memory>(text, "memory").unwrap(),
                value,
                "{text}"
            );
        }

        let max = MaxMemory {
            slots: Some(16),
            ..MaxMemory::kib(1524288)
        };
        let text = "<maxMemory slots='16' unit='KiB'>1524288</maxMemory>";
        assert_eq!(crate::codec::to_string(&max, "maxMemory").unwrap(), text);
        assert_eq!(
            crate::codec::from_str::<MaxMemory>(text, "maxMemory").unwrap(),
            max
        );

        let current = CurrentMemory::gib(1);
        let text = "<currentMemory unit='GiB'>1</currentMemory>";
        assert_eq!(
            crate::codec::to_string(&current, "currentMemory").unwrap(),
            text
        );
        assert_eq!(
            crate::codec::from_str::<CurrentMemory>(text, "currentMemory").unwrap(),
            current
        );
    }

    #[test]
    fn sizes_convert_to_bytes() {
        assert_eq!(Memory::gib(4).bytes().unwrap(), 4 << 30);
        assert_eq!(Memory::gib(4).to_bytesize().unwrap(), ByteSize::gib(4));
        let bare = Memory {
            value: 2,
            ..Default::default()
        };
        assert_eq!(bare.bytes().unwrap(), 2048);
        assert_eq!(Memory::new(3, Unit::GB).bytes().unwrap(), 3_000_000_000);
        assert!(Memory::new(u64::MAX, Unit::MIB).bytes().is_err());
        assert_eq!(Memory::from(ByteSize::gib(4)), Memory::gib(4));
        assert_eq!(
            CurrentMemory::from(ByteSize::mib(1536)),
            CurrentMemory::mib(1536)
        );
        assert_eq!(
            MaxMemory::from(ByteSize::b(1000)),
            MaxMemory::new(1000, Unit::BYTES)
        );
        assert_eq!(Memory::tib(1).size(), Size::new(1, Unit::TIB));
        assert_eq!(HugePage::new(2, Unit::M).bytes().unwrap(), 2 << 20);
    }

    #[test]
    fn bad_units_and_overflow_are_parse_errors() {
        for text in [
            "<memory unit='GiBs'>4</memory>",
            "<memory unit='kibibytes'>4</memory>",
            "<memory unit=''>4</memory>",
            "<memory unit='EiB'>16</memory>",
            "<memory>18014398509481984</memory>",
            "<memory unit='KiB'>18446744073709551615</memory>",
        ] {
            assert!(
                crate::codec::from_str::<Memory>(text, "memory").is_err(),
                "{text} accepted"
            );
        }
        let err = crate::codec::from_str::<Memory>("<memory unit='GiBs'>4</memory>", "memory")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown unit"), "{err}");
        let err = crate::codec::from_str::<Memory>("<memory unit='EiB'>16</memory>", "memory")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("64-bit") && err.contains("line 1, column 1: /memory:"),
            "{err}"
        );
        assert!(
            crate::codec::from_str::<Memory>("<memory unit='EiB'>15</memory>", "memory").is_ok()
        );
        assert!(crate::codec::from_str::<Memory>(
            "<memory unit='b'>18446744073709551615</memory>",
            "memory"
        )
        .is_ok());
        let page = "<hugepages><page size='16' unit='EiB'/></hugepages>";
        let err = crate::codec::from_str::<Hugepages>(page, "hugepages")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("/hugepages/page:") && err.contains("64-bit"),
            "{err}"
        );
    }

    #[test]
    fn unknown_content_is_kept() {
        let text = "<memory unit='KiB' future='x'>1024</memory>";
        let memory = crate::codec::from_str::<Memory>(text, "memory").unwrap();
        assert_eq!(memory.value, 1024);
        assert!(!memory.extra.is_empty());
        let back = crate::codec::to_string(&memory, "memory").unwrap();
        assert!(back.contains("future='x'"), "{back}");
    }

    #[test]
    fn memory_backing_round_trips() {
        let table: Vec<(MemoryBacking, &str)> = vec![
            (
                MemoryBacking::shared_memfd(),
                "<memoryBacking>\n  <source type='memfd'/>\n  <access mode='shared'/>\n</memoryBacking>",
            ),
            (
                MemoryBacking {
                    hugepages: Some(Hugepages {
                        pages: vec![
                            HugePage {
                                nodeset: Some("0-3,5".into()),
                                ..HugePage::new(1, Unit::G)
                            },
                            HugePage {
                                nodeset: Some("4".into()),
                                ..HugePage::new(2, Unit::M)
                            },
                        ],
                        ..Default::default()
                    }),
                    nosharepages: Some(NoSharePages::default()),
                    locked: Some(Locked::default()),
                    source: Some(MemorySource {
                        kind: Some(MemorySourceType::File),
                        ..Default::default()
                    }),
                    access: Some(MemoryAccess {
                        mode: Some(MemoryAccessMode::Private),
                        ..Default::default()
                    }),
                    allocation: Some(MemoryAllocation {
                        mode: Some(MemoryAllocationMode::Immediate),
                        threads: Some(8),
                        ..Default::default()
                    }),
                    discard: Some(Discard::default()),
                    ..Default::default()
                },
                "<memoryBacking>\n  <hugepages>\n    <page size='1' unit='G' nodeset='0-3,5'/>\n    \
                 <page size='2' unit='M' nodeset='4'/>\n  </hugepages>\n  <nosharepages/>\n  <locked/>\n  \
                 <source type='file'/>\n  <access mode='private'/>\n  \
                 <allocation mode='immediate' threads='8'/>\n  <discard/>\n</memoryBacking>",
            ),
            (
                MemoryBacking {
                    hugepages: Some(Hugepages::default()),
                    ..Default::default()
                },
                "<memoryBacking>\n  <hugepages/>\n</memoryBacking>",
            ),
        ];
        for (value, text) in table {
            assert_eq!(
                crate::codec::to_string(&value, "memoryBacking").unwrap(),
                text
            );
            assert_eq!(
                crate::codec::from_str::<MemoryBacking>(text, "memoryBacking").unwrap(),
                value,
                "{text}"
            );
        }
    }

    #[test]
    fn unknown_source_type_is_kept() {
        let text = "<memoryBacking>\n  <source type='future'/>\n</memoryBacking>";
        let backing = crate::codec::from_str::<MemoryBacking>(text, "memoryBacking").unwrap();
        assert_eq!(
            backing.source.as_ref().unwrap().kind,
            Some(MemorySourceType::Other("future".into()))
        );
        assert_eq!(
            crate::codec::to_string(&backing, "memoryBacking").unwrap(),
            text
        );
    }
}
