//! `<memory>` under `<devices>`: memory modules added to the guest (DIMM, NVDIMM,
//! virtio-pmem, virtio-mem, SGX EPC) (formatdomain: "Memory devices").
//!
//! The schema gives every model one element shape (the `<source>` children used
//! depend on the model, but nothing in the XML tags them), so a memory device is one
//! struct; sizes default to KiB.

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias, Marker, ScaledSize};
use crate::memory::MemoryAccessMode;
use crate::values::{value_enum, Uint, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<memory model=…>` of a memory device (formatdomain: "Memory devices").
    pub enum MemoryDeviceModel {
        /// `dimm`: a virtual DIMM module.
        Dimm = "dimm",
        /// `nvdimm`: a non-volatile DIMM backed by a file or DAX device.
        Nvdimm = "nvdimm",
        /// `virtio-pmem`: paravirtualized persistent memory.
        VirtioPmem = "virtio-pmem",
        /// `virtio-mem`: paravirtualized memory that can grow and shrink.
        VirtioMem = "virtio-mem",
        /// `sgx-epc`: SGX enclave page cache.
        SgxEpc = "sgx-epc",
    }
}

/// `<memory model=…>` under `<devices>`: a hot-pluggable memory module
/// (formatdomain: "Memory devices").
///
/// Not to be confused with [`crate::memory::Memory`], the domain's `<memory>` size.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoryDevice {
    /// `model`: the kind of module.
    #[serde(rename = "@model")]
    pub model: Option<MemoryDeviceModel>,
    /// `access`: `shared` or `private` mapping of the backing memory.
    #[serde(rename = "@access")]
    pub access: Option<MemoryAccessMode>,
    /// `discard`: discard the memory's content when the module is removed (dimm).
    #[serde(rename = "@discard")]
    pub discard: Option<YesNo>,
    /// `<uuid>`: the NVDIMM's identifier (pSeries).
    pub uuid: Option<String>,
    /// `<source>`: where the memory comes from on the host.
    pub source: Option<MemoryDeviceSource>,
    /// `<target>`: size and placement in the guest.
    pub target: Option<MemoryDeviceTarget>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: the DIMM slot or PCI address.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl MemoryDevice {
    /// A `dimm` module of `size` on guest NUMA node `node`.
    pub fn dimm(size: ScaledSize, node: u32) -> Self {
        MemoryDevice {
            model: Some(MemoryDeviceModel::Dimm),
            target: Some(MemoryDeviceTarget {
                size: Some(size),
                node: Some(node),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

/// `<source>` of a memory device (formatdomain: "Memory devices").
///
/// `dimm`, `virtio-mem` and `sgx-epc` use `pagesize`/`nodemask`; `nvdimm` and
/// `virtio-pmem` use `path` (and `nvdimm` also `alignsize`/`pmem`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoryDeviceSource {
    /// `<nodemask>`: host NUMA nodes to allocate from, e.g. `1-3`.
    pub nodemask: Option<String>,
    /// `<pagesize>`: host page size backing the module.
    pub pagesize: Option<ScaledSize>,
    /// `<path>`: host file or DAX device backing the module.
    pub path: Option<String>,
    /// `<alignsize>`: mmap alignment of `path`.
    pub alignsize: Option<ScaledSize>,
    /// `<pmem/>`: the backing is real persistent memory.
    pub pmem: Option<Marker>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<target>` of a memory device: the module as the guest sees it
/// (formatdomain: "Memory devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoryDeviceTarget {
    /// `dynamicMemslots`: let the hypervisor spread virtio-mem over several memory slots.
    #[serde(rename = "@dynamicMemslots")]
    pub dynamic_memslots: Option<YesNo>,
    /// `<size>`: the module's size (for virtio-mem, the maximum).
    pub size: Option<ScaledSize>,
    /// `<node>`: guest NUMA node.
    pub node: Option<u32>,
    /// `<label>`: NVDIMM namespace label storage.
    pub label: Option<MemoryLabel>,
    /// `<readonly/>`: the NVDIMM is read-only.
    pub readonly: Option<Marker>,
    /// `<block>`: virtio-mem block size.
    pub block: Option<ScaledSize>,
    /// `<requested>`: virtio-mem size requested from the guest.
    pub requested: Option<ScaledSize>,
    /// `<current>`: virtio-mem size the guest currently uses (live XML only).
    pub current: Option<ScaledSize>,
    /// `<address base=…>`: guest physical address of virtio-mem/virtio-pmem.
    pub address: Option<MemoryTargetAddress>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<label>` of an NVDIMM target (formatdomain: "Memory devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoryLabel {
    /// `<size>`: label storage size (at least 128 KiB with QEMU).
    pub size: Option<ScaledSize>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address base=…>` inside a memory device's `<target>` (formatdomain: "Memory
/// devices"); unlike a device `<address>` it has no `type`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoryTargetAddress {
    /// `base`: guest physical base address, e.g. `0x140000000`.
    #[serde(rename = "@base")]
    pub base: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};
    use crate::devices::DimmAddress;
    use crate::units::Unit;

    #[test]
    fn dimm_round_trips() {
        let mut dimm = MemoryDevice::dimm(ScaledSize::kib(524287), 0);
        dimm.access = Some(MemoryAccessMode::Private);
        dimm.discard = Some(YesNo::Yes);
        dimm.address = Some(Address::Dimm(DimmAddress {
            slot: Some(0u32.into()),
            base: Some(Uint::hex(0x1_0000_0000, 9)),
            ..Default::default()
        }));
        assert_xml(
            &dimm,
            "memory",
            "<memory model='dimm' access='private' discard='yes'>\n  <target>\n    <size unit='KiB'>524287</size>\n    <node>0</node>\n  </target>\n  <address type='dimm' slot='0' base='0x100000000'/>\n</memory>",
        );
        let with_source = MemoryDevice {
            source: Some(MemoryDeviceSource {
                nodemask: Some("1-3".into()),
                pagesize: Some(ScaledSize::kib(2048)),
                ..Default::default()
            }),
            ..MemoryDevice::dimm(ScaledSize::kib(524287), 1)
        };
        assert_xml(
            &with_source,
            "memory",
            "<memory model='dimm'>\n  <source>\n    <nodemask>1-3</nodemask>\n    <pagesize unit='KiB'>2048</pagesize>\n  </source>\n  <target>\n    <size unit='KiB'>524287</size>\n    <node>1</node>\n  </target>\n</memory>",
        );
        let target = with_source.target.as_ref().unwrap();
        assert_eq!(
            target.size.as_ref().unwrap().bytes(&Unit::KIB).unwrap(),
            524287 * 1024
        );
    }

    #[test]
    fn nvdimm_round_trips() {
        let nvdimm = MemoryDevice {
            model: Some(MemoryDeviceModel::Nvdimm),
            access: Some(MemoryAccessMode::Shared),
            uuid: Some("e39080c8-7f99-4b12-9c43-d80014e977b8".into()),
            source: Some(MemoryDeviceSource {
                path: Some("/dev/dax0.0".into()),
                alignsize: Some(ScaledSize::kib(2048)),
                pmem: Some(Marker::default()),
                ..Default::default()
            }),
            target: Some(MemoryDeviceTarget {
                size: Some(ScaledSize::kib(524288)),
                node: Some(1),
                label: Some(MemoryLabel {
                    size: Some(ScaledSize::kib(128)),
                    ..Default::default()
                }),
                readonly: Some(Marker::default()),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_xml(
            &nvdimm,
            "memory",
            "<memory model='nvdimm' access='shared'>\n  <uuid>e39080c8-7f99-4b12-9c43-d80014e977b8</uuid>\n  <source>\n    <path>/dev/dax0.0</path>\n    <alignsize unit='KiB'>2048</alignsize>\n    <pmem/>\n  </source>\n  <target>\n    <size unit='KiB'>524288</size>\n    <node>1</node>\n    <label>\n      <size unit='KiB'>128</size>\n    </label>\n    <readonly/>\n  </target>\n</memory>",
        );
    }

    #[test]
    fn virtio_mem_round_trips() {
        let virtio_mem = MemoryDevice {
            model: Some(MemoryDeviceModel::VirtioMem),
            source: Some(MemoryDeviceSource {
                nodemask: Some("1-3".into()),
                pagesize: Some(ScaledSize::kib(2048)),
                ..Default::default()
            }),
            target: Some(MemoryDeviceTarget {
                dynamic_memslots: Some(YesNo::Yes),
                size: Some(ScaledSize::kib(2097152)),
                node: Some(0),
                block: Some(ScaledSize::kib(2048)),
                requested: Some(ScaledSize::kib(1048576)),
                current: Some(ScaledSize::kib(524288)),
                address: Some(MemoryTargetAddress {
                    base: Some(Uint::hex(0x1_5000_0000, 9)),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_xml(
            &virtio_mem,
            "memory",
            "<memory model='virtio-mem'>\n  <source>\n    <nodemask>1-3</nodemask>\n    <pagesize unit='KiB'>2048</pagesize>\n  </source>\n  <target dynamicMemslots='yes'>\n    <size unit='KiB'>2097152</size>\n    <node>0</node>\n    <block unit='KiB'>2048</block>\n    <requested unit='KiB'>1048576</requested>\n    <current unit='KiB'>524288</current>\n    <address base='0x150000000'/>\n  </target>\n</memory>",
        );
    }

    #[test]
    fn other_models_are_modelled() {
        assert_modelled::<MemoryDevice>(
            "<memory model='virtio-pmem' access='shared'>\n  <source>\n    <path>/tmp/virtio_pmem</path>\n  </source>\n  <target>\n    <size unit='KiB'>524288</size>\n    <address base='0x140000000'/>\n  </target>\n  <alias name='virtiopmem0'/>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>\n</memory>",
            "memory",
        );
        let epc: MemoryDevice = assert_modelled(
            "<memory model='sgx-epc'>\n  <target>\n    <size unit='KiB'>16384</size>\n  </target>\n</memory>",
            "memory",
        );
        assert_eq!(epc.model, Some(MemoryDeviceModel::SgxEpc));
    }
}
