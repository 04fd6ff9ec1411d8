//! `<clock>`: how the guest clock is initialised and which timers the guest gets
//! (formatdomain: "Time keeping").

use serde::{Deserialize, Serialize};

use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<clock offset=…>`: what the guest clock follows.
    pub enum ClockOffset {
        /// `utc`: UTC at boot (Linux guests).
        Utc = "utc",
        /// `localtime`: the host's timezone at boot (Windows guests).
        Localtime = "localtime",
        /// `timezone`: the timezone in `timezone`.
        Timezone = "timezone",
        /// `variable`: `adjustment` seconds from `basis`; the guest's changes persist.
        Variable = "variable",
        /// `absolute`: always `start` at startup.
        Absolute = "absolute",
    }
}

value_enum! {
    /// `<clock basis=…>`: what a `variable` clock's adjustment is relative to.
    pub enum ClockBasis {
        /// `utc`
        Utc = "utc",
        /// `localtime`
        Localtime = "localtime",
    }
}

value_enum! {
    /// `<timer name=…>`: a time source.
    pub enum TimerName {
        /// `platform` (unsupported).
        Platform = "platform",
        /// `pit`: the i8254 programmable interval timer.
        Pit = "pit",
        /// `rtc`: the real time clock.
        Rtc = "rtc",
        /// `hpet`: the high precision event timer.
        Hpet = "hpet",
        /// `tsc`: the time stamp counter.
        Tsc = "tsc",
        /// `kvmclock`: KVM's paravirtual clock (Linux guests).
        Kvmclock = "kvmclock",
        /// `hypervclock`: Hyper-V reference time counter (Windows guests).
        Hypervclock = "hypervclock",
        /// `armvtimer`: the ARM virtual timer.
        Armvtimer = "armvtimer",
    }
}

impl Default for TimerName {
    /// `kvmclock`, the timer Phyllome's Linux guests use.
    fn default() -> Self {
        TimerName::Kvmclock
    }
}

value_enum! {
    /// `<timer tickpolicy=…>`: what happens to ticks missed while the guest did not run.
    pub enum TickPolicy {
        /// `delay`: keep the normal rate; the guest falls behind.
        Delay = "delay",
        /// `catchup`: tick faster until caught up.
        Catchup = "catchup",
        /// `merge`: merge missed ticks into one.
        Merge = "merge",
        /// `discard`: drop missed ticks; the guest clock jumps.
        Discard = "discard",
    }
}

value_enum! {
    /// `<timer track=…>`: what an `rtc` or `platform` timer follows.
    pub enum TimerTrack {
        /// `boot`
        Boot = "boot",
        /// `guest`: guest time, which stops while the guest is paused.
        Guest = "guest",
        /// `wall`: host wall clock.
        Wall = "wall",
        /// `realtime`: host real time, immune to host clock changes.
        Realtime = "realtime",
    }
}

value_enum! {
    /// `<timer mode=…>`: how a `tsc` timer is managed.
    pub enum TimerMode {
        /// `auto`
        Auto = "auto",
        /// `native`
        Native = "native",
        /// `emulate`
        Emulate = "emulate",
        /// `paravirt`
        Paravirt = "paravirt",
        /// `smpsafe`
        Smpsafe = "smpsafe",
    }
}

/// `<clock>`: the guest clock's offset and timers (formatdomain: "Time keeping").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Clock {
    /// `offset`: what the guest clock follows.
    #[serde(rename = "@offset")]
    pub offset: Option<ClockOffset>,
    /// `timezone`: with `offset='timezone'`, e.g. `Europe/Paris`.
    #[serde(rename = "@timezone")]
    pub timezone: Option<String>,
    /// `adjustment`: seconds from the basis (e.g. `-3600`, `+60`), or `reset` with
    /// `utc`/`localtime`; kept as written.
    #[serde(rename = "@adjustment")]
    pub adjustment: Option<String>,
    /// `basis`: with `offset='variable'`, utc or localtime.
    #[serde(rename = "@basis")]
    pub basis: Option<ClockBasis>,
    /// `start`: with `offset='absolute'`, the epoch timestamp the clock starts at.
    #[serde(rename = "@start")]
    pub start: Option<u64>,
    /// `<timer>` elements.
    #[serde(rename = "timer")]
    pub timers: Vec<Timer>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Clock {
    /// `<clock offset=…>` with one timer, as Phyllome writes it: `utc` with
    /// `kvmclock` for Linux, `localtime` with a present `hypervclock` for Windows.
    pub fn with_timer(offset: ClockOffset, timer: Timer) -> Self {
        Clock {
            offset: Some(offset),
            timers: vec![timer],
            ..Default::default()
        }
    }
}

/// `<clock><timer>`: one time source and its policy (formatdomain: "Time keeping").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Timer {
    /// `name`: which time source.
    #[serde(rename = "@name")]
    pub name: TimerName,
    /// `present`: whether the guest has this timer.
    #[serde(rename = "@present")]
    pub present: Option<YesNo>,
    /// `tickpolicy`: what happens to missed ticks.
    #[serde(rename = "@tickpolicy")]
    pub tickpolicy: Option<TickPolicy>,
    /// `track`: what an `rtc`/`platform` timer follows.
    #[serde(rename = "@track")]
    pub track: Option<TimerTrack>,
    /// `frequency`: a `tsc` timer's frequency in Hz.
    #[serde(rename = "@frequency")]
    pub frequency: Option<u64>,
    /// `mode`: how a `tsc` timer is managed.
    #[serde(rename = "@mode")]
    pub mode: Option<TimerMode>,
    /// `<catchup>`: catch-up details with `tickpolicy='catchup'`.
    pub catchup: Option<Catchup>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl Timer {
    /// `<timer name=…/>`.
    pub fn new(name: TimerName) -> Self {
        Timer {
            name,
            ..Default::default()
        }
    }
}

/// `<timer><catchup>`: how a `catchup` timer catches up (formatdomain: "Time keeping").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Catchup {
    /// `threshold`
    #[serde(rename = "@threshold")]
    pub threshold: Option<u32>,
    /// `slew`
    #[serde(rename = "@slew")]
    pub slew: Option<u32>,
    /// `limit`
    #[serde(rename = "@limit")]
    pub limit: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_round_trips() {
        let table: Vec<(Clock, &str)> = vec![
            (
                Clock::with_timer(ClockOffset::Utc, Timer::new(TimerName::Kvmclock)),
                "<clock offset='utc'>\n  <timer name='kvmclock'/>\n</clock>",
            ),
            (
                Clock::with_timer(
                    ClockOffset::Localtime,
                    Timer {
                        present: Some(YesNo::Yes),
                        ..Timer::new(TimerName::Hypervclock)
                    },
                ),
                "<clock offset='localtime'>\n  <timer name='hypervclock' present='yes'/>\n</clock>",
            ),
            (
                Clock {
                    offset: Some(ClockOffset::Localtime),
                    timers: vec![
                        Timer {
                            tickpolicy: Some(TickPolicy::Catchup),
                            track: Some(TimerTrack::Guest),
                            catchup: Some(Catchup {
                                threshold: Some(123),
                                slew: Some(120),
                                limit: Some(10000),
                                ..Default::default()
                            }),
                            ..Timer::new(TimerName::Rtc)
                        },
                        Timer {
                            tickpolicy: Some(TickPolicy::Delay),
                            ..Timer::new(TimerName::Pit)
                        },
                        Timer {
                            present: Some(YesNo::No),
                            ..Timer::new(TimerName::Hpet)
                        },
                        Timer {
                            frequency: Some(3_504_000_000),
                            mode: Some(TimerMode::Native),
                            ..Timer::new(TimerName::Tsc)
                        },
                    ],
                    ..Default::default()
                },
                "<clock offset='localtime'>\n  <timer name='rtc' tickpolicy='catchup' track='guest'>\n    \
                 <catchup threshold='123' slew='120' limit='10000'/>\n  </timer>\n  \
                 <timer name='pit' tickpolicy='delay'/>\n  <timer name='hpet' present='no'/>\n  \
                 <timer name='tsc' frequency='3504000000' mode='native'/>\n</clock>",
            ),
            (
                Clock {
                    offset: Some(ClockOffset::Timezone),
                    timezone: Some("Europe/Paris".into()),
                    ..Default::default()
                },
                "<clock offset='timezone' timezone='Europe/Paris'/>",
            ),
            (
                Clock {
                    offset: Some(ClockOffset::Variable),
                    adjustment: Some("-3600".into()),
                    basis: Some(ClockBasis::Localtime),
                    ..Default::default()
                },
                "<clock offset='variable' adjustment='-3600' basis='localtime'/>",
            ),
            (
                Clock {
                    offset: Some(ClockOffset::Utc),
                    adjustment: Some("reset".into()),
                    ..Default::default()
                },
                "<clock offset='utc' adjustment='reset'/>",
            ),
            (
                Clock {
                    offset: Some(ClockOffset::Absolute),
                    start: Some(1_700_000_000),
                    ..Default::default()
                },
                "<clock offset='absolute' start='1700000000'/>",
            ),
        ];
        for (value, text) in table {
            assert_eq!(crate::codec::to_string(&value, "clock").unwrap(), text);
            assert_eq!(
                crate::codec::from_str::<Clock>(text, "clock").unwrap(),
                value,
                "{text}"
            );
        }
    }

    #[test]
    fn unknown_timer_is_kept() {
        let text = "<clock offset='utc'>\n  <timer name='future' present='no'/>\n</clock>";
        let clock = crate::codec::from_str::<Clock>(text, "clock").unwrap();
        assert_eq!(clock.timers[0].name, TimerName::Other("future".into()));
        assert_eq!(crate::codec::to_string(&clock, "clock").unwrap(), text);
    }

    #[test]
    fn bad_present_is_an_error() {
        assert!(crate::codec::from_str::<Clock>(
            "<clock><timer name='rtc' present='on'/></clock>",
            "clock"
        )
        .is_err());
    }
}
