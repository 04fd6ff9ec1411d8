//! Resource tuning: vCPU and IOThread allocation, CPU, memory, block I/O and NUMA
//! tuning, resource partitions and disk throttle groups (formatdomain: "CPU
//! Allocation", "IOThreads Allocation", "CPU Tuning", "Memory Tuning", "NUMA Node
//! Tuning", "Block I/O Tuning", "Resource partitioning", "Fibre Channel VMID", "Disk
//! Throttle Group Management").

mod cputune;
mod iothreads;
mod memtune;
mod numatune;
mod resource;

pub use cputune::{
    CacheTune, CacheTuneCache, CacheTuneMonitor, CacheType, CpuTune, EmulatorPin, EmulatorSched,
    IoThreadPin, IoThreadSched, MemoryTune, MemoryTuneMonitor, MemoryTuneNode, Scheduler, VcpuPin,
    VcpuSched,
};
pub use iothreads::{DefaultIoThread, IoThread, IoThreadIds, IoThreadPoll, VcpuState, Vcpus};
pub use memtune::{BlkioDevice, BlkioTune, MemTune};
pub use numatune::{MemNode, NumaPlacement, NumaTune, NumaTuneMemory, NumaTuneMode};
pub use resource::{FibreChannel, Resource, ThrottleGroup, ThrottleGroups};

#[cfg(test)]
mod tests {
    use crate::Domain;

    /// The tuning elements are read wherever they stand and written in libvirt's
    /// order, around `<vcpu>` and before `<os>`.
    #[test]
    fn domain_writes_tuning_in_libvirts_order() {
        let scrambled = "<domain type='kvm'>\n  <name>t</name>\n  <os>\n    <type>hvm</type>\n  </os>\n  \
                         <throttlegroups>\n    <throttlegroup>\n      <group_name>g</group_name>\n    \
                         </throttlegroup>\n  </throttlegroups>\n  <resource>\n    <partition>/machine</partition>\n  \
                         </resource>\n  <numatune>\n    <memory mode='strict' nodeset='0'/>\n  </numatune>\n  \
                         <cputune>\n    <shares>1024</shares>\n  </cputune>\n  \
                         <defaultiothread thread_pool_max='4'/>\n  <iothreadids>\n    <iothread id='1'/>\n  \
                         </iothreadids>\n  <iothreads>1</iothreads>\n  <vcpus>\n    \
                         <vcpu id='0' enabled='yes' hotpluggable='no'/>\n  </vcpus>\n  <vcpu>1</vcpu>\n  \
                         <memtune>\n    <hard_limit unit='KiB'>1048576</hard_limit>\n  </memtune>\n  \
                         <blkiotune>\n    <weight>500</weight>\n  </blkiotune>\n  \
                         <memory unit='KiB'>524288</memory>\n</domain>";
        let domain = Domain::from_xml(scrambled).unwrap();
        assert!(domain.unmodelled().is_empty(), "{:?}", domain.unmodelled());
        let expected = "<domain type='kvm'>\n  <name>t</name>\n  <memory unit='KiB'>524288</memory>\n  \
                        <blkiotune>\n    <weight>500</weight>\n  </blkiotune>\n  \
                        <memtune>\n    <hard_limit unit='KiB'>1048576</hard_limit>\n  </memtune>\n  \
                        <vcpu>1</vcpu>\n  <vcpus>\n    <vcpu id='0' enabled='yes' hotpluggable='no'/>\n  </vcpus>\n  \
                        <iothreads>1</iothreads>\n  <iothreadids>\n    <iothread id='1'/>\n  </iothreadids>\n  \
                        <defaultiothread thread_pool_max='4'/>\n  <cputune>\n    <shares>1024</shares>\n  \
                        </cputune>\n  <numatune>\n    <memory mode='strict' nodeset='0'/>\n  </numatune>\n  \
                        <resource>\n    <partition>/machine</partition>\n  </resource>\n  \
                        <throttlegroups>\n    <throttlegroup>\n      <group_name>g</group_name>\n    \
                        </throttlegroup>\n  </throttlegroups>\n  <os>\n    <type>hvm</type>\n  </os>\n</domain>";
        assert_eq!(domain.to_xml().unwrap(), expected);
        assert_eq!(Domain::from_xml(expected).unwrap(), domain);
    }
}
